// `/orders/[orderId]`: one order's journey. Server-rendered except the waterfall, which needs
// clicks for span details.
import { RetryEvery } from '@/components/status/RetryEvery';
import { limitsHitWords } from '@/lib/orders/limits';
import type { OrderPageData } from '@/lib/orders/page-data';
import { CheckTable } from './CheckTable';
import { ExpectedPipelines } from './ExpectedPipelines';
import { OnRecord } from './OnRecord';
import { UnknownOrder } from './UnknownOrder';
import { Waterfall } from './Waterfall';

/** How often a page that could not read the store tries again. */
export const ORDER_RETRY_MS = 10_000;

export function OrderJourney({ data }: { data: OrderPageData }) {
  if (!data.ok) {
    return (
      <main>
        <h1>Order {data.orderId}</h1>
        <p role="alert" className="status status-failing" data-testid={data.storeDown ? 'store-down' : undefined}>
          {data.message}
          {data.storeDown && `; retrying every ${ORDER_RETRY_MS / 1000} s`}
        </p>
        {data.storeDown && <RetryEvery ms={ORDER_RETRY_MS} />}
      </main>
    );
  }
  const { view } = data;
  const traces = new Set(view.spans.map((s) => s.traceId)).size;
  return (
    <main data-testid="order-journey">
      <h1>
        Order <code>{view.orderId}</code>
      </h1>
      <p className="muted">
        All times UTC. {view.spans.length} spans in {traces} trace{traces === 1 ? '' : 's'}
        {view.matchedKeyNames.length > 0 && <>, found by {view.matchedKeyNames.join(', ')}</>}
        {view.feature && (
          <>
            . Feature <strong>{view.feature.name}</strong> (tier {view.feature.tier}): {view.feature.reason}
          </>
        )}
        .
      </p>
      {view.truncated && (
        <p role="note" className="status status-at_risk">
          ! This timeline hit a size limit and is incomplete
          {view.limitsHit.length > 0 && <> (stopped at {limitsHitWords(view.limitsHit)})</>}.
        </p>
      )}
      {view.spans.length === 0 && <UnknownOrder view={view} />}
      <ExpectedPipelines pipelines={view.pipelines} />
      {view.spans.length > 0 && <Waterfall spans={view.spans} timeline={view.timeline} />}
      <CheckTable checks={view.checks} />
      <OnRecord records={view.records} />
    </main>
  );
}
