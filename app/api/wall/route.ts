// GET /api/wall — the wall screen's numbers. Answers within a couple of seconds whatever the store
// does: an unreachable or hung store is a 503 with `{ error: { code: 'unavailable', message } }`
// (the loader's deadline, lib/http/route.ts's policy), which the screen turns into its stale banner.
import { route } from '@/lib/http/route';
import { loadWall } from '@/lib/views/wall/loader';
import { wallSchema } from '@/lib/views/wall/schema';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', response: wallSchema, load: () => loadWall() });
