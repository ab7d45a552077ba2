// Runs a real single-node Elasticsearch 8 from Maven Central jars, the way scripts/opensearch.ts
// runs OpenSearch: org.elasticsearch:elasticsearch (the server, with its libraries) and
// org.elasticsearch.plugin:transport-netty4 (HTTP and transport), started by a tiny Java class of
// ours (elasticsearch/TruthflowEsNode.java). Two differences from OpenSearch: the server must run on
// the module path, and the netty4 transport is loaded from a module folder under path.home, so its
// jars stay off the server's path. The `rest-root` module (GET /) is not published to Maven
// Central, so this node has no GET /; readiness and the version come from _cluster/health and
// _nodes/_local. Usable as a module (tests) and as a CLI:
//   npx tsx scripts/elasticsearch.ts start|stop|status [--http-port N] [--data-dir D]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSearchClient } from '../lib/search/client';
import { portAnswers, readPid, startDaemon, stopDaemon, waitUntil } from './lib/daemon';
import { cacheRoot, fetchMavenArtifacts } from './lib/maven';
import { runServerCliIfMain } from './lib/server-cli';
import { jdkTool, requireJdk, requireTool } from './opensearch/java';
import { withStartLock } from './opensearch/node';

export const ELASTICSEARCH_VERSION = '8.15.0';
const READY_TIMEOUT_MS = 180_000;
const SOURCE = fileURLToPath(new URL('./elasticsearch/TruthflowEsNode.java', import.meta.url));
const LOG4J = fileURLToPath(new URL('./elasticsearch/log4j2.properties', import.meta.url));
/** Jars that belong to the netty4 module, not to the server. */
const isNettyModuleJar = (jar: string) => jar.startsWith('netty-') || jar.startsWith('transport-netty4-');

export interface ElasticsearchOptions {
  httpPort?: number;
  transportPort?: number;
  dataDir?: string;
  log?: (line: string) => void;
}

export interface RunningElasticsearch {
  url: string;
  httpPort: number;
  pid: number;
  version: string;
}

function resolve(opts: ElasticsearchOptions = {}) {
  return {
    httpPort: opts.httpPort ?? 19210,
    transportPort: opts.transportPort ?? 19310,
    dataDir: path.resolve(opts.dataDir ?? path.join(cacheRoot(), '..', 'elasticsearch')),
    log: opts.log ?? ((line: string) => process.stderr.write(`${line}\n`)),
  };
}

const urlOf = (port: number) => `http://127.0.0.1:${port}`;

async function isReady(httpPort: number): Promise<boolean> {
  try {
    const health = await createSearchClient({ url: urlOf(httpPort), timeoutMs: 2_000 }).clusterHealth();
    return health.status === 'green' || health.status === 'yellow';
  } catch {
    return false;
  }
}

async function versionAt(httpPort: number): Promise<string> {
  const response = await fetch(`${urlOf(httpPort)}/_nodes/_local?filter_path=nodes.*.version`);
  const body = (await response.json()) as { nodes?: Record<string, { version?: string }> };
  return Object.values(body.nodes ?? {})[0]?.version ?? 'unknown';
}

