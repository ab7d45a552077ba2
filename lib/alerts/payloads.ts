// Webhook bodies for an alert transition: Alertmanager's own alert format (POST it to
// /api/v2/alerts and Alertmanager routes it like any other), or a plain JSON object.
import type { AlertRow } from '../store/queries/alerts';

export function alertmanagerBody(alert: AlertRow, tier: number, dashboardUrl?: string) {
  return [
    {
      labels: {
        alertname: 'TruthflowSloBurnRate',
        feature: alert.feature,
        slo: alert.slo,
        rule: alert.rule,
        severity: alert.severity,
        tier: String(tier),
      },
      annotations: {
        summary: alert.summary,
        burn_long: alert.burnLong === null ? 'unknown' : alert.burnLong.toFixed(2),
        burn_short: alert.burnShort === null ? 'unknown' : alert.burnShort.toFixed(2),
      },
      startsAt: alert.firedAt.toISOString(),
      // An endsAt in the past tells Alertmanager the alert is resolved.
      ...(alert.resolvedAt ? { endsAt: alert.resolvedAt.toISOString() } : {}),
      ...(dashboardUrl ? { generatorURL: `${dashboardUrl}/features/${encodeURIComponent(alert.feature)}` } : {}),
    },
  ];
}

export function plainBody(alert: AlertRow, tier: number) {
  return {
    state: alert.state,
    feature: alert.feature,
    tier,
    slo: alert.slo,
    rule: alert.rule,
    severity: alert.severity,
    firedAt: alert.firedAt.toISOString(),
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    burnLong: alert.burnLong,
    burnShort: alert.burnShort,
    summary: alert.summary,
  };
}
