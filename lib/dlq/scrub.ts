// Free-text scrubbing of `field=value`, `"field": "value"` and `field: value`, in one forward pass.
// Each `:` or `=` looks back over at most one key (bounded, and never behind what was already
// handled) and forward over its value, so the cost is linear in the text whatever it holds. The
// regular expression this replaces (`[\w.-]*field[\w.-]*\s*[:=]…`) backtracked quadratically: 64 KiB
// of `_` took seconds per field.
import { REDACTED } from '@/lib/config';

const MAX_KEY = 128;
const MAX_GAP = 16;

const isKeyChar = (c: string) => {
  const n = c.charCodeAt(0);
  return (n >= 48 && n <= 57) || (n >= 65 && n <= 90) || (n >= 97 && n <= 122) || n === 95 || n === 46 || n === 45;
};
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const endsBareValue = (c: string) => isSpace(c) || c === ',' || c === ';' || c === '&' || c === '}' || c === ']';

/** Where the key before the separator at `sep` starts and ends, not looking before `floor`. */
function keyBefore(text: string, sep: number, floor: number): { start: number; end: number } | undefined {
  let end = sep;
  while (end > floor && sep - end < MAX_GAP && isSpace(text[end - 1]!)) end--;
  if (end > floor && (text[end - 1] === '"' || text[end - 1] === "'")) end--;
  let start = end;
  while (start > floor && end - start < MAX_KEY && isKeyChar(text[start - 1]!)) start--;
  return start === end ? undefined : { start, end };
}

/** Where the value after the separator at `sep` starts and ends. */
function valueAfter(text: string, sep: number): { start: number; end: number } {
  let start = sep + 1;
  let gap = 0;
  while (start < text.length && gap < MAX_GAP && isSpace(text[start]!)) [start, gap] = [start + 1, gap + 1];
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    let end = start + 1;
    while (end < text.length && text[end] !== quote) end += quote === '"' && text[end] === '\\' ? 2 : 1;
    return { start, end: Math.min(text.length, end + 1) };
  }
  let end = start;
  while (end < text.length && !endsBareValue(text[end]!)) end++;
  return { start, end };
}

/** Every value whose key `isPiiKey` accepts, replaced by "[redacted]". */
export function scrubPairs(text: string, isPiiKey: (key: string) => boolean): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== ':' && c !== '=') continue;
    const key = keyBefore(text, i, copied);
    if (!key || !isPiiKey(text.slice(key.start, key.end))) continue;
    const value = valueAfter(text, i);
    if (value.end === value.start) continue;
    out += text.slice(copied, value.start) + REDACTED;
    copied = value.end;
    i = value.end - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
