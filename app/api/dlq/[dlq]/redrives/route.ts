// GET /api/dlq/:dlq/redrives — the audit of a DLQ's redrives, newest first: who, when, which
// offset, to which topic and offset, and the result. 404 when redrive is not enabled for the DLQ;
// 503 when the store cannot be read.
import { z } from 'zod';
import { NAME } from '@/lib/config/fields';
import { notFound } from '@/lib/http/not-found';
import { route } from '@/lib/http/route';
import { noParamsSchema } from '@/lib/views/shared/query';
import { loadRedriveAudit } from '@/lib/views/dlq/redrive-loader';
import { redriveAuditSchema } from '@/lib/views/dlq/redrive-schema';

export const dynamic = 'force-dynamic';

export const GET = route({
  role: 'viewer',
  params: z.object({ dlq: z.string().regex(NAME, { error: 'expected a DLQ name of letters, digits, "-" and "_"' }) }),
  query: noParamsSchema,
  response: redriveAuditSchema,
  load: async ({ params }) => {
    const audit = await loadRedriveAudit(params.dlq);
    return audit.kind === 'ok' ? audit.data : notFound(audit.message);
  },
});
