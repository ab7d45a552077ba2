import { NAME, NAME_RULE } from './fields';
import { type PathSegment, formatPath } from './problems';
import type { SliName } from './schema-features';
import { STAGE_KINDS, type StageKind } from './schema-flows';
import { SOURCE_KINDS } from './schema-sources';

// Cross-references: names that must exist, be unique, and point at the right kind of thing. This
// runs on the substituted tree alongside the schema (not after it), so one run reports type errors
// and dangling names together; it skips whatever the schema already complains about.

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');
const quote = (v: unknown) => JSON.stringify(v);
const oneOf = (names: string[]) =>
  names.length ? `one of: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}` : 'none defined';

const SECTIONS = {
  outbox: 'outboxes',
  consumer: 'consumers',
  dlq: 'dlqs',
  index: 'indexes',
  cdc: 'cdc',
  cache: 'caches',
  watermark: 'watermarks',
} as const;
const STAGE_SOURCE: Record<StageKind, readonly string[]> = {
  outbox: ['postgres'],
  consumer: ['kafka'],
  dlq: ['kafka'],
  index: ['opensearch', 'elasticsearch'],
  cdc: ['postgres'],
  cache: ['redis'],
  watermark: ['postgres'],
};
/** The stage an SLI is measured on; freshness is end to end, so any pipeline will do. */
const SLI_STAGE: Record<SliName, StageKind | undefined> = {
  outbox_oldest_unsent_age: 'outbox',
  consumer_lag_seconds: 'consumer',
  dlq_inflow: 'dlq',
  indexing_rejection_ratio: 'index',
  freshness: undefined,
  cdc_lag_seconds: 'cdc',
  wal_retained_bytes: 'cdc',
  watermark_lag_seconds: 'watermark',
  cache_hit_ratio: 'cache',
  cache_evictions: 'cache',
  // Measured by a reconciliation of one of the feature's pipelines (checked with reconciliations).
  completeness: undefined,
};

export function referenceProblems(root: unknown): string[] {
  return isTree(root) ? new Checker(root).run() : [];
}

class Checker {
  private readonly problems: string[] = [];
  /** Source name → kind, or '?' when the kind itself is invalid (and already reported). */
  private readonly sourceKind = new Map<string, string>();
  private readonly declared = {} as Record<StageKind, string[]>;
  /** Pipeline name → its stage kinds, or undefined when a stage is malformed. */
  private readonly pipelineStages = new Map<string, Set<StageKind> | undefined>();

  constructor(private readonly root: Tree) {}

  run(): string[] {
    for (const [name, s] of Object.entries(isTree(this.root.sources) ? this.root.sources : {})) {
      if (!NAME.test(name)) this.add(['sources', name], `${NAME_RULE}, found ${quote(name)}`);
      const kind = isTree(s) ? str(s.kind) : undefined;
      this.sourceKind.set(name, kind && (SOURCE_KINDS as readonly string[]).includes(kind) ? kind : '?');
    }
    for (const kind of STAGE_KINDS) {
      const section = SECTIONS[kind];
      this.declared[kind] = this.uniqueNames(this.root[section], [section]);
      list(this.root[section]).forEach((item, i) => isTree(item) && this.source(item.source, STAGE_SOURCE[kind], [section, i, 'source']));
    }
    const pipelines = this.uniqueNames(this.root.pipelines, ['pipelines']);
    list(this.root.pipelines).forEach((p, i) => isTree(p) && this.pipeline(p, i));
    this.uniqueNames(this.root.features, ['features']);
    list(this.root.features).forEach((f, i) => isTree(f) && this.feature(f, i, pipelines));
    for (const [section, sub] of [
      ['alerts', 'webhooks'],
      ['auth', 'users'],
    ] as const) {
      const parent = this.root[section];
      if (isTree(parent)) this.uniqueNames(parent[sub], [section, sub]);
    }
    return this.problems;
  }

  private add(path: PathSegment[], message: string) {
    this.problems.push(`${formatPath(path)}: ${message}`);
  }

  /** The names declared in a list, reporting repeats at the later one. */
  private uniqueNames(items: unknown, path: PathSegment[]): string[] {
    const seen = new Map<string, number>();
    list(items).forEach((item, i) => {
      const name = isTree(item) ? str(item.name) : undefined;
      if (name === undefined) return;
      const first = seen.get(name);
      if (first === undefined) seen.set(name, i);
      else this.add([...path, i, 'name'], `expected a unique name, found ${quote(name)} again (first at ${formatPath([...path, first])})`);
    });
    return [...seen.keys()];
  }

