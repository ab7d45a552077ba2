// Runs a real single-node OpenSearch 2.19 from Maven Central jars: no distribution tarball, no
// Docker. The server, its netty transport and common analysis plugins and log4j-core come from
// Maven; a tiny Java class of ours (opensearch/TruthflowNode.java) starts the node with those
// plugins on the classpath. Usable as a module (tests) and as a CLI (README, CI):
//   npx tsx scripts/opensearch.ts start|stop|status [--http-port N] [--data-dir D] [--write-queue-size N]
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createSearchClient } from '../lib/search/client';
import { portAnswers, readPid, startDaemon, stopDaemon, waitUntil } from './lib/daemon';
import { adoptIfLeftBehind } from './lib/owner';
import { cacheRoot, fetchMavenArtifacts, type MavenArtifact } from './lib/maven';
import { positiveInt, runServerCliIfMain } from './lib/server-cli';
import { compileLauncher, jdkTool, LAUNCHER_CLASS, requireJdk, requireTool } from './opensearch/java';
import { firstProblem, jvmArgs, nodeSettings, prepareHome, withStartLock, type NodeLayout } from './opensearch/node';

export const OPENSEARCH_VERSION = '2.19.6';
/** log4j-core is optional in the server's pom; it must match the log4j-api the server depends on. */
const LOG4J_VERSION = '2.25.4';
const READY_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 30_000;

const ARTIFACTS: MavenArtifact[] = [
  { groupId: 'org.opensearch', artifactId: 'opensearch', version: OPENSEARCH_VERSION },
  { groupId: 'org.opensearch.plugin', artifactId: 'transport-netty4-client', version: OPENSEARCH_VERSION },
  { groupId: 'org.opensearch.plugin', artifactId: 'analysis-common', version: OPENSEARCH_VERSION },
  { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-core', version: LOG4J_VERSION },
];

export interface OpenSearchOptions {
  httpPort?: number;
  transportPort?: number;
  dataDir?: string;
  /** Small values make the write thread pool reject bulk items with 429 (overload tests). */
  writeQueueSize?: number;
  log?: (line: string) => void;
}

export interface RunningOpenSearch {
  url: string;
  httpPort: number;
  dataDir: string;
  pid: number;
  version: string;
}

/** What a start recorded, so `status`/`stop` need no flags and a second start finds the first. */
const nodeFileSchema = z.object({
  httpPort: z.number().int(),
  transportPort: z.number().int(),
  writeQueueSize: z.number().int().optional(),
});
type NodeFile = z.infer<typeof nodeFileSchema>;

interface Resolved extends NodeLayout {
  log: (line: string) => void;
}

function resolve(opts: OpenSearchOptions = {}): Resolved {
  return {
    httpPort: opts.httpPort ?? 19200,
    transportPort: opts.transportPort ?? 19300,
    // A sibling of the artifact cache: `.truthflow/opensearch` by default.
    dataDir: path.resolve(opts.dataDir ?? path.join(cacheRoot(), '..', 'opensearch')),
    writeQueueSize: opts.writeQueueSize,
    log: opts.log ?? ((line) => process.stderr.write(`${line}\n`)),
  };
}

const logFileOf = (dataDir: string) => path.join(dataDir, 'server.log');
const nodeFileOf = (dataDir: string) => path.join(dataDir, 'node.json');
const urlOf = (port: number) => `http://127.0.0.1:${port}`;

function readNodeFile(dataDir: string): NodeFile | undefined {
  try {
    return nodeFileSchema.parse(JSON.parse(readFileSync(nodeFileOf(dataDir), 'utf8')));
  } catch {
    return undefined;
  }
}

async function isReady(httpPort: number): Promise<boolean> {
  try {
    const health = await createSearchClient({ url: urlOf(httpPort), timeoutMs: 2_000 }).clusterHealth();
    return health.status === 'green' || health.status === 'yellow';
  } catch {
    return false;
  }
}

async function runningNode(dataDir: string, httpPort: number, pid: number): Promise<RunningOpenSearch> {
  const url = urlOf(httpPort);
  const info = await createSearchClient({ url, timeoutMs: 5_000 }).serverInfo();
  return { url, httpPort, dataDir, pid, version: info.version };
}

/**
 * A caller that asks for a port or queue size different from the running node's would silently
 * test the wrong thing (an overload test against an unbounded queue): refuse instead.
 */
function assertCompatible(dataDir: string, recorded: NodeFile, opts: OpenSearchOptions): void {
  const clash = (
    [
      ['http port', opts.httpPort, recorded.httpPort],
      ['transport port', opts.transportPort, recorded.transportPort],
      ['write queue size', opts.writeQueueSize, recorded.writeQueueSize],
    ] as const
  ).find(([, asked, actual]) => asked !== undefined && asked !== actual);
  if (clash) {
    const [what, asked, actual] = clash;
    throw new Error(
      `OpenSearch in ${dataDir} already runs with ${what} ${actual ?? 'default'}, not ${asked}; stop it first or use another data dir`,
    );
  }
}

/** Starts the node for `dataDir`, or returns the one already running there. Idempotent. */
export async function startOpenSearch(opts?: OpenSearchOptions): Promise<RunningOpenSearch> {
  const r = resolve(opts);
  return withStartLock(r.dataDir, READY_TIMEOUT_MS + 60_000, () => startLocked(r, opts ?? {}));
}

async function startLocked(r: Resolved, opts: OpenSearchOptions): Promise<RunningOpenSearch> {
  const logFile = logFileOf(r.dataDir);
  const running = readPid(r.dataDir);
  const recorded = readNodeFile(r.dataDir);
  if (running !== undefined && recorded) {
    // Started earlier (maybe still starting): wait for it rather than starting a second JVM.
    assertCompatible(r.dataDir, recorded, opts);
    adoptIfLeftBehind('OpenSearch', r.dataDir, running, r.log);
    await waitUntil('OpenSearch', () => isReady(recorded.httpPort), { timeoutMs: READY_TIMEOUT_MS, pid: running, logFile });
    return runningNode(r.dataDir, recorded.httpPort, running);
  }
  for (const port of [r.httpPort, r.transportPort]) {
    if (await portAnswers(port))
      throw new Error(`port ${port} is already in use by another process; pick another with --http-port/--transport-port`);
  }

  requireJdk(11);
  const cache = cacheRoot();
  if (!existsSync(path.join(cache, 'maven', `opensearch-${OPENSEARCH_VERSION}`, '.complete'))) {
    requireTool('mvn', 'Maven fetches the OpenSearch jars from Maven Central (apt-get install maven)');
  }
  const libDir = fetchMavenArtifacts(`opensearch-${OPENSEARCH_VERSION}`, ARTIFACTS, r.log);
  const classesDir = compileLauncher(cache, libDir, OPENSEARCH_VERSION);
  const home = prepareHome(r.dataDir);

  const classpath = [classesDir, path.join(libDir, '*')].join(path.delimiter);
  const started = Date.now();
  const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
  const pid = startDaemon({
    runDir: r.dataDir,
    command: jdkTool('java'),
    args: [...jvmArgs(r, home), '-cp', classpath, LAUNCHER_CLASS, ...nodeSettings(r, home)],
  });
  const record: NodeFile = { httpPort: r.httpPort, transportPort: r.transportPort, writeQueueSize: r.writeQueueSize };
  writeFileSync(nodeFileOf(r.dataDir), `${JSON.stringify(record)}\n`);
  r.log(`opensearch ${OPENSEARCH_VERSION} starting (pid ${pid}), log: ${logFile}`);
  await waitUntil('OpenSearch', () => isReady(r.httpPort), { timeoutMs: READY_TIMEOUT_MS, pid, logFile }).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}${firstProblem(logFile, logStart)}`, { cause: error });
  });
  r.log(`opensearch ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return runningNode(r.dataDir, r.httpPort, pid);
}

