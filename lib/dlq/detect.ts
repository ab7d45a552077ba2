// Value detectors: e-mail addresses and card numbers are redacted wherever they appear in a dead
// letter — in fields nobody listed in piiFields, in free text, in keys. One forward pass with
// bounded look-around, no regular expression: the text is untrusted, and a backtracking pattern
// over 256 KiB of `_` or digits is how a peek used to block the event loop for a minute.
import { REDACTED } from '@/lib/config';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MIN_CARD_DIGITS = 13;
const MAX_CARD_DIGITS = 19;

const code = (text: string, i: number) => text.charCodeAt(i);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAlnum = (c: number) => isDigit(c) || isLetter(c);
// RFC 5322's dot-atom, minus the rare characters no one types: enough to catch what people send.
const isLocalChar = (c: number) =>
  isAlnum(c) || c === 46 /* . */ || c === 95 /* _ */ || c === 37 /* % */ || c === 43 /* + */ || c === 45; /* - */
const isDomainChar = (c: number) => isAlnum(c) || c === 46 || c === 45;

/** Luhn's checksum, as card numbers carry it; random digit runs pass one time in ten. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** The e-mail address around the `@` at `at`, as [start, end), or undefined; never looks before `floor`. */
function emailAt(text: string, at: number, floor: number): [number, number] | undefined {
  let start = at;
  while (start > floor && at - start < MAX_LOCAL && isLocalChar(code(text, start - 1))) start--;
  let end = at + 1;
  while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(code(text, end))) end++;
  while (end > at + 1 && (code(text, end - 1) === 46 || code(text, end - 1) === 45)) end--; // "mail me at a@b.com."
  if (start === at || end === at + 1) return undefined;
  // Scanned by hand within the domain: lastIndexOf would run back over the whole text each time.
  let lastDot = end - 1;
  while (lastDot > at && code(text, lastDot) !== 46) lastDot--;
  if (lastDot <= at + 1 || end - lastDot - 1 < 2) return undefined;
  for (let i = lastDot + 1; i < end; i++) if (!isLetter(code(text, i))) return undefined;
  return [start, end];
}

/** A run of 13–19 digits, single spaces or dashes between them allowed, Luhn-valid, from `from`; and where the run ends. */
function cardAt(text: string, from: number): { end: number; card: boolean } {
  let digits = '';
  let i = from;
  let lastDigitEnd = from;
  while (i < text.length) {
    const c = code(text, i);
    if (isDigit(c)) {
      digits += text[i];
      i++;
      lastDigitEnd = i;
      if (digits.length > MAX_CARD_DIGITS) break;
    } else if ((c === 32 || c === 45) && i + 1 < text.length && isDigit(code(text, i + 1)) && i === lastDigitEnd) {
      i++;
    } else {
      break;
    }
  }
  if (digits.length > MAX_CARD_DIGITS) {
    // Too long for a card: skip the whole digit run so its tail is not taken for one.
    while (i < text.length && isDigit(code(text, i))) i++;
    return { end: i, card: false };
  }
  const bounded = lastDigitEnd >= text.length || !isAlnum(code(text, lastDigitEnd));
  const card = bounded && digits.length >= MIN_CARD_DIGITS && luhnValid(digits);
  return { end: lastDigitEnd, card };
}

/** The text with every e-mail address and card number replaced by "[redacted]"; how many were. */
export function redactValues(text: string): { text: string; found: number } {
  let out = '';
  let copied = 0;
  let found = 0;
  let i = 0;
  while (i < text.length) {
    const c = code(text, i);
    if (c === 64 /* @ */) {
      const email = emailAt(text, i, copied);
      if (email) {
        out += text.slice(copied, email[0]) + REDACTED;
        copied = i = email[1];
        found++;
        continue;
      }
    } else if (isDigit(c) && (i === 0 || !isAlnum(code(text, i - 1)))) {
      const run = cardAt(text, i);
      if (run.card) {
        out += text.slice(copied, i) + REDACTED;
        copied = run.end;
        found++;
      }
      i = Math.max(run.end, i + 1);
      continue;
    }
    i++;
  }
  return found === 0 ? { text, found } : { text: out + text.slice(copied), found };
}
