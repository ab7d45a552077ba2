// GET /api/dlq/:dlq/peek[?limit=1..500] — the newest messages of a DLQ, PII redacted. Admins only:
// dead letters carry customers' data even after redaction, and each peek reads the monitored
// cluster. 404 for a DLQ the config does not name; 503 when the cluster cannot be read.
import { z } from 'zod';
import { NAME } from '@/lib/config/fields';
import { MAX_PEEK } from '@/lib/dlq/peek';
import { notFound } from '@/lib/http/not-found';
import { route } from '@/lib/http/route';
import { peekConfiguredDlq } from '@/lib/views/dlq/peek-loader';
import { dlqPeekSchema } from '@/lib/views/dlq/schema';

export const dynamic = 'force-dynamic';

const LIMIT = `expected a limit from 1 to ${MAX_PEEK}`;
const querySchema = z.strictObject({
  limit: z
    .string()
    .regex(/^\d{1,3}$/, { error: LIMIT })
    .transform(Number)
    .pipe(z.number().min(1, { error: LIMIT }).max(MAX_PEEK, { error: LIMIT }))
    .optional(),
});

export const GET = route({
  role: 'admin',
  forbidden: 'peeking at DLQ messages needs the admin role; viewers see depth, inflow and error classes only',
  params: z.object({ dlq: z.string().regex(NAME, { error: 'expected a DLQ name of letters, digits, "-" and "_"' }) }),
  query: querySchema,
  response: dlqPeekSchema,
  failure: 'could not peek',
  load: async ({ params, query, request }) => {
    // The request's signal: a peek whose browser tab closed stops reading the cluster.
    const outcome = await peekConfiguredDlq(params.dlq, query.limit, request.signal);
    return outcome.kind === 'ok' ? outcome.peek : notFound(outcome.message);
  },
});