/** Stops the node of `dataDir`; false when none was running. */
export async function stopOpenSearch(opts?: OpenSearchOptions): Promise<boolean> {
  return stopDaemon(resolve(opts).dataDir, STOP_GRACE_MS);
}

/** The node of `dataDir` when its process runs and its cluster answers green or yellow. */
export async function openSearchStatus(opts?: OpenSearchOptions): Promise<RunningOpenSearch | undefined> {
  const r = resolve(opts);
  const pid = readPid(r.dataDir);
  const recorded = readNodeFile(r.dataDir);
  if (pid === undefined || !recorded || !(await isReady(recorded.httpPort))) return undefined;
  return runningNode(r.dataDir, recorded.httpPort, pid);
}

const line = (n: RunningOpenSearch) => `opensearch ${n.version} ready at ${n.url} (pid ${n.pid})`;

runServerCliIfMain(import.meta.url, {
  name: 'opensearch',
  usage: 'tsx scripts/opensearch.ts start|stop|status [--http-port N] [--transport-port N] [--data-dir D] [--write-queue-size N]',
  flags: ['http-port', 'transport-port', 'data-dir', 'write-queue-size'],
  options: (values): OpenSearchOptions => ({
    httpPort: positiveInt('http-port', values['http-port']),
    transportPort: positiveInt('transport-port', values['transport-port']),
    dataDir: values['data-dir'],
    writeQueueSize: positiveInt('write-queue-size', values['write-queue-size']),
  }),
  start: async (opts) => console.log(line(await startOpenSearch(opts))),
  stop: async (opts) => console.log((await stopOpenSearch(opts)) ? 'opensearch stopped' : 'opensearch was not running'),
  status: async (opts) => {
    const node = await openSearchStatus(opts);
    console.log(node ? line(node) : 'opensearch is not running');
    return node !== undefined;
  },
});