  private source(value: unknown, kinds: readonly string[], path: PathSegment[]) {
    const name = str(value);
    const kind = name === undefined ? undefined : this.sourceKind.get(name);
    if (name === undefined || kind === '?' || (kind && kinds.includes(kind))) return;
    const fitting = [...this.sourceKind].filter(([, k]) => kinds.includes(k)).map(([n]) => n);
    const what = `expected the name of ${article(kinds[0]!)} ${kinds.join(' or ')} source (${oneOf(fitting)})`;
    this.add(path, `${what}, found ${quote(name)}${kind ? ` (a ${kind} source)` : ''}`);
  }

  /** System of record, stage names, and outboxes first and on the system of record. */
  private pipeline(p: Tree, i: number) {
    this.source(p.systemOfRecord, ['postgres'], ['pipelines', i, 'systemOfRecord']);
    const outboxSource = new Map(
      list(this.root.outboxes)
        .filter(isTree)
        .map((o) => [str(o.name), str(o.source)]),
    );
    let kinds: Set<StageKind> | undefined = Array.isArray(p.stages) ? new Set() : undefined;
    list(p.stages).forEach((stage, j) => {
      const entries = isTree(stage) ? Object.entries(stage) : [];
      const [kind, value] = (entries[0] ?? []) as [StageKind, unknown];
      const name = str(value);
      // A malformed stage is the schema's to report; the pipeline's stages are then unknown.
      if (entries.length !== 1 || !STAGE_KINDS.includes(kind) || name === undefined) return void (kinds = undefined);
      kinds?.add(kind);
      const path = ['pipelines', i, 'stages', j, kind];
      if (!this.declared[kind].includes(name)) {
        return this.add(path, `expected the name of ${article(kind)} ${kind} (${oneOf(this.declared[kind])}), found ${quote(name)}`);
      }
      if (kind !== 'outbox') return;
      const where = outboxSource.get(name);
      if (j > 0) this.add(path, `expected outbox stages first (an outbox sits at the system of record), found one at position ${j + 1}`);
      else if (str(p.systemOfRecord) && where !== p.systemOfRecord && this.sourceKind.get(where ?? '') === 'postgres') {
        this.add(path, `expected an outbox on the system of record ${quote(p.systemOfRecord)}, found ${quote(name)} on ${quote(where)}`);
      }
    });
    const name = str(p.name);
    if (name !== undefined) this.pipelineStages.set(name, kinds);
  }

  /** Pipeline names, unique SLO names, and SLIs measurable on the feature's pipelines. */
  private feature(f: Tree, i: number, pipelines: string[]) {
    list(f.pipelines).forEach((p, j) => {
      const name = str(p);
      if (name !== undefined && !pipelines.includes(name)) {
        this.add(['features', i, 'pipelines', j], `expected the name of a pipeline (${oneOf(pipelines)}), found ${quote(name)}`);
      }
    });
    const own = list(f.pipelines)
      .map(str)
      .filter((n): n is string => n !== undefined);
    const known = own.filter((n) => this.pipelineStages.get(n) !== undefined);
    const sloNames = new Set<string>();
    list(f.slos).forEach((slo, j) => {
      if (!isTree(slo)) return;
      const sloName = str(slo.name);
      if (sloName !== undefined && sloNames.has(sloName)) {
        this.add(['features', i, 'slos', j, 'name'], `expected a unique SLO name within the feature, found ${quote(sloName)} again`);
      }
      if (sloName !== undefined) sloNames.add(sloName);
      const sli = str(slo.sli) as SliName | undefined;
      // Unknown SLIs, dangling pipeline names and malformed pipelines are reported elsewhere.
      if (sli === undefined || !Object.hasOwn(SLI_STAGE, sli) || known.length < own.length) return;
      const stage = SLI_STAGE[sli];
      const path = ['features', i, 'slos', j, 'sli'];
      if (known.length === 0) this.add(path, `expected the feature to list a pipeline to measure ${sli} on, found none`);
      else if (stage && !known.some((n) => this.pipelineStages.get(n)!.has(stage))) {
        this.add(
          path,
          `expected ${article(stage)} ${stage} stage in the feature's pipelines (${known.join(', ')}) to measure ${sli}, found none`,
        );
      }
    });
  }
}
