// PII redaction for DLQ peeks. Dead letters carry real customers' data, and the peek is shown in a
// browser: configured fields are replaced on the server, before anything is serialised. When in
// doubt this over-redacts (an `emailVerified` flag goes too): a hidden boolean costs nothing, a
// leaked address does. Beyond the configured fields, e-mail addresses and card numbers are found
// by value (./detect.ts), JSON carried inside a string is redacted like the rest, and every pass
// over untrusted text is linear (./scrub.ts, ./detect.ts): no backtracking regular expression.
import { REDACTED } from '@/lib/config';
import { redactValues } from './detect';
import type { ShownPayload } from './payload-schema';
import { scrubPairs } from './scrub';

export { REDACTED };

/** Payloads above this are not parsed: shown as scrubbed, truncated text instead. */
export const MAX_PARSE_BYTES = 256 * 1024;
/** A redacted JSON payload is shown whole only up to this many characters. */
export const MAX_JSON_CHARS = 16 * 1024;
export const MAX_TEXT_CHARS = 1024;
const MAX_DEPTH = 64;
// Shorter values ("1", "us") would blank out unrelated text when scrubbed by value.
const MIN_SCRUB_VALUE_LENGTH = 3;

export type { ShownPayload };

/** JSON inside a string inside JSON… is unwrapped this many times; deeper stays a (scanned) string. */
const MAX_NESTED_JSON = 4;

/** Configured PII fields, each as lower-case path segments ("customer.email" → customer, email). */
export interface PiiMatcher {
  specs: string[][];
  /** E-mail addresses and card numbers are redacted wherever they appear (on unless configured off). */
  detectValues: boolean;
}

export function piiMatcher(fields: readonly string[], opts: { detectValues?: boolean } = {}): PiiMatcher {
  return {
    specs: fields.map((f) => f.toLowerCase().split('.').filter(Boolean)).filter((s) => s.length > 0),
    detectValues: opts.detectValues ?? true,
  };
}

/** Words of a name: `x-Customer_email`, `customerEmail` and `customer.email` all give customer, email. */
function tokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function containsRun(haystack: string[], needle: string[]): boolean {
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((n, j) => haystack[i + j] === n)) return true;
  }
  return false;
}

/** A key names a field when it is the field or has its words in it (`billingAddress` for address). */
function keyMatches(key: string, segment: string): boolean {
  return key.toLowerCase() === segment || containsRun(tokens(key), tokens(segment));
}

/** A dotted spec matches the end of the key path: `customer.email` matches …/customer/email. */
function pathMatches(path: readonly string[], spec: readonly string[]): boolean {
  if (spec.length > path.length) return false;
  const tail = path.slice(path.length - spec.length);
  return spec.every((seg, i) => (i === spec.length - 1 ? keyMatches(tail[i]!, seg) : tail[i]!.toLowerCase() === seg));
}

/** Header names are flat: any field whose last segment's words appear in the name. */
export function isPiiName(name: string, matcher: PiiMatcher): boolean {
  return matcher.specs.some((spec) => keyMatches(name, spec[spec.length - 1]!));
}

/** Collects the primitive values that were redacted, so the same values can be scrubbed from free text. */
function collectValues(value: unknown, into: Set<string>): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'object') {
    for (const v of Object.values(value as object)) collectValues(v, into);
    return;
  }
  const text = String(value);
  if (text.length >= MIN_SCRUB_VALUE_LENGTH) into.add(text);
}

