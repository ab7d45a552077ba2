// Next.js 16 hands a page component its dynamic segment still percent-encoded ("sp%20ace") but
// route handlers and generateMetadata the decoded one ("sp ace"). Free-form values — consumer
// group ids, pasted order ids — may hold "/", "%" and spaces, so they must be decoded exactly
// once: pages through this function, route handlers from the raw request URL.

/** A raw path segment to the value as typed; one that does not decode (a lone "%") is kept as it is. */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
