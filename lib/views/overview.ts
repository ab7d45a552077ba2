// Data for `/`: Truthflow's own health, each feature's SLO verdicts by tier, and scrape status.
import { serverConfig } from '../server-config';
import { checkHealth, type HealthReport } from '../health';
import { listScrapeStatus, type ScrapeStatusView } from '../store/queries/scrape-status';
import { listSloState, type SloStateView } from '../store/queries/slo-state';

export interface FeatureSummary {
  name: string;
  tier: number;
  owner: string;
  slos: { name: string; status: string; budgetRemaining: number | null; evaluatedAt: string | null }[];
}

export interface OverviewData {
  health: HealthReport;
  features: FeatureSummary[];
  scrapes: ScrapeStatusView[];
  /** Set when the store could not be read: the page says so instead of showing empty tables. */
  storeError?: string;
}

function summarize(states: SloStateView[]): FeatureSummary[] {
  const byKey = new Map(states.map((s) => [`${s.feature}/${s.slo}`, s]));
  return serverConfig()
    .features.map((feature) => ({
      name: feature.name,
      tier: feature.tier,
      owner: feature.owner,
      slos: feature.slos.map((slo) => {
        const state = byKey.get(`${feature.name}/${slo.name}`);
        return {
          name: slo.name,
          // Not evaluated yet is unknown, never ok.
          status: state?.status ?? 'unknown',
          budgetRemaining: state?.budgetRemaining ?? null,
          evaluatedAt: state?.evaluatedAt.toISOString() ?? null,
        };
      }),
    }))
    .sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name));
}

export async function loadOverview(): Promise<OverviewData> {
  const health = await checkHealth();
  if (health.store.status !== 'ok') {
    return { health, features: summarize([]), scrapes: [], storeError: health.store.error };
  }
  try {
    const [states, scrapes] = await Promise.all([listSloState(), listScrapeStatus()]);
    return { health, features: summarize(states), scrapes };
  } catch (error) {
    return { health, features: summarize([]), scrapes: [], storeError: (error as Error).message };
  }
}
