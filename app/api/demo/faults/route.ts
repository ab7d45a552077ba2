// GET /api/demo/faults — the demo shop's fault switches (viewer).
// POST /api/demo/faults — { name, on, value? } or { allOff: true } (admin). Only in demo mode.
import { z } from 'zod';
import { FAULT_NAMES } from '@/lib/fault-switches/catalogue';
import { authorize } from '@/lib/auth/guard';
import { demoMode } from '@/lib/demo-mode';
import { fail, ok } from '@/lib/http/response';
import { flipFault, readFaults, resetFaults } from '@/lib/fault-switches/panel';

export const dynamic = 'force-dynamic';

const change = z.union([
  z.object({ name: z.enum(FAULT_NAMES), on: z.boolean(), value: z.number().positive().optional() }),
  z.object({ allOff: z.literal(true) }),
]);

const NOT_DEMO = 'the fault panel exists only in demo mode (npm start runs the demo shop)';

export async function GET(request: Request) {
  const demo = demoMode();
  if (!demo) return fail('not_found', NOT_DEMO);
  const auth = authorize(request, 'viewer');
  if (!auth.ok) return auth.response;
  try {
    return ok({ faults: await readFaults(demo.shopDatabaseUrl) });
  } catch (error) {
    return fail('unavailable', `shop database unreachable: ${(error as Error).message}`);
  }
}

export async function POST(request: Request) {
  const demo = demoMode();
  if (!demo) return fail('not_found', NOT_DEMO);
  const parsed = change.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return fail('bad_request', `expected { name: one of ${FAULT_NAMES.join(', ')}, on: true|false, value?: number } or { allOff: true }`);
  const auth = authorize(request, 'admin');
  if (!auth.ok) return auth.response;
  try {
    if ('allOff' in parsed.data) return ok({ faults: await resetFaults(demo.shopDatabaseUrl) });
    const { name, on, value } = parsed.data;
    return ok({ fault: await flipFault(demo.shopDatabaseUrl, name, on, value) });
  } catch (error) {
    return fail('unavailable', `could not flip the switch: ${(error as Error).message}`);
  }
}
