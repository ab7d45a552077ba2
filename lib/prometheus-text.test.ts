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
});
