// Prometheus text exposition (format 0.0.4) of SLO state and alert delivery, for existing
// Grafana/Alertmanager setups.
// Unknown values are left out rather than written as 0: absent() is how PromQL sees "unknown".
import { causeHopLabel } from './slo/cause';
import { SLO_STATUSES } from './slo/status';
import type { WebhookDeliveryState } from './store/queries/alert-deliveries';
import type { SloExportRow } from './store/queries/slo-export';

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labels(pairs: Record<string, string | number>): string {
  return `{${Object.entries(pairs)
    .map(([k, v]) => `${k}="${escapeLabel(String(v))}"`)
    .join(',')}}`;
}

export function sloMetricsText(rows: SloExportRow[], deliveries: WebhookDeliveryState[] = [], now = new Date()): string {
  const out: string[] = [];
  const family = (name: string, help: string, lines: string[]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, ...lines);
  };
  const base = (r: SloExportRow) => ({ feature: r.feature, slo: r.slo, tier: r.tier });
  family(
    'truthflow_slo_sli_value',
    'Current SLI value (seconds, messages per minute or ratio, per the SLI)',
    rows.filter((r) => r.sli_value !== null).map((r) => `truthflow_slo_sli_value${labels(base(r))} ${r.sli_value}`),
  );
  family(
    'truthflow_slo_error_budget_remaining',
    'Fraction of the error budget left over the SLO period (negative when overspent)',
    rows
      .filter((r) => r.budget_remaining !== null)
      .map((r) => `truthflow_slo_error_budget_remaining${labels(base(r))} ${r.budget_remaining}`),
  );
  family(
    'truthflow_slo_burn_rate',
    'Error-budget burn rate per window',
    rows.flatMap((r) =>
      Object.entries(r.burn_rates)
        .filter(([, v]) => v !== null)
        .map(([w, v]) => `truthflow_slo_burn_rate${labels({ ...base(r), window: w })} ${v}`),
    ),
  );
  family(
    'truthflow_slo_status',
    '1 for the current status of the SLO (ok, at_risk, breached, unknown)',
    rows.flatMap((r) => SLO_STATUSES.map((s) => `truthflow_slo_status${labels({ ...base(r), status: s })} ${r.status === s ? 1 : 0}`)),
  );
  family(
    'truthflow_slo_cause',
    '1 per SLO that is not ok, labelled with the hop (kind:name) and signal that explain it',
    rows
      .filter((r) => r.status !== 'ok' && r.cause)
      .map((r) => `truthflow_slo_cause${labels({ ...base(r), cause_hop: causeHopLabel(r.cause), signal: r.cause!.signal })} 1`),
  );
  family(
    'truthflow_slo_evaluation_age_seconds',
    'Seconds since the evaluator last judged this SLO',
    rows.map((r) => `truthflow_slo_evaluation_age_seconds${labels(base(r))} ${r.age_seconds}`),
  );
  family(
    'truthflow_alert_deliveries_pending',
    'Alert transitions not yet delivered to the webhook (they are kept and retried)',
    deliveries.map((d) => `truthflow_alert_deliveries_pending${labels({ webhook: d.webhook })} ${d.pending}`),
  );
  family(
    'truthflow_alert_delivery_failing_seconds',
    'Seconds since deliveries to the webhook started failing; absent while they succeed',
    deliveries
      .filter((d) => d.failingSince !== null)
      .map(
        (d) =>
          `truthflow_alert_delivery_failing_seconds${labels({ webhook: d.webhook })} ${(now.getTime() - d.failingSince!.getTime()) / 1000}`,
      ),
  );
  family(
    'truthflow_alert_deliveries_given_up',
    'Resolve notices given up on after a day of failures',
    deliveries.map((d) => `truthflow_alert_deliveries_given_up${labels({ webhook: d.webhook })} ${d.givenUp}`),
  );
  return `${out.join('\n')}\n`;
}
