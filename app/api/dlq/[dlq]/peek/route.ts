// GET /api/dlq/:dlq/peek[?limit=1..500] — the newest messages of a DLQ, PII redacted. Admins only:
// dead letters carry customers' data even after redaction, and each peek reads the monitored
// cluster. 404 for a DLQ the config does not name; 503 when the cluster cannot be read.
import { z } from 'zod';
import { authorize } from '@/lib/auth/guard';
import { NAME } from '@/lib/config/fields';
import { MAX_PEEK } from '@/lib/dlq/peek';
import { ERROR_KIND_WORDS, TruthflowError } from '@/lib/errors';
import { fail, ok } from '@/lib/http/response';
import { peekConfiguredDlq } from '@/lib/views/dlq/peek-loader';
import { firstProblem, queryOf } from '@/lib/views/shared/query';

export const dynamic = 'force-dynamic';

const nameSchema = z.string().regex(NAME, { error: 'dlq: expected a DLQ name of letters, digits, "-" and "_"' });
const querySchema = z.strictObject({
  limit: z
    .string()
    .regex(/^\d{1,3}$/, { error: `expected a limit from 1 to ${MAX_PEEK}` })
    .transform(Number)
    .pipe(z.number().min(1, { error: `expected a limit from 1 to ${MAX_PEEK}` }).max(MAX_PEEK, { error: `expected a limit from 1 to ${MAX_PEEK}` }))
    .optional(),
});

export async function GET(request: Request, ctx: { params: Promise<{ dlq: string }> }) {
  const name = nameSchema.safeParse((await ctx.params).dlq);
  const query = querySchema.safeParse(queryOf(request));
  if (!name.success) return fail('bad_request', firstProblem(name.error));
  if (!query.success) return fail('bad_request', firstProblem(query.error));
  const auth = authorize(request, 'admin');
  if (!auth.ok) {
    return auth.response.status === 403 ? fail('forbidden', 'peeking at DLQ messages needs the admin role; viewers see depth, inflow and error classes only') : auth.response;
  }
  try {
    const outcome = await peekConfiguredDlq(name.data, query.data.limit);
    return outcome.kind === 'ok' ? ok(outcome.peek) : fail('not_found', outcome.message);
  } catch (error) {
    const e = error instanceof TruthflowError ? error : new TruthflowError('network', String(error));
    return fail('unavailable', `could not peek: ${ERROR_KIND_WORDS[e.kind]} (${e.message})`);
  }
}
