import { type PathSegment, formatPath } from './problems';
import type { SliName } from './schema-features';
import { STAGE_KINDS, type StageKind } from './schema-flows';
import { SOURCE_KINDS } from './schema-sources';

// Cross-references: names that must exist, be unique, and point at the right kind of thing. This
// runs on the substituted tree alongside the schema (not after it), so one run reports type errors
// and dangling names together; it skips whatever the schema will already complain about.

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const SECTIONS = { outbox: 'outboxes', consumer: 'consumers', dlq: 'dlqs', index: 'indexes' } as const;
const STAGE_SOURCE: Record<StageKind, readonly string[]> = {
  outbox: ['postgres'],
  consumer: ['kafka'],
  dlq: ['kafka'],
  index: ['opensearch', 'elasticsearch'],
};
/** The stage an SLI is measured on; freshness is end to end, so any pipeline will do. */
const SLI_STAGE: Record<SliName, StageKind | undefined> = {
  outbox_oldest_unsent_age: 'outbox',
  consumer_lag_seconds: 'consumer',
  dlq_inflow: 'dlq',
  indexing_rejection_ratio: 'index',
  freshness: undefined,
};

export function referenceProblems(root: unknown): string[] {
  if (!isTree(root)) return [];
  const problems: string[] = [];
  const add = (path: PathSegment[], message: string) => problems.push(`${formatPath(path)}: ${message}`);
  const oneOf = (names: string[]) => (names.length ? `one of: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}` : 'none defined');

  const sourceKind = new Map<string, string>();
  for (const [name, s] of Object.entries(isTree(root.sources) ? root.sources : {})) {
    const kind = isTree(s) ? str(s.kind) : undefined;
    sourceKind.set(name, kind && (SOURCE_KINDS as readonly string[]).includes(kind) ? kind : '?');
  }
  const checkSource = (value: unknown, kinds: readonly string[], path: PathSegment[]) => {
    const name = str(value);
    if (name === undefined) return;
    const kind = sourceKind.get(name);
    if (kind === '?') return; // its own kind is already reported
    if (kind && kinds.includes(kind)) return;
    const fitting = [...sourceKind].filter(([, k]) => kinds.includes(k)).map(([n]) => n);
    const what = `expected the name of a ${kinds.join(' or ')} source (${oneOf(fitting)})`;
    add(path, `${what}, found ${JSON.stringify(name)}${kind ? ` (a ${kind} source)` : ''}`);
  };

  // Each named section: unique names, and a source of the right kind.
  const names = (section: string) => uniqueNames(root[section], [section], add);
  const declared = {} as Record<StageKind, string[]>;
  for (const kind of STAGE_KINDS) {
    const section = SECTIONS[kind];
    declared[kind] = names(section);
    list(root[section]).forEach((item, i) => isTree(item) && checkSource(item.source, STAGE_SOURCE[kind], [section, i, 'source']));
  }
  const outboxSource = new Map(list(root.outboxes).filter(isTree).map((o) => [str(o.name), str(o.source)]));

  // Pipelines: system of record, stage names, outboxes first and on the system of record.
  const pipelineStages = new Map<string, Set<StageKind>>();
  const pipelineNames = names('pipelines');
  list(root.pipelines).forEach((p, i) => {
    if (!isTree(p)) return;
    checkSource(p.systemOfRecord, ['postgres'], ['pipelines', i, 'systemOfRecord']);
    const kinds = new Set<StageKind>();
    list(p.stages).forEach((stage, j) => {
      const entries = isTree(stage) ? Object.entries(stage) : [];
      if (entries.length !== 1) return; // reported by the schema
      const [kind, value] = entries[0] as [StageKind, unknown];
      const name = str(value);
      if (!STAGE_KINDS.includes(kind) || name === undefined) return;
      kinds.add(kind);
      const path = ['pipelines', i, 'stages', j, kind];
      if (!declared[kind].includes(name)) {
        add(path, `expected the name of ${kind === 'index' ? 'an' : 'a'} ${kind} (${oneOf(declared[kind])}), found ${JSON.stringify(name)}`);
      } else if (kind === 'outbox') {
        const where = outboxSource.get(name);
        if (j > 0) add(path, `expected outbox stages first (an outbox sits at the system of record), found one at position ${j + 1}`);
        else if (str(p.systemOfRecord) && where !== p.systemOfRecord) {
          add(path, `expected an outbox on the system of record ${JSON.stringify(p.systemOfRecord)}, found ${JSON.stringify(name)} on ${JSON.stringify(where)}`);
        }
      }
    });
    const pname = str(p.name);
    if (pname !== undefined) pipelineStages.set(pname, kinds);
  });

  // Features: pipeline names, unique SLO names, and SLIs measurable on the feature's pipelines.
  names('features');
  list(root.features).forEach((f, i) => {
    if (!isTree(f)) return;
    const own = list(f.pipelines).map(str).filter((n): n is string => n !== undefined);
    list(f.pipelines).forEach((p, j) => {
      const name = str(p);
      if (name !== undefined && !pipelineNames.includes(name)) {
        add(['features', i, 'pipelines', j], `expected the name of a pipeline (${oneOf(pipelineNames)}), found ${JSON.stringify(name)}`);
      }
    });
    const sloNames = new Set<string>();
    list(f.slos).forEach((slo, j) => {
      if (!isTree(slo)) return;
      const sloName = str(slo.name);
      if (sloName !== undefined && sloNames.has(sloName)) add(['features', i, 'slos', j, 'name'], `expected a unique SLO name within the feature, found ${JSON.stringify(sloName)} again`);
      if (sloName !== undefined) sloNames.add(sloName);
      const sli = str(slo.sli) as SliName | undefined;
      if (sli === undefined || !(sli in SLI_STAGE)) return;
      const stage = SLI_STAGE[sli];
      const known = own.filter((n) => pipelineStages.has(n));
      if (known.length < own.length) return; // a dangling pipeline name is reported above
      if (known.length === 0) add(['features', i, 'slos', j, 'sli'], `expected the feature to list a pipeline to measure ${sli} on, found none`);
      else if (stage && !known.some((n) => pipelineStages.get(n)!.has(stage))) {
        add(['features', i, 'slos', j, 'sli'], `expected a ${stage} stage in the feature's pipelines (${known.join(', ')}) to measure ${sli}, found none`);
      }
    });
  });
  for (const [section, sub] of [['alerts', 'webhooks'], ['auth', 'users']] as const) {
    const parent = root[section];
    if (isTree(parent)) uniqueNames(parent[sub], [section, sub], add);
  }
  return problems;
}

/** The names declared in a list, reporting repeats at the later one. */
function uniqueNames(items: unknown, path: PathSegment[], add: (path: PathSegment[], message: string) => void): string[] {
  const seen = new Map<string, number>();
  list(items).forEach((item, i) => {
    const name = isTree(item) ? str(item.name) : undefined;
    if (name === undefined) return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else add([...path, i, 'name'], `expected a unique name, found ${JSON.stringify(name)} again (first at ${formatPath([...path, first])})`);
  });
  return [...seen.keys()];
}
