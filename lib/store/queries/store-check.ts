// Whether the store answers at all, and how fast; used by the health route and the wall screen.
import { storePool } from '../pool';

export async function pingStore(): Promise<{ latencyMs: number }> {
  const started = performance.now();
  await storePool().query('SELECT 1');
  return { latencyMs: Math.round(performance.now() - started) };
}
