// The dashboard's side of the /demo fault panel: one small pool to the demo shop's database, kept
// across requests. It reads and records switches and nothing else; whoever owns a server acts.
import pg from 'pg';
import { allFaultsOff, listFaults, recordFault, type FaultState } from './switches';
import type { FaultName } from './catalogue';

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
  return recordFault(shopPool(url), name, on, value);
}

export function resetFaults(url: string): Promise<FaultState[]> {
  return allFaultsOff(shopPool(url));
}
