// Strings from the wire made storable. Postgres refuses NUL in text and jsonb, and jsonb refuses
// the "\ud800" escapes JSON.stringify writes for lone surrogates; either would fail a whole batch
// of other senders' spans, so both are replaced with U+FFFD before anything reaches the store.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// One cheap character-class scan first: nearly every string from a real exporter passes it.
const SUSPECT = /[\0\uD800-\uDFFF]/;

export function storable(text: string): string {
  if (!SUSPECT.test(text)) return text;
  let out = text.includes('\0') ? text.replaceAll('\0', '\uFFFD') : text;
  LONE_SURROGATE.lastIndex = 0;
  if (LONE_SURROGATE.test(out)) out = out.replace(LONE_SURROGATE, '\uFFFD');
  return out;
}

const HEX = /^[0-9a-f]*$/;

/** An id as JSON sends it (hex), lowercased; validity is judged later by isValidId. */
export function hexId(value: string): string {
  return value.toLowerCase();
}

export function isValidId(hex: string, length: 16 | 32): boolean {
  return hex.length === length && HEX.test(hex) && !/^0+$/.test(hex);
}
