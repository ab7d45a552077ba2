// The order id as pasted: any text is allowed (it is only ever a bound parameter and escaped
// output), trimmed, within the length the key index stores.
import { z } from 'zod';
import { decodePathSegment } from '@/lib/http/path-segment';
import { MAX_KEY_VALUE_LENGTH } from '@/lib/otlp/normalize';
import { storable } from '@/lib/otlp/text';

export const orderIdSchema = z
  .string()
  // Made storable as the receiver stores keys (NUL and lone surrogates to U+FFFD): Postgres refuses
  // NUL even as a bound parameter, and the stored key holds the replacement anyway.
  .transform((s) => storable(s.trim()))
  .pipe(
    z
      .string()
      .min(1, { error: 'expected an order id, found nothing' })
      .max(MAX_KEY_VALUE_LENGTH, { error: `expected an order id of at most ${MAX_KEY_VALUE_LENGTH} characters` }),
  );

/** The id from `/api/orders/<id>`, decoded once from the raw request URL (see lib/http/path-segment). */
export function orderIdFromUrl(url: string): string {
  return decodePathSegment(new URL(url).pathname.split('/').at(-1) ?? '');
}
