// `/orders`: where the lookup lives when there is no id yet, and which attributes make spans findable.
export function OrderSearch({ keyNames }: { keyNames: string[] }) {
  return (
    <main>
      <h1>Orders</h1>
      <p>
        Paste an order id into the box at the top right (press <kbd>/</kbd> on any page) to see its journey across stores: the spans that
        carry it, where it waited, what is missing, and what the outbox, DLQ and search index say right now.
      </p>
      <p className="muted">
        Spans are findable by these attributes:{' '}
        {keyNames.map((k, i) => (
          <span key={k}>
            {i > 0 && ', '}
            <code>{k}</code>
          </span>
        ))}
        . Services send them to <code>POST /v1/traces</code> (OTLP/HTTP, protobuf or JSON).
      </p>
    </main>
  );
}
