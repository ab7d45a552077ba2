// Everything the order page and GET /api/orders/:id show for one pasted id: the stitched spans,
// the waterfall structure, the expected pipeline with its first missing hop, and live checks.
import type pg from 'pg';
import type { TruthflowConfig } from '@/lib/config';
import type { StoredSpan } from '@/lib/store/queries/spans';
import { planChecks, runChecks } from './checks/run';
import { expectedPipelines } from './expected';
import { chooseFeature, pipelinesOfOrder } from './feature';
import { loadOrderRecords } from './records';
import { stitchOrder } from './stitch';
import { buildTimeline } from './timeline';
import type { OrderView, TimelineSpan } from './types';

export interface OrderViewDeps {
  config: TruthflowConfig;
  /** The Truthflow store; the process pool when omitted. */
  db?: pg.Pool;
  /** The request's: a client that went away stops waiting for a live DLQ read. */
  signal?: AbortSignal;
}

const toTimelineSpan = (s: StoredSpan): TimelineSpan => ({
  traceId: s.traceId,
  spanId: s.spanId,
  parentSpanId: s.parentSpanId,
  name: s.name,
  kind: s.kind,
  serviceName: s.serviceName,
  lane: s.stage ?? s.serviceName,
  startUs: s.startUs,
  endUs: s.endUs,
  statusCode: s.statusCode,
  statusMessage: s.statusMessage,
  attributes: s.attributes,
  events: s.events,
  links: s.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId })),
});

export async function loadOrderView(orderId: string, deps: OrderViewDeps): Promise<OrderView> {
  const { config } = deps;
  const stitched = await stitchOrder(orderId, config.traces.businessKeys, deps.db);
  const spans = stitched.spans.map(toTimelineSpan);
  const chosen = chooseFeature(config, spans);
  const pipelines = chosen ? pipelinesOfOrder(config, chosen) : [];
  // With spans, check the stages of the order's own pipelines; with none, look everywhere.
  const plan = planChecks(config, spans.length && chosen ? pipelines : null);
  const [checks, records] = await Promise.all([
    runChecks(config, plan, orderId, deps.signal),
    loadOrderRecords(orderId, config, spans.length && chosen ? pipelines : null),
  ]);
  return {
    orderId,
    found: spans.length > 0 || checks.some((c) => c.status === 'found'),
    keyNames: config.traces.businessKeys,
    matchedKeyNames: [...new Set(stitched.keyHits.map((h) => h.keyName))],
    spans,
    timeline: buildTimeline(spans),
    feature: chosen ? { name: chosen.feature.name, tier: chosen.feature.tier, reason: chosen.reason } : null,
    pipelines: expectedPipelines(config, pipelines, spans, checks),
    checks,
    records,
    truncated: stitched.truncated,
    limitsHit: stitched.limitsHit,
    generatedAt: new Date().toISOString(),
  };
}

/** The 404 message: what was looked at, so the next step is obvious. */
export function notFoundMessage(view: OrderView): string {
  const looked = view.checks.map((c) => `${c.kind} ${c.target}: ${c.summary}`).join(' ');
  return (
    `No span carries "${view.orderId}" in any indexed attribute (${view.keyNames.join(', ')}), and no live check found it.` +
    (looked ? ` ${looked}` : '') +
    ' Check the id, or that the services export spans with one of these attributes to /v1/traces.'
  );
}