/** javac against the server's module path, once per source and version. */
function compile(serverJars: string[]): string {
  const outDir = path.join(cacheRoot(), `elasticsearch-launcher-${ELASTICSEARCH_VERSION}`);
  if (existsSync(path.join(outDir, 'TruthflowEsNode.class'))) return outDir;
  const args = ['-nowarn', '--module-path', serverJars.join(path.delimiter), '--add-modules', 'ALL-MODULE-PATH', '-d', outDir, SOURCE];
  const result = spawnSync(jdkTool('javac'), args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new Error(`javac could not compile ${SOURCE}:\n${result.stderr || result.error?.message}`);
  return outDir;
}

/** path.home with the log config and the netty4 module folder (its jars and descriptor). */
function prepareHome(dataDir: string, libDir: string, nettyJars: string[]): string {
  const home = path.join(dataDir, 'home');
  const module = path.join(home, 'modules', 'transport-netty4');
  rmSync(module, { recursive: true, force: true });
  for (const dir of [path.join(home, 'config'), path.join(home, 'plugins'), module, path.join(dataDir, 'tmp')])
    mkdirSync(dir, { recursive: true });
  copyFileSync(LOG4J, path.join(home, 'config', 'log4j2.properties'));
  for (const jar of nettyJars) copyFileSync(path.join(libDir, jar), path.join(module, jar));
  const descriptor = {
    description: 'Netty 4 based transport implementation',
    version: ELASTICSEARCH_VERSION,
    name: 'transport-netty4',
    classname: 'org.elasticsearch.transport.netty4.Netty4Plugin',
    'java.version': '17',
    'elasticsearch.version': ELASTICSEARCH_VERSION,
    'extended.plugins': '',
    'has.native.controller': 'false',
  };
  writeFileSync(
    path.join(module, 'plugin-descriptor.properties'),
    Object.entries(descriptor)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );
  return home;
}

/** Starts the node for `dataDir`, or returns the one already running there. Idempotent. */
export async function startElasticsearch(opts?: ElasticsearchOptions): Promise<RunningElasticsearch> {
  const r = resolve(opts);
  return withStartLock(r.dataDir, READY_TIMEOUT_MS + 60_000, async () => {
    const logFile = path.join(r.dataDir, 'server.log');
    const running = readPid(r.dataDir);
    if (running !== undefined) {
      await waitUntil('Elasticsearch', () => isReady(r.httpPort), { timeoutMs: READY_TIMEOUT_MS, pid: running, logFile });
      return { url: urlOf(r.httpPort), httpPort: r.httpPort, pid: running, version: await versionAt(r.httpPort) };
    }
    for (const port of [r.httpPort, r.transportPort]) if (await portAnswers(port)) throw new Error(`port ${port} is already in use`);
    requireJdk(17);
    requireTool('mvn', 'Maven fetches the Elasticsearch jars from Maven Central (apt-get install maven)');
    const libDir = fetchMavenArtifacts(
      `elasticsearch-${ELASTICSEARCH_VERSION}`,
      [
        { groupId: 'org.elasticsearch', artifactId: 'elasticsearch', version: ELASTICSEARCH_VERSION },
        { groupId: 'org.elasticsearch.plugin', artifactId: 'transport-netty4', version: ELASTICSEARCH_VERSION },
        { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-core', version: '2.19.0' },
      ],
      r.log,
    );
    const jars = readdirSync(libDir).filter((f) => f.endsWith('.jar'));
    const serverJars = jars.filter((j) => !isNettyModuleJar(j)).map((j) => path.join(libDir, j));
    const classes = compile(serverJars);
    const home = prepareHome(r.dataDir, libDir, jars.filter(isNettyModuleJar));
    const settings = {
      'path.home': home,
      'path.data': path.join(r.dataDir, 'data'),
      'path.logs': path.join(r.dataDir, 'logs'),
      'cluster.name': 'truthflow-es8',
      'node.name': 'truthflow-es8-node',
      'discovery.type': 'single-node',
      'network.host': '127.0.0.1',
      'http.port': r.httpPort,
      'transport.port': r.transportPort,
      'cluster.routing.allocation.disk.threshold_enabled': 'false',
    };
    const pid = startDaemon({
      runDir: r.dataDir,
      command: jdkTool('java'),
      args: [
        ...['-Xms512m', '-Xmx512m', '-Djava.awt.headless=true', '-Dfile.encoding=UTF-8', `-Djava.io.tmpdir=${path.join(r.dataDir, 'tmp')}`],
        ...['-Dio.netty.noUnsafe=true', '-Dlog4j2.disable.jmx=true'],
        ...['--module-path', serverJars.join(path.delimiter), '--add-modules', 'ALL-MODULE-PATH', '-cp', classes, 'TruthflowEsNode'],
        ...Object.entries(settings).map(([k, v]) => `${k}=${v}`),
      ],
    });
    r.log(`elasticsearch ${ELASTICSEARCH_VERSION} starting (pid ${pid}), log: ${logFile}`);
    await waitUntil('Elasticsearch', () => isReady(r.httpPort), { timeoutMs: READY_TIMEOUT_MS, pid, logFile });
    return { url: urlOf(r.httpPort), httpPort: r.httpPort, pid, version: await versionAt(r.httpPort) };
  });
}

export function stopElasticsearch(opts?: ElasticsearchOptions): Promise<boolean> {
  return stopDaemon(resolve(opts).dataDir, 30_000);
}

export async function elasticsearchStatus(opts?: ElasticsearchOptions): Promise<RunningElasticsearch | undefined> {
  const r = resolve(opts);
  const pid = readPid(r.dataDir);
  if (pid === undefined || !(await isReady(r.httpPort))) return undefined;
  return { url: urlOf(r.httpPort), httpPort: r.httpPort, pid, version: await versionAt(r.httpPort) };
}

const line = (n: RunningElasticsearch) => `elasticsearch ${n.version} ready at ${n.url} (pid ${n.pid})`;

runServerCliIfMain(import.meta.url, {
  name: 'elasticsearch',
  usage: 'tsx scripts/elasticsearch.ts start|stop|status [--http-port N] [--data-dir D]',
  flags: ['http-port', 'data-dir'],
  options: (values): ElasticsearchOptions => ({
    httpPort: values['http-port'] ? Number(values['http-port']) : undefined,
    dataDir: values['data-dir'],
  }),
  start: async (opts) => console.log(line(await startElasticsearch(opts))),
  stop: async (opts) => console.log((await stopElasticsearch(opts)) ? 'elasticsearch stopped' : 'elasticsearch was not running'),
  status: async (opts) => {
    const node = await elasticsearchStatus(opts);
    console.log(node ? line(node) : 'elasticsearch is not running');
    return node !== undefined;
  },
});
