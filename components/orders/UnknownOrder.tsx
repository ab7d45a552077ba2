// Shown when no span carries the pasted id: what was looked for, and what to check next.
import type { OrderView } from '@/lib/orders/types';

export function UnknownOrder({ view }: { view: OrderView }) {
  return (
    <section aria-label="No spans" className="panel" data-testid="unknown-order">
      <h2>{view.found ? 'No spans for this order' : 'Unknown order'}</h2>
      <p>
        No span carries <code>{view.orderId}</code> in any indexed attribute ({view.keyNames.join(', ')}).
        {view.found ? ' A live check below did find it, so the services handling it may not be traced.' : ' No live check found it either.'}
      </p>
      <ul>
        <li>Check the id (it is matched exactly, case included).</li>
        <li>
          Check that the services export spans to <code>/v1/traces</code> with one of those attributes set.
        </li>
        <li>Spans older than the store&apos;s retention are gone.</li>
      </ul>
    </section>
  );
}