function looksLikeJson(text: string): boolean {
  const t = text.trim();
  return (t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'));
}

/**
 * Replaces every configured field, at any depth and inside arrays, and (with detectValues) every
 * e-mail address and card number in values and keys. A string holding JSON is parsed, redacted the
 * same way and written back. Returns the values it removed.
 */
export function redactJson(value: unknown, matcher: PiiMatcher): { value: unknown; redactedFields: number; removed: Set<string> } {
  const removed = new Set<string>();
  let redactedFields = 0;
  const detected = (text: string): string => {
    if (!matcher.detectValues) return text;
    const result = redactValues(text);
    redactedFields += result.found;
    return result.text;
  };
  const walkString = (text: string, path: string[], depth: number, nested: number): unknown => {
    if (nested < MAX_NESTED_JSON && looksLikeJson(text)) {
      try {
        return JSON.stringify(walk(JSON.parse(text), path, depth + 1, nested + 1));
      } catch {
        // not JSON after all: scanned as text below
      }
    }
    return detected(text);
  };
  const walk = (node: unknown, path: string[], depth: number, nested: number): unknown => {
    if (typeof node === 'string') return walkString(node, path, depth, nested);
    if (node === null || typeof node !== 'object') return node;
    if (depth > MAX_DEPTH) return '[too deep]';
    if (Array.isArray(node)) return node.map((item) => walk(item, path, depth + 1, nested));
    const out: Record<string, unknown> = {};
    for (const [rawKey, child] of Object.entries(node)) {
      // A key may itself be an address (a map from customer e-mail to orders).
      let key = detected(rawKey);
      for (let n = 2; key !== rawKey && key in out; n++) key = `${REDACTED} ${n}`;
      const childPath = [...path, rawKey];
      if (matcher.specs.some((spec) => pathMatches(childPath, spec))) {
        collectValues(child, removed);
        redactedFields++;
        out[key] = REDACTED;
      } else {
        out[key] = walk(child, childPath, depth + 1, nested);
      }
    }
    return out;
  };
  return { value: walk(value, [], 0, 0), redactedFields, removed };
}

/** Free-text keys are judged by substring, as the old pattern did: `billingemail=` counts for email. */
const freeTextKeyMatcher = (matcher: PiiMatcher) => {
  const fields = matcher.specs.map((spec) => spec[spec.length - 1]!);
  return (key: string) => {
    const lower = key.toLowerCase();
    return fields.some((field) => lower.includes(field));
  };
};

/**
 * Scrubs free text (a non-JSON payload, an exception message, a header, a key): `email=…`,
 * `"email": "…"` and `email: …` lose their values, values already removed from the JSON payload
 * are blanked wherever else they appear (an exception message quoting the bad document), and
 * e-mail addresses and card numbers go by value. Linear in the text (see ./scrub.ts).
 */
export function scrubText(text: string, matcher: PiiMatcher, removed: Iterable<string> = []): string {
  let out = text;
  // Callers pass short texts here (headers, keys, exception messages); long ones come without values.
  for (const value of [...removed].sort((a, b) => b.length - a.length)) if (out.includes(value)) out = out.split(value).join(REDACTED);
  if (matcher.specs.length > 0) out = scrubPairs(out, freeTextKeyMatcher(matcher));
  return matcher.detectValues ? redactValues(out).text : out;
}

/** UTF-8 text without control characters (other than tabs and newlines), or undefined for binary. */
function asText(bytes: Buffer): string | undefined {
  try {
    // stream: a payload cut at MAX_PARSE_BYTES may end inside a character; that is not binary.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    // eslint-disable-next-line no-control-regex -- control characters are how binary is recognised
    return /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

function truncatedText(text: string, note: string): ShownPayload {
  const truncated = text.length > MAX_TEXT_CHARS;
  return { kind: 'text', text: truncated ? `${text.slice(0, MAX_TEXT_CHARS)}…` : text, truncated, note };
}

/** The payload as it may be shown, plus every value removed from it (for scrubbing key and headers). */
export function redactPayload(payload: Buffer | null, matcher: PiiMatcher): { payload: ShownPayload; removed: Set<string> } {
  if (!payload || payload.length === 0)
    return { payload: { kind: 'empty', bytes: 0, note: 'empty payload (a tombstone)' }, removed: new Set() };
  const size = payload.length;
  const text = asText(size > MAX_PARSE_BYTES ? payload.subarray(0, MAX_PARSE_BYTES) : payload);
  if (text === undefined) {
    // Binary formats (Avro, Protobuf) hold strings we cannot locate by field name: show none of it.
    return {
      payload: { kind: 'binary', bytes: size, note: `binary payload of ${size} bytes not shown: PII fields cannot be located in it` },
      removed: new Set(),
    };
  }
  if (size <= MAX_PARSE_BYTES && /^\s*[[{]/.test(text)) {
    try {
      const { value, redactedFields, removed } = redactJson(JSON.parse(text), matcher);
      const json = JSON.stringify(value);
      if (json.length <= MAX_JSON_CHARS) return { payload: { kind: 'json', value, redactedFields }, removed };
      return { payload: truncatedText(json, `JSON of ${size} bytes, fields redacted, shown truncated`), removed };
    } catch {
      // not JSON after all: fall through to text
    }
  }
  const note =
    size > MAX_PARSE_BYTES
      ? `payload of ${size} bytes too large to parse; fields redacted by pattern, shown truncated`
      : 'not JSON: fields redacted by pattern, shown truncated';
  return { payload: truncatedText(scrubText(text, matcher), note), removed: new Set() };
}
