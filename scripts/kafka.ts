// A real single-node Apache Kafka (KRaft) built from Maven Central jars, for the README, the
// integration tests and CI:  npx tsx scripts/kafka.ts start|stop|status [--line 4|3.9] [--port N] [--data-dir DIR]
// The broker outlives this script; its pid file and state make start idempotent and stop work from anywhere.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { portAnswers, readPid, startDaemon, stopDaemon, waitUntil } from './lib/daemon';
import { adoptIfLeftBehind } from './lib/owner';
import { positiveInt, runServerCliIfMain } from './lib/server-cli';
import { cacheRoot } from './lib/maven';
import { loggingConfig, serverProperties, type SaslListener } from './kafka/config';
import { isKafkaLine, javaCommand, kafkaClasspath, LINES, requireJava, type KafkaLine } from './kafka/lines';

export type { KafkaLine };
export { kafkaClasspath };

export interface KafkaOptions {
  line?: KafkaLine;
  port?: number;
  controllerPort?: number;
  dataDir?: string;
  /** Also listen with SASL_PLAINTEXT/PLAIN on another port (credential tests); applies at launch. */
  sasl?: SaslListener;
  log?: (line: string) => void;
}

export interface RunningKafka {
  line: KafkaLine;
  version: string;
  bootstrap: string;
  port: number;
  dataDir: string;
  pid: number;
  /** host:port of the SASL_PLAINTEXT listener, when launched with one. */
  saslBootstrap?: string;
}

const READY_TIMEOUT_MS = 120_000;
// The machine has 2 cores shared with Postgres, OpenSearch and the app: a small heap and the
// single-threaded collector keep the broker from competing for them.
const BROKER_JVM = ['-Xmx512m', '-Xms256m', '-XX:+UseSerialGC', '-Djava.awt.headless=true'];

interface Layout {
  line: KafkaLine;
  version: string;
  port: number;
  controllerPort: number;
  dataDir: string;
  /** server.pid, server.log, the generated configs and kafka.json. */
  runDir: string;
  /** Kafka's own `log.dirs` (partitions and the metadata log). */
  logDir: string;
  sasl?: SaslListener;
  log: (line: string) => void;
}

function layoutOf(opts: KafkaOptions = {}): Layout {
  const line = opts.line ?? '4';
  const spec = LINES[line];
  const dataDir = path.resolve(opts.dataDir ?? path.join(cacheRoot(), '..', `kafka-${line}`));
  const port = opts.port ?? spec.port;
  return {
    line,
    version: spec.version,
    port,
    // Following the broker port keeps a `--port` broker clear of the default one's controller.
    controllerPort: opts.controllerPort ?? port + 1,
    dataDir,
    runDir: path.join(dataDir, 'run'),
    logDir: path.join(dataDir, 'kraft'),
    sasl: opts.sasl,
    log: opts.log ?? ((l) => process.stderr.write(`${l}\n`)),
  };
}

// What a launch records, so status and stop find the broker's port without being told it again.
const StateSchema = z.object({
  line: z.enum(['4', '3.9']),
  version: z.string(),
  port: z.number().int().positive(),
  dataDir: z.string(),
  saslPort: z.number().int().positive().optional(),
});
type BrokerState = z.infer<typeof StateSchema>;

function stateFile(runDir: string): string {
  return path.join(runDir, 'kafka.json');
}

