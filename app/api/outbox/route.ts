// GET /api/outbox — per configured outbox: unsent rows, oldest unsent age, published/s, the
// per-aggregate-type breakdown, and the outbox collector's status and notes. A store that cannot
// be read is a 503 (lib/http/route.ts).
import { route } from '@/lib/http/route';
import { loadOutboxes } from '@/lib/views/outbox/loader';
import { outboxDataSchema } from '@/lib/views/outbox/schema';
import { noParamsSchema } from '@/lib/views/shared/query';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', query: noParamsSchema, response: outboxDataSchema, load: () => loadOutboxes() });
