// The bounds of one order lookup, and how the page words the ones a lookup ran into. Pure: the
// order page's component imports the words from here.

export const STITCH_LIMITS = {
  /** span_keys rows read for the pasted id. */
  keyHits: 1_000,
  traces: 200,
  spans: 2_000,
  /** span_links rows read per trace when asking which traces link to it. */
  linksPerTrace: 50,
  /** Link hops followed beyond the traces that carry the key. */
  linkDepth: 3,
};

export type StitchLimits = typeof STITCH_LIMITS;

/** The caps that cut a timeline short (the link depth ends the search; it hides nothing known). */
export const LIMIT_NAMES = ['keyHits', 'traces', 'spans', 'linksPerTrace'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

const WORDS: Record<LimitName, (n: number) => string> = {
  keyHits: (n) => `${n.toLocaleString('en-US')} spans carrying the id`,
  traces: (n) => `${n.toLocaleString('en-US')} traces`,
  spans: (n) => `${n.toLocaleString('en-US')} spans`,
  linksPerTrace: (n) => `${n.toLocaleString('en-US')} links into one trace`,
};

/** "200 traces, 2,000 spans": the caps hit, in the page's words. */
export function limitsHitWords(hit: readonly LimitName[], limits: StitchLimits = STITCH_LIMITS): string {
  return LIMIT_NAMES.filter((name) => hit.includes(name))
    .map((name) => WORDS[name](limits[name]))
    .join(', ');
}
