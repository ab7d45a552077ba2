// GET /api/wall — the wall screen's numbers. Answers within a couple of seconds whatever the store
// does: an unreachable or hung store is a 503 with `{ error: { code: 'unavailable', message } }`,
// which the screen turns into its stale banner.
import { authorize } from '@/lib/auth/guard';
import { fail, ok } from '@/lib/http/response';
import { loadWall, StoreUnavailableError } from '@/lib/views/wall/loader';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  // 1. parse: no parameters.
  const auth = authorize(request, 'viewer');
  if (!auth.ok) return auth.response;
  try {
    return ok(await loadWall());
  } catch (error) {
    if (error instanceof StoreUnavailableError) return fail('unavailable', `store unreachable: ${error.message}`);
    throw error;
  }
}
