// The top of every live page: its title, when its data was last refreshed, and — when the store
// could not be read — an alert that what follows is unknown rather than zero.
import { RefreshNote, type RefreshInfo } from './RefreshNote';

export function PageHead({ title, refresh }: { title: string; refresh: RefreshInfo }) {
  return (
    <div className="page-head">
      <h1>{title}</h1>
      <RefreshNote refresh={refresh} />
    </div>
  );
}

export function StoreErrorAlert({ error, unknown = 'Numbers below are unknown, not zero.' }: { error: string | null | undefined; unknown?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className="status status-failing">
      {error}. {unknown}
    </p>
  );
}
