// slo_state: the evaluator's current verdict per feature and SLO.
import { prisma } from '../prisma';

export interface SloStateView {
  feature: string;
  slo: string;
  status: string;
  budgetRemaining: number | null;
  evaluatedAt: Date;
}

export async function listSloState(): Promise<SloStateView[]> {
  return prisma().sloState.findMany({
    select: { feature: true, slo: true, status: true, budgetRemaining: true, evaluatedAt: true },
    orderBy: [{ tier: 'asc' }, { feature: 'asc' }, { slo: 'asc' }],
  });
}
