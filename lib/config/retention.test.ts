import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, retentionSeconds } from './index';

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, {}, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

const feature = (period: string) => `
sources:
  db: { kind: postgres, url: 'postgres://127.0.0.1:5432/shop' }
outboxes:
  - { name: ob, source: db, table: app.outbox, layout: delete-after-publish }
pipelines:
  - { name: flow, systemOfRecord: db, stages: [{ outbox: ob }] }
features:
  - name: checkout
    tier: 0
    owner: payments
    pipelines: [flow]
    slos:
      - { name: age, sli: outbox_oldest_unsent_age, threshold: 30, objective: 0.999, period: ${period} }
`;

describe('retention config', () => {
  it('defaults to horizons that fit a 30-day SLO period', () => {
    const cfg = parseConfig(feature('30d'), {});
    expect(cfg.retention).toEqual({ samples: '30d', slices: '35d', spans: '7d', alerts: '90d' });
    expect(retentionSeconds(cfg.retention).slices).toBe(35 * 86_400);
  });

  it('says so when an SLO period does not fit inside the kept slices', () => {
    expect(problemsOf(`${feature('6w')}retention: { slices: 35d }\n`)).toEqual([
      "features[0].slos[0].period: expected at most retention.slices (35d) so the whole period's slices are kept, found 6w (checkout/age)",
    ]);
  });

  it("says so when the feature page's longest range reaches behind the kept samples or slices", () => {
    expect(problemsOf(`${feature('1d')}retention: { samples: 2d, slices: 3d }\n`)).toEqual([
      "retention.samples: expected at least 7d (the feature page's longest range), found 2d",
      "retention.slices: expected at least 7d (the feature page's longest range), found 3d",
    ]);
  });

  it('rejects a horizon that is not a duration', () => {
    expect(problemsOf('retention: { spans: forever }\n')).toEqual([
      'retention.spans: expected a duration such as "30d", "7d", "12h" or "4w", found "forever"',
    ]);
  });
});
