import { expect, it } from 'vitest';
import { sloMetricsText } from './prometheus-text';

it('writes known values, leaves unknown ones out, and escapes label values', () => {
  const text = sloMetricsText([
    {
      feature: 'check"out',
      slo: 'age',
      tier: 0,
      status: 'at_risk',
      sli_value: 42.5,
      budget_remaining: 0.75,
      burn_rates: { '1h': 2, '5m': null },
      age_seconds: 3,
      cause: {
        hop: { kind: 'consumer', name: 'search indexer"1' },
        signal: 'stalled',
        figure: { value: 42, unit: 's' },
        since: '2026-11-29T19:46:00.000Z',
        words: 'search indexer"1 stalled on order-events: 42 messages, 42 s behind',
      },
    },
    {
      feature: 'search',
      slo: 'fresh',
      tier: 1,
      status: 'unknown',
      sli_value: null,
      budget_remaining: null,
      burn_rates: {},
      age_seconds: 40,
      cause: null,
    },
  ]);
  expect(text).toContain('truthflow_slo_sli_value{feature="check\\"out",slo="age",tier="0"} 42.5');
  expect(text).toContain('truthflow_slo_error_budget_remaining{feature="check\\"out",slo="age",tier="0"} 0.75');
  expect(text).toContain('truthflow_slo_burn_rate{feature="check\\"out",slo="age",tier="0",window="1h"} 2');
  expect(text).not.toContain('window="5m"');
  expect(text).not.toMatch(/truthflow_slo_sli_value\{feature="search"/);
  expect(text).toContain('truthflow_slo_status{feature="search",slo="fresh",tier="1",status="unknown"} 1');
  expect(text).toContain('truthflow_slo_status{feature="check\\"out",slo="age",tier="0",status="ok"} 0');
  expect(text).toMatch(/# TYPE truthflow_slo_burn_rate gauge/);
  // The cause hop is label-safe: anything outside [A-Za-z0-9_.:-] becomes _.
  expect(text).toContain(
    'truthflow_slo_cause{feature="check\\"out",slo="age",tier="0",cause_hop="consumer:search_indexer_1",signal="stalled"} 1',
  );
  expect(text).not.toMatch(/truthflow_slo_cause\{feature="search"/);
});

it('exports alert delivery state per webhook, the failing age only while it fails', () => {
  const now = new Date('2026-11-29T20:00:00Z');
  const text = sloMetricsText(
    [],
    [
      {
        webhook: 'oncall',
        pending: 2,
        failingSince: new Date('2026-11-29T19:59:00Z'),
        lastError: 'ECONNREFUSED',
        oldestPendingAt: null,
        delivered: 5,
        givenUp: 0,
      },
      { webhook: 'chat', pending: 0, failingSince: null, lastError: null, oldestPendingAt: null, delivered: 7, givenUp: 1 },
    ],
    now,
  );
  expect(text).toContain('truthflow_alert_deliveries_pending{webhook="oncall"} 2');
  expect(text).toContain('truthflow_alert_delivery_failing_seconds{webhook="oncall"} 60');
  expect(text).not.toContain('truthflow_alert_delivery_failing_seconds{webhook="chat"}');
  expect(text).toContain('truthflow_alert_deliveries_given_up{webhook="chat"} 1');
});
