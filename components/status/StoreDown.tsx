// A live page whose store could not be read and that has no good data yet: no figures at all
// (unknown is never shown as zero), the reason, and that the page keeps asking — its polling hook
// fills the page in by itself once the store answers.
import type { RefreshInfo } from './RefreshNote';

export function StoreDown({ title, refresh, intervalMs }: { title: string; refresh: RefreshInfo; intervalMs: number }) {
  return (
    <main>
      <div className="page-head">
        <h1 className="wrap">{title}</h1>
      </div>
      <p role="alert" className="status status-failing" data-testid="store-down">
        {refresh.reason ?? 'store unreachable'}; retrying every {Math.round(intervalMs / 1000)} s. Nothing is shown until it answers:
        unknown is not zero.
      </p>
    </main>
  );
}
