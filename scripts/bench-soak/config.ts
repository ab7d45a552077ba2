// The soak's truthflow.yaml, parsed by the product's own config loader (so its checks apply: a
// retention horizon shorter than an SLO period or the feature page's 7-day range is refused).
// Horizons are the shortest the check accepts, so the store must level off after about a week of
// simulated time, well inside a 30-day run. SLO periods are 7 days to fit them.
import { parseConfig, type TruthflowConfig } from '@/lib/config';

export const SOAK_OUTBOXES = ['orders-outbox', 'invoices-outbox'] as const;
export const SOAK_RETENTION = { samples: '7d', slices: '7d', spans: '3d', alerts: '10d' } as const;

export interface SoakConfigOptions {
  webhookPort: number;
  intervalSeconds: number;
}

export function soakConfig({ webhookPort, intervalSeconds }: SoakConfigOptions): TruthflowConfig {
  const hook = `http://127.0.0.1:${webhookPort}`;
  return parseConfig(
    `
sources:
  shop-db: { kind: postgres, url: "postgres://postgres@127.0.0.1:5432/postgres" }
outboxes:
  - { name: orders-outbox, source: shop-db, table: outbox, layout: marked-sent }
  - { name: invoices-outbox, source: shop-db, table: invoices_outbox, layout: marked-sent }
pipelines:
  - { name: orders, systemOfRecord: shop-db, stages: [{ outbox: orders-outbox }] }
  - { name: invoices, systemOfRecord: shop-db, stages: [{ outbox: invoices-outbox }] }
features:
  - name: checkout
    tier: 0
    owner: payments
    pipelines: [orders]
    slos: [{ name: outbox-age, sli: outbox_oldest_unsent_age, threshold: 30, objective: 0.99, period: 7d }]
  - name: billing
    tier: 1
    owner: finance
    pipelines: [invoices]
    slos: [{ name: outbox-age, sli: outbox_oldest_unsent_age, threshold: 60, objective: 0.995, period: 7d }]
collectors: { intervalSeconds: ${intervalSeconds}, timeoutSeconds: ${Math.min(60, intervalSeconds - 1)} }
traces: { businessKeys: [order_id] }
alerts:
  webhooks:
    - { name: oncall-json, url: "${hook}/hook", format: json }
    - { name: oncall-am, url: "${hook}/api/v2/alerts", format: alertmanager }
retention: { samples: ${SOAK_RETENTION.samples}, slices: ${SOAK_RETENTION.slices}, spans: ${SOAK_RETENTION.spans}, alerts: ${SOAK_RETENTION.alerts} }
`,
    {},
    'bench-soak (built in)',
  );
}
