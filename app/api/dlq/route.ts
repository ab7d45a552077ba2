// GET /api/dlq — per configured DLQ: depth, inflow/min, newest and oldest message age, and the
// error classes that arrived in the last hour. A store that cannot be read is a 503
// (lib/http/route.ts).
import { route } from '@/lib/http/route';
import { loadDlqs } from '@/lib/views/dlq/loader';
import { dlqDataSchema } from '@/lib/views/dlq/schema';
import { noParamsSchema } from '@/lib/views/shared/query';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', query: noParamsSchema, response: dlqDataSchema, load: () => loadDlqs() });
