// demo_faults (in the demo shop's own database, not Truthflow's store): the fault switches, read
// and flipped through the demo's catalogue so the panel and the CLI behave the same.
import pg from 'pg';
import { allFaultsOff, listFaults, setFault, type FaultName, type FaultState } from '../../../demo/faults';

const globalForShop = globalThis as unknown as { truthflowShopPool?: pg.Pool };

function shopPool(url: string): pg.Pool {
  if (!globalForShop.truthflowShopPool) {
    const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5_000, application_name: 'truthflow-demo-panel' });
    pool.on('error', () => undefined);
    globalForShop.truthflowShopPool = pool;
  }
  return globalForShop.truthflowShopPool;
}

export function readFaults(url: string): Promise<FaultState[]> {
  return listFaults(shopPool(url));
}

export function flipFault(url: string, name: FaultName, on: boolean, value?: number): Promise<FaultState> {
  return setFault(shopPool(url), name, on, { value });
}

export function resetFaults(url: string): Promise<FaultState[]> {
  return allFaultsOff(shopPool(url));
}
