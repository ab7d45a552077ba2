// The command line every server launcher shares: `start|stop|status [--flag value]...`, the same
// exit codes, and a failure said in one line after the server's name. A launcher gives only what
// differs: its flags, how they become its options, and what each command does and prints.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** Exit codes: 0 done (status: running), 1 failed (status: not running), 2 usage. */
const EXIT_DONE = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

export interface ServerCli<Flag extends string, Options> {
  /** Prefixes a failure on stderr: "redis: connect ECONNREFUSED 127.0.0.1:16379". */
  name: string;
  /** Printed after "usage: " when the command is missing or unknown. */
  usage: string;
  /** Every flag takes a value (`--port 16379`); an unknown flag is a failure. */
  flags: readonly Flag[];
  /** May throw to reject a bad value; the message is printed like any other failure. */
  options: (values: Partial<Record<Flag, string>>) => Options;
  start: (opts: Options) => Promise<void>;
  stop: (opts: Options) => Promise<void>;
  /** Prints what runs; false (not running) exits 1. Returning nothing always exits 0. */
  status: (opts: Options) => Promise<boolean | void>;
}

async function run<Flag extends string, Options>(cli: ServerCli<Flag, Options>, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: Object.fromEntries(cli.flags.map((flag) => [flag, { type: 'string' as const }])),
  });
  const opts = cli.options(values as Partial<Record<Flag, string>>);
  switch (positionals[0]) {
    case 'start':
      await cli.start(opts);
      return EXIT_DONE;
    case 'stop':
      await cli.stop(opts);
      return EXIT_DONE;
    case 'status':
      return (await cli.status(opts)) === false ? EXIT_FAILED : EXIT_DONE;
    default:
      console.error(`usage: ${cli.usage}`);
      return EXIT_USAGE;
  }
}

/** Runs the CLI when `moduleUrl` (the launcher's import.meta.url) is the script node was started with. */
export function runServerCliIfMain<Flag extends string, Options>(moduleUrl: string, cli: ServerCli<Flag, Options>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  run(cli, process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${cli.name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(EXIT_FAILED);
    },
  );
}

/** A flag's value as a positive integer, or undefined when the flag was not given. */
export function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${flag} expects a positive integer, got ${value}`);
  return n;
}
