// The top of every live page: its title and when its data was last refreshed (a page whose store
// could not be read renders StoreDown instead, see ./StoreDown.tsx).
import { RefreshNote, type RefreshInfo } from './RefreshNote';

export function PageHead({ title, refresh }: { title: string; refresh: RefreshInfo }) {
  return (
    <div className="page-head">
      <h1>{title}</h1>
      <RefreshNote refresh={refresh} />
    </div>
  );
}
