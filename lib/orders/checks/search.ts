// Is the order's search document there? Documents are indexed under the order id (the
// deterministic id the indexers use), so this is one GET by id, no query.
import type { IndexConfig, SearchSource } from '@/lib/config';
import { checkSearch } from './clients';
import type { CheckResult } from './types';

type Outcome = Pick<CheckResult, 'status' | 'summary' | 'phrase'>;

export async function checkSearchDocument(index: IndexConfig, source: SearchSource, orderId: string): Promise<Outcome> {
  const doc = await checkSearch(source).getDocument(index.index, orderId);
  if (!doc.found) return { status: 'absent', summary: `No document with this id in ${index.index}.`, phrase: 'search document missing' };
  return {
    status: 'found',
    summary: `Document exists in ${index.index}, version ${doc.version}.`,
    phrase: `search document exists (version ${doc.version}) but no indexing span arrived`,
  };
}
