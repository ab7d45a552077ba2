// GET /api/indexing — per search source: write rejections (overload, from node stats), index and
// failure rates per node, doc counts per index, and bad documents (mapping rejections, from DLQ
// error classes). A store that cannot be read is a 503 (lib/http/route.ts).
import { route } from '@/lib/http/route';
import { loadIndexing } from '@/lib/views/indexing/loader';
import { indexingDataSchema } from '@/lib/views/indexing/schema';
import { noParamsSchema } from '@/lib/views/shared/query';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', query: noParamsSchema, response: indexingDataSchema, load: () => loadIndexing() });
