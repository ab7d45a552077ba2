// The demo shop's fault switches from the command line (the dashboard's /demo panel uses the same
// catalogue, lib/fault-switches/catalogue.ts):
//   npx tsx scripts/demo.ts faults                 list every switch and its state
//   npx tsx scripts/demo.ts on <switch> [value]    e.g. `on indexer-slowed 3000` (ms per message)
//   npx tsx scripts/demo.ts off <switch>
//   npx tsx scripts/demo.ts all-off                return the shop to health
// The shop's database is found as the shop finds it (SHOP_DATABASE_URL, else beside DATABASE_URL,
// else the embedded PostgreSQL). This only records a switch: the shop's services read it within a
// second, and the broker and search-node switches are carried out by the running `npm start`,
// which owns those servers (demo/server-faults.ts).
import { pathToFileURL } from 'node:url';
import { createShopPool, migrateShop, resolveShopDatabase } from '@/demo/db';
import { FAULT_NAMES, FAULTS, isFaultName } from '@/lib/fault-switches/catalogue';
import { allFaultsOff, listFaults, recordFault, type FaultState } from '@/lib/fault-switches/switches';

const USAGE = `usage: tsx scripts/demo.ts faults | on <switch> [value] | off <switch> | all-off
switches: ${FAULT_NAMES.join(', ')}`;

function describe(f: FaultState): string {
  const value = f.on && f.value !== undefined ? ` (${f.value} ${f.unit ?? ''})`.replace(' )', ')') : '';
  return `${f.on ? 'ON ' : 'off'}  ${f.name.padEnd(21)} ${f.title}${value}\n       ${f.description}\n       affects: ${f.affects}`;
}

/** Exit codes: 0 done, 1 failed, 2 usage. */
export async function main(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const [command, name, rawValue] = argv;
  if (command === undefined || !['faults', 'on', 'off', 'all-off'].includes(command)) {
    out(USAGE);
    return 2;
  }
  if ((command === 'on' || command === 'off') && (name === undefined || !isFaultName(name))) {
    out(`${name === undefined ? 'which switch?' : `unknown switch "${name}"`}\n${USAGE}`);
    return 2;
  }
  const value = rawValue === undefined ? undefined : Number(rawValue);
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    out(`the value must be a positive number, not "${rawValue}"`);
    return 2;
  }

  const database = await resolveShopDatabase(process.env, () => undefined);
  const db = createShopPool(database.url, 2);
  try {
    await migrateShop(db); // the switches may be set before the shop first ran
    if (command === 'faults') {
      for (const fault of await listFaults(db)) out(describe(fault));
    } else if (command === 'all-off') {
      await allFaultsOff(db);
      out('every switch is off');
    } else if (name !== undefined && isFaultName(name)) {
      const on = command === 'on';
      out(describe(await recordFault(db, name, on, value)));
      if (FAULTS[name].server) out(`the running \`npm start\` ${on ? 'stops' : 'restarts'} the server within a few seconds`);
    }
    return 0;
  } finally {
    await db.end();
    await database.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
