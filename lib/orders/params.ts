// The order id as pasted: any text is allowed (it is only ever a bound parameter and escaped
// output), trimmed, within the length the key index stores.
import { z } from 'zod';
import { MAX_KEY_VALUE_LENGTH } from '@/lib/otlp/normalize';

export const orderIdSchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, { error: 'expected an order id, found nothing' })
      .max(MAX_KEY_VALUE_LENGTH, { error: `expected an order id of at most ${MAX_KEY_VALUE_LENGTH} characters` }),
  );

// Next.js hands pages their dynamic segment still percent-encoded, but route handlers theirs
// already decoded, so "%41" pasted literally would come out as "A" in one of them. Both are
// therefore decoded exactly once, from the encoded form: the page from its param, the API from
// the request URL itself.

/** A page's `[orderId]` segment (percent-encoded) to the id as pasted. */
export function orderIdFromSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a lone "%" is a legal thing to paste
  }
}

/** The id from `/api/orders/<id>` in the raw request URL. */
export function orderIdFromUrl(url: string): string {
  return orderIdFromSegment(new URL(url).pathname.split('/').at(-1) ?? '');
}
