// How the wall screen spends its pixels. Within a tier, features with a non-ok SLO come first as
// tiles (each non-ok SLO with its cause in large text); features whose SLOs are all ok shrink to a
// chip; a tier that is all ok is one line. What does not fit one screen is split into pages that
// the screen rotates through. Every block has a fixed height in the stylesheet (globals.css, "Wall
// screen"), so the split is computed here, before anything is drawn, and tested without a browser.
import type { Tier } from '../../config/schema-features';
import type { SloStatus } from '../../slo/status';

export interface WallSloLike {
  status: SloStatus;
}
export interface WallFeatureLike {
  name: string;
  tier: Tier;
  slos: WallSloLike[];
}

/** Worst first: a breached SLO outranks one at risk, which outranks one nobody can vouch for. */
const RANK: Record<SloStatus, number> = { breached: 0, at_risk: 1, unknown: 2, ok: 3 };

/** A stale screen vouches for nothing: every status is unknown. */
export const shownStatus = (status: SloStatus, stale: boolean): SloStatus => (stale ? 'unknown' : status);

const worstRank = (f: WallFeatureLike, stale: boolean) => Math.min(3, ...f.slos.map((s) => RANK[shownStatus(s.status, stale)]));
export const isAllOk = (f: WallFeatureLike, stale: boolean) => worstRank(f, stale) === RANK.ok;

export interface TierPlan<F extends WallFeatureLike> {
  tier: Tier;
  sloCount: number;
  /** Features with a non-ok SLO, worst first: drawn as tiles. */
  tiles: F[];
  /** Features whose SLOs are all ok: drawn as chips (or, when the whole tier is ok, one line). */
  chips: F[];
}

export function planTiers<F extends WallFeatureLike>(features: F[], stale: boolean): TierPlan<F>[] {
  const tiers = [...new Set(features.map((f) => f.tier))].sort((a, b) => a - b);
  return tiers.map((tier) => {
    const inTier = features.filter((f) => f.tier === tier);
    const tiles = inTier
      .filter((f) => !isAllOk(f, stale))
      .sort((a, b) => worstRank(a, stale) - worstRank(b, stale) || a.name.localeCompare(b.name));
    return { tier, sloCount: inTier.reduce((n, f) => n + f.slos.length, 0), tiles, chips: inTier.filter((f) => isAllOk(f, stale)) };
  });
}

/** Pixel heights and widths of the wall's blocks; globals.css pins the same numbers. */
export interface WallMetrics {
  /** Padding, header and footer of the screen. */
  chrome: number;
  /** The stale banner, when shown. */
  banner: number;
  tierHead: number;
  /** A tier whose SLOs are all ok. */
  allOkLine: number;
  tileHead: number;
  okRow: number;
  badRow: number;
  gap: number;
  minTileWidth: number;
  chipWidth: number;
  chipHeight: number;
  sidePadding: number;
}

export const WALL_METRICS: Record<'normal' | 'compact', WallMetrics> = {
  normal: {
    chrome: 128,
    banner: 120,
    tierHead: 52,
    allOkLine: 64,
    tileHead: 66,
    okRow: 40,
    badRow: 150,
    gap: 16,
    minTileWidth: 560,
    chipWidth: 280,
    chipHeight: 48,
    sidePadding: 24,
  },
  compact: {
    chrome: 128,
    banner: 120,
    tierHead: 44,
    allOkLine: 56,
    tileHead: 52,
    okRow: 30,
    badRow: 118,
    gap: 10,
    minTileWidth: 450,
    chipWidth: 220,
    chipHeight: 40,
    sidePadding: 24,
  },
};

const perLine = (width: number, item: number, gap: number, m: WallMetrics) =>
  Math.max(1, Math.floor((width - 2 * m.sidePadding + gap) / (item + gap)));

export const tileColumns = (width: number, m: WallMetrics) => perLine(width, m.minTileWidth, m.gap, m);

