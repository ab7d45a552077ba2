// The pages' side of the store-failure policy (see lib/http/route.ts): a server render whose loader
// cannot read the store renders no figures at all — `initial` null and the reason — and the page's
// polling hook keeps asking until the store answers, so the page recovers by itself. Any other
// error is a bug and still goes to the page's error boundary.
import { StoreUnavailableError } from '../store/errors';

/** What a Live component is given: data, or null with the reason (both null: the loader found nothing). */
export interface FirstPaint<T> {
  initial: T | null;
  initialError: string | null;
}

/** The loader's data, or null and "store unreachable: <why>" when the store cannot be read. */
export async function firstPaint<T>(load: () => Promise<T>): Promise<FirstPaint<T>> {
  try {
    return { initial: await load(), initialError: null };
  } catch (error) {
    if (error instanceof StoreUnavailableError) return { initial: null, initialError: `store unreachable: ${error.message}` };
    throw error;
  }
}
