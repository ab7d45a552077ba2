// One pipeline as a strip: system of record → stage → … → derived store. Every hop carries its
// backlog in messages and in seconds; every stage says how its last scrape went, in words. A stage
// that is the cause of a non-ok SLO is outlined and says which SLOs it holds up.
import { Fragment } from 'react';
import { MeasureValue } from '@/components/status/MeasureValue';
import { StatusWord } from '@/components/status/StatusWord';
import { formatCount, formatDuration, formatRate } from '@/lib/views/shared/format';
import type { Edge, Flow, FlowNode } from '@/lib/views/feature/schema';

const KIND_WORDS: Record<FlowNode['kind'], string> = {
  sor: 'system of record',
  outbox: 'outbox',
  consumer: 'consumer',
  dlq: 'dead-letter queue',
  index: 'search index',
  cdc: 'CDC slots',
  cache: 'cache',
  watermark: 'warehouse watermark',
  store: 'derived store',
};

const EXTRA_FORMAT: Record<string, (v: number) => string> = {
  documents: (v) => `${formatCount(v)} docs`,
  'per minute': (v) => formatRate(v, '/min'),
  'per second': (v) => formatRate(v, '/s'),
  ratio: (v) => `${(v * 100).toFixed(1)} %`,
};

const unknownMeasure = { value: null, at: null };

function Hop({ edge, stale }: { edge: Edge; stale: boolean }) {
  const messages = stale ? unknownMeasure : edge.messages;
  const seconds = stale ? unknownMeasure : edge.seconds;
  return (
    <li className="hop" data-testid="flow-edge" aria-label={`hop: ${edge.label}`}>
      <span className="hop-arrow" aria-hidden="true">
        →
      </span>
      <span className="small muted">{edge.label}</span>
      <dl className="hop-numbers">
        <dt>messages</dt>
        <dd>
          <MeasureValue measure={messages} format={formatCount} testId="edge-messages" />
        </dd>
        <dt>seconds</dt>
        <dd>
          <MeasureValue measure={seconds} format={formatDuration} testId="edge-seconds" />
        </dd>
      </dl>
    </li>
  );
}

function Node({ node, stale, causeOf }: { node: FlowNode; stale: boolean; causeOf: readonly string[] | undefined }) {
  const isCause = !stale && causeOf !== undefined && causeOf.length > 0;
  return (
    <li
      className={`flow-node panel flow-${node.kind}${isCause ? ' flow-cause' : ''}`}
      data-testid="flow-node"
      data-kind={node.kind}
      data-name={node.name}
      data-cause={isCause ? 'true' : undefined}
    >
      <div className="small muted">{KIND_WORDS[node.kind]}</div>
      <strong>{node.name}</strong>
      <div className="small muted">{node.detail}</div>
      {node.extras.map((x) => (
        <div key={x.label} className="small">
          {x.label}: <MeasureValue measure={stale ? unknownMeasure : x.measure} format={EXTRA_FORMAT[x.unit] ?? String} />
        </div>
      ))}
      {node.scrape && (
        <div className="small scrape" data-testid="stage-scrape" data-collector={node.scrape.collector}>
          scrape <StatusWord status={node.scrape.state} /> <span className="muted">{node.scrape.words}</span>
        </div>
      )}
      {isCause && (
        <div className="small flow-cause-note" data-testid="cause-of">
          cause of {causeOf.join(', ')}
        </div>
      )}
    </li>
  );
}

interface Props {
  flow: Flow;
  stale: boolean;
  /** SLO names by the hop they blame (`kind:name`), from the SLOs' causes. */
  causes?: ReadonlyMap<string, readonly string[]>;
}

export function TruthFlow({ flow, stale, causes }: Props) {
  return (
    <div className="flow-block" data-testid="truth-flow" data-pipeline={flow.pipeline}>
      <h3>
        {flow.pipeline} {flow.description && <span className="muted small">— {flow.description}</span>}
      </h3>
      <ol className="flow">
        {flow.nodes.map((node) => (
          <Fragment key={`${node.kind}:${node.name}`}>
            {node.inbound && <Hop edge={node.inbound} stale={stale} />}
            <Node node={node} stale={stale} causeOf={causes?.get(`${node.kind}:${node.name}`)} />
          </Fragment>
        ))}
      </ol>
    </div>
  );
}
