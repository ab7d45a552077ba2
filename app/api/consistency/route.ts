// GET /api/consistency — each configured reconciliation: its newest run (missing, extra and stale
// counts, oldest mismatch age, budget use, a note when the budget cut it short) and the counts of
// the last 24 hours' runs. 503 when the store cannot be read (lib/http/route.ts).
import { route } from '@/lib/http/route';
import { loadConsistency } from '@/lib/views/consistency/loader';
import { consistencyDataSchema } from '@/lib/views/consistency/schema';
import { noParamsSchema } from '@/lib/views/shared/query';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', query: noParamsSchema, response: consistencyDataSchema, load: () => loadConsistency() });
