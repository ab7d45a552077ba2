// GET /api/lag?cluster=&verdict=&q=&sort=lag|lagSeconds|group|verdict&dir=asc|desc&page=&size=
// One page (≤ 100) of consumer groups, sorted and filtered in the store; unknown lag sorts last in
// either direction. A store that cannot be read is a 503 (lib/http/route.ts).
import { route } from '@/lib/http/route';
import { loadLagGroups } from '@/lib/views/lag/list-loader';
import { lagListQuerySchema } from '@/lib/views/lag/params';
import { lagGroupsSchema } from '@/lib/views/lag/schema';

export const dynamic = 'force-dynamic';

export const GET = route({
  role: 'viewer',
  query: lagListQuerySchema,
  response: lagGroupsSchema,
  load: ({ query }) => loadLagGroups(query),
});
