// POST /api/dlq/:dlq/redrive — { dryRun, partition?, fromOffset?, toOffset?, errorClass?, key? }:
// what would be sent where (dryRun: true, nothing written anywhere), or sends the selected dead
// letters back to their original topics and audits each one. Admins only; a DLQ without
// `redrive.enabled` has no redrive at all (404). 429 while a redrive of the same DLQ runs; 503
// when the cluster fails.
import { z } from 'zod';
import { NAME } from '@/lib/config/fields';
import { fail, tooMany } from '@/lib/http/response';
import { route } from '@/lib/http/route';
import { runRedrive } from '@/lib/views/dlq/redrive-loader';
import { redriveOutcomeSchema, redriveRequestSchema } from '@/lib/views/dlq/redrive-schema';

export const dynamic = 'force-dynamic';

export const POST = route({
  role: 'admin',
  forbidden: 'redriving DLQ messages needs the admin role',
  params: z.object({ dlq: z.string().regex(NAME, { error: 'expected a DLQ name of letters, digits, "-" and "_"' }) }),
  body: redriveRequestSchema,
  response: redriveOutcomeSchema,
  failure: 'could not redrive',
  load: ({ params, body, caller, request }) => runRedrive(params.dlq, body, caller, request.signal),
  respond: (outcome, { json }) => {
    if (outcome.kind === 'not_found') return fail('not_found', outcome.message);
    if (outcome.kind === 'busy') return tooMany(outcome.message, 5);
    return json(outcome.data);
  },
});