function readState(runDir: string): BrokerState | undefined {
  if (!existsSync(stateFile(runDir))) return undefined;
  try {
    const parsed = StateSchema.safeParse(JSON.parse(readFileSync(stateFile(runDir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // a torn write: treat as never launched
  }
}

function runningOf({ saslPort, ...state }: BrokerState, pid: number): RunningKafka {
  const running: RunningKafka = { ...state, bootstrap: `127.0.0.1:${state.port}`, pid };
  if (saslPort !== undefined) running.saslBootstrap = `127.0.0.1:${saslPort}`;
  return running;
}

export async function kafkaStatus(opts?: KafkaOptions): Promise<RunningKafka | undefined> {
  const { runDir } = layoutOf(opts);
  const pid = readPid(runDir);
  const state = readState(runDir);
  if (pid === undefined || state === undefined || !(await portAnswers(state.port))) return undefined;
  return runningOf(state, pid);
}

export async function startKafka(opts?: KafkaOptions): Promise<RunningKafka> {
  const layout = layoutOf(opts);
  // A live pid whose port is still closed is a broker another script is starting: wait for it
  // rather than launch a second one on the same data dir.
  const livePid = readPid(layout.runDir);
  const liveState = livePid === undefined ? undefined : readState(layout.runDir);
  if (livePid !== undefined && liveState) adoptIfLeftBehind(`kafka ${liveState.version}`, layout.runDir, livePid, layout.log);
  const broker = livePid !== undefined && liveState ? runningOf(liveState, livePid) : launch(layout);
  assertWanted(broker, layout, opts?.port);
  await waitReady(broker, layout.runDir);
  return broker;
}

export async function stopKafka(opts?: KafkaOptions): Promise<boolean> {
  return stopDaemon(layoutOf(opts).runDir);
}

/** Returning a broker of another line or port than asked would make the caller talk to the wrong thing. */
function assertWanted(broker: RunningKafka, layout: Layout, port: number | undefined): void {
  if (broker.line === layout.line && (port === undefined || port === broker.port)) return;
  throw new Error(`${broker.dataDir} already runs kafka ${broker.version} at ${broker.bootstrap}; stop it first`);
}

function launch(layout: Layout): RunningKafka {
  requireJava(LINES[layout.line].minJava);
  const classpath = kafkaClasspath(layout.line, layout.log);
  mkdirSync(layout.runDir, { recursive: true });
  const props = writeRunFile(layout, 'server.properties', serverProperties(layout));
  const logging = loggingConfig(LINES[layout.line].logBackend);
  const jvm = ['-cp', classpath, logging.javaFlag(writeRunFile(layout, logging.fileName, logging.text))];
  formatOnce(layout, jvm, props);
  layout.log(`starting kafka ${layout.version} on 127.0.0.1:${layout.port} (log ${path.join(layout.runDir, 'server.log')})`);
  const pid = startDaemon({
    runDir: layout.runDir,
    command: javaCommand(),
    args: [...BROKER_JVM, ...jvm, 'kafka.Kafka', props],
  });
  const state: BrokerState = {
    line: layout.line,
    version: layout.version,
    port: layout.port,
    dataDir: layout.dataDir,
    saslPort: layout.sasl?.port,
  };
  writeFileSync(stateFile(layout.runDir), `${JSON.stringify(state)}\n`);
  return runningOf(state, pid);
}

function writeRunFile(layout: Layout, name: string, text: string): string {
  const file = path.join(layout.runDir, name);
  writeFileSync(file, text);
  return file;
}

/** Formatting mints the cluster id; formatting again would give the data a new identity, so only once. */
function formatOnce(layout: Layout, jvm: string[], props: string): void {
  if (existsSync(path.join(layout.logDir, 'meta.properties'))) return;
  layout.log(`formatting ${layout.logDir}`);
  // The tool prints the id as its last line; anything before it is logging.
  const clusterId = runTool(jvm, ['random-uuid']).trim().split('\n').pop() ?? '';
  runTool(jvm, ['format', '-t', clusterId, '-c', props]);
}

function runTool(jvm: string[], args: string[]): string {
  const result = spawnSync(javaCommand(), [...jvm, 'kafka.tools.StorageTool', ...args], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`kafka StorageTool ${args[0]} failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

async function waitReady(broker: RunningKafka, runDir: string): Promise<void> {
  await waitUntil(
    `kafka ${broker.version} at ${broker.bootstrap}`,
    async () => (await portAnswers(broker.port)) && (await adminAnswers(broker.bootstrap)),
    { timeoutMs: READY_TIMEOUT_MS, pid: broker.pid, logFile: path.join(runDir, 'server.log') },
  );
}

/**
 * The port opens before the broker has caught up with its metadata; an admin round trip proves it
 * serves. The group lookup matters too: a fresh broker creates __consumer_offsets (50 partitions) on
 * the first group-coordinator request, which takes seconds; paying that here keeps it out of the
 * first consumer's timeout (a collector run, a test's first read). Describing an unknown group
 * creates no group.
 */
async function adminAnswers(bootstrap: string): Promise<boolean> {
  const kafka = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING, connectionTimeout: 2000, retry: { retries: 0 } });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    await admin.describeGroups(['truthflow-launcher-readiness']);
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function describeBroker(broker: RunningKafka, what: string): string {
  // Short when inside the project (the usual case), absolute when not: `../../tmp/x` helps nobody.
  const relative = path.relative(process.cwd(), broker.dataDir) || '.';
  const data = relative.startsWith('..') ? broker.dataDir : relative;
  return `kafka ${broker.version} ${what} ${broker.bootstrap} (pid ${broker.pid}, data ${data})`;
}

runServerCliIfMain(import.meta.url, {
  name: 'kafka',
  usage: 'tsx scripts/kafka.ts start|stop|status [--line 4|3.9] [--port N] [--data-dir DIR]',
  flags: ['line', 'port', 'data-dir'],
  options: (values): KafkaOptions => {
    const line = values.line ?? '4';
    if (!isKafkaLine(line)) throw new Error(`--line must be 4 or 3.9, not ${line}`);
    const port = positiveInt('port', values.port);
    if (port !== undefined && port > 65535) throw new Error(`--port must be a TCP port, not ${values.port}`);
    return { line, port, dataDir: values['data-dir'] };
  },
  start: async (opts) => console.log(describeBroker(await startKafka(opts), 'ready at')),
  stop: async (opts) => console.log((await stopKafka(opts)) ? `kafka ${opts.line} stopped` : `kafka ${opts.line} was not running`),
  status: async (opts) => {
    const broker = await kafkaStatus(opts);
    console.log(broker ? describeBroker(broker, 'running at') : `kafka ${opts.line} is not running`);
    return broker !== undefined;
  },
});