export function tileHeight(f: WallFeatureLike, stale: boolean, m: WallMetrics): number {
  return m.tileHead + f.slos.reduce((h, s) => h + (shownStatus(s.status, stale) === 'ok' ? m.okRow : m.badRow), 0);
}

/** One page's share of a tier. */
export interface PageTier<F extends WallFeatureLike> {
  tier: Tier;
  sloCount: number;
  allOk: boolean;
  tiles: F[];
  chips: F[];
}

interface Block<F extends WallFeatureLike> {
  tier: Tier;
  height: number;
  tiles: F[];
  chips: F[];
  allOk: boolean;
  sloCount: number;
}

/** A tier as unbreakable blocks: the all-ok line, or rows of tiles and then lines of chips. */
function blocksOf<F extends WallFeatureLike>(plan: TierPlan<F>, width: number, stale: boolean, m: WallMetrics): Block<F>[] {
  const base = { tier: plan.tier, sloCount: plan.sloCount, tiles: [] as F[], chips: [] as F[], allOk: false };
  if (plan.tiles.length === 0) return [{ ...base, allOk: true, chips: plan.chips, height: m.allOkLine }];
  const blocks: Block<F>[] = [];
  const cols = tileColumns(width, m);
  for (let i = 0; i < plan.tiles.length; i += cols) {
    const row = plan.tiles.slice(i, i + cols);
    blocks.push({ ...base, tiles: row, height: Math.max(...row.map((f) => tileHeight(f, stale, m))) + m.gap });
  }
  const chipsPerLine = perLine(width, m.chipWidth, m.gap, m);
  for (let i = 0; i < plan.chips.length; i += chipsPerLine) {
    blocks.push({ ...base, chips: plan.chips.slice(i, i + chipsPerLine), height: m.chipHeight + m.gap });
  }
  return blocks;
}

/**
 * Greedy packing of blocks into screens of `height`; a tier that continues on the next page gets
 * its heading again. A block taller than a whole screen still gets a page of its own.
 */
export function paginate<F extends WallFeatureLike>(
  plans: TierPlan<F>[],
  screen: { width: number; height: number; stale: boolean },
  m: WallMetrics,
): PageTier<F>[][] {
  const room = screen.height - m.chrome - (screen.stale ? m.banner : 0);
  const pages: PageTier<F>[][] = [];
  let page: PageTier<F>[] = [];
  let used = 0;
  for (const block of plans.flatMap((p) => blocksOf(p, screen.width, screen.stale, m))) {
    const last = page.at(-1);
    const continues = last?.tier === block.tier;
    const cost = block.height + (continues || block.allOk ? 0 : m.tierHead);
    if (page.length > 0 && used + cost > room) {
      pages.push(page);
      page = [];
      used = 0;
    }
    const current = page.at(-1);
    if (current?.tier === block.tier) {
      current.tiles.push(...block.tiles);
      current.chips.push(...block.chips);
    } else {
      page.push({ tier: block.tier, sloCount: block.sloCount, allOk: block.allOk, tiles: [...block.tiles], chips: [...block.chips] });
    }
    used += block.height + (current?.tier === block.tier || block.allOk ? 0 : m.tierHead);
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

export interface WallArrangement<F extends WallFeatureLike> {
  compact: boolean;
  metrics: WallMetrics;
  pages: PageTier<F>[][];
}

/** Large when everything fits one screen that way; compact when not; pages when not even then. */
export function arrangeWall<F extends WallFeatureLike>(
  features: F[],
  screen: { width: number; height: number; stale: boolean },
): WallArrangement<F> {
  const plans = planTiers(features, screen.stale);
  const large = paginate(plans, screen, WALL_METRICS.normal);
  if (large.length <= 1) return { compact: false, metrics: WALL_METRICS.normal, pages: large };
  return { compact: true, metrics: WALL_METRICS.compact, pages: paginate(plans, screen, WALL_METRICS.compact) };
}
