// GET /api/demo/faults — the demo shop's fault switches (viewer).
// POST /api/demo/faults — { name, on, value? } or { allOff: true } (admin). Only in demo mode.
// The shop's database is a monitored system: its failures are 503s with the kind in words.
import { demoMode } from '@/lib/demo-mode';
import { faultChangeAnswerSchema, faultChangeSchema, faultsAnswerSchema, shopFailure } from '@/lib/fault-switches/api';
import { flipFault, readFaults, resetFaults } from '@/lib/fault-switches/panel';
import { notFound } from '@/lib/http/not-found';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

const NOT_DEMO = 'the fault panel exists only in demo mode (npm start runs the demo shop)';

export const GET = route({
  role: 'viewer',
  response: faultsAnswerSchema,
  failure: 'could not read the switches',
  load: async () => {
    const demo = demoMode();
    if (!demo) return notFound(NOT_DEMO);
    return { faults: await readFaults(demo.shopDatabaseUrl).catch((error: unknown) => Promise.reject(shopFailure(error))) };
  },
});

export const POST = route({
  role: 'admin',
  body: faultChangeSchema,
  response: faultChangeAnswerSchema,
  failure: 'could not flip the switch',
  load: async ({ body }) => {
    const demo = demoMode();
    if (!demo) return notFound(NOT_DEMO);
    const shop = demo.shopDatabaseUrl;
    try {
      if ('allOff' in body) return { faults: await resetFaults(shop) };
      return { fault: await flipFault(shop, body.name, body.on, body.value) };
    } catch (error) {
      throw shopFailure(error);
    }
  },
});
