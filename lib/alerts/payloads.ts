// Webhook bodies for an alert transition: Alertmanager's own alert format (POST it to
// /api/v2/alerts and Alertmanager routes it like any other), or a plain JSON object.
//
// Alertmanager resolves an alert at its endsAt, or `resolve_timeout` after the last send when it
// has none. So a firing alert is sent with endsAt a few resend intervals ahead and sent again
// before that passes (the alert-delivery job), and a resolved one with endsAt = resolution time,
// the way Prometheus does it.
import { causeHopLabel, causeSentence } from '../slo/cause';
import type { AlertRow } from '../store/queries/alerts';

export interface AlertmanagerTiming {
  /** For a firing alert: when Alertmanager may consider it over unless it is sent again. */
  firingEndsAt: Date;
  dashboardUrl?: string;
}

export function alertmanagerBody(alert: AlertRow, tier: number, timing: AlertmanagerTiming) {
  const endsAt = alert.resolvedAt ?? timing.firingEndsAt;
  return [
    {
      labels: {
        alertname: 'TruthflowSloBurnRate',
        feature: alert.feature,
        slo: alert.slo,
        rule: alert.rule,
        severity: alert.severity,
        tier: String(tier),
        // Label-safe, so routes and inhibitions can match on the hop ("consumer:search-indexer").
        ...(alert.cause ? { cause_hop: causeHopLabel(alert.cause) } : {}),
      },
      annotations: {
        summary: alert.summary,
        ...(alert.cause ? { description: causeSentence(alert.cause) } : {}),
        burn_long: alert.burnLong === null ? 'unknown' : alert.burnLong.toFixed(2),
        burn_short: alert.burnShort === null ? 'unknown' : alert.burnShort.toFixed(2),
      },
      startsAt: alert.firedAt.toISOString(),
      // An endsAt in the past tells Alertmanager the alert is resolved.
      endsAt: endsAt.toISOString(),
      ...(timing.dashboardUrl ? { generatorURL: `${timing.dashboardUrl}/features/${encodeURIComponent(alert.feature)}` } : {}),
    },
  ];
}

/** A plain JSON event per transition: a firing event says firing even when sent after the resolve. */
export function plainBody(alert: AlertRow, tier: number, transition: 'firing' | 'resolved' = alert.state) {
  return {
    state: transition,
    feature: alert.feature,
    tier,
    slo: alert.slo,
    rule: alert.rule,
    severity: alert.severity,
    firedAt: alert.firedAt.toISOString(),
    resolvedAt: transition === 'firing' ? null : (alert.resolvedAt?.toISOString() ?? null),
    burnLong: alert.burnLong,
    burnShort: alert.burnShort,
    summary: alert.summary,
    cause: alert.cause,
  };
}
