// How one Truthflow OpenSearch node is laid out and launched: its folders, JVM flags and node
// settings, the per-data-dir start lock, and reading its log when a start fails.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isAlive, sleep } from '../lib/daemon';
import { LOG4J_CONFIG } from './java';

export interface NodeLayout {
  dataDir: string;
  httpPort: number;
  transportPort: number;
  writeQueueSize: number | undefined;
}

/** The JVM flags OpenSearch's own jvm.options would set, minus those for production hosts. */
export function jvmArgs(r: NodeLayout, home: string): string[] {
  return [
    '-Xms512m',
    '-Xmx512m',
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    '-Dfile.encoding=UTF-8',
    '-Djna.nosys=true',
    `-Djava.io.tmpdir=${path.join(r.dataDir, 'tmp')}`,
    `-XX:ErrorFile=${path.join(r.dataDir, 'logs', 'hs_err_pid%p.log')}`,
    // Locale data as OpenSearch 2.x expects for its date formats on JDK 9+.
    '-Djava.locale.providers=SPI,COMPAT',
    '-Dio.netty.noUnsafe=true',
    '-Dio.netty.noKeySetOptimization=true',
    '-Dio.netty.recycler.maxCapacityPerThread=0',
    // The node sets Netty's processor count itself; a second attempt would throw.
    '-Dopensearch.set.netty.runtime.available.processors=false',
    '-Dlog4j.shutdownHookEnabled=false',
    '-Dlog4j2.disable.jmx=true',
    `-Dopensearch.path.home=${home}`,
  ];
}

export function nodeSettings(r: NodeLayout, home: string): string[] {
  const settings: Record<string, string | number> = {
    'path.home': home,
    'path.data': path.join(r.dataDir, 'data'),
    'path.logs': path.join(r.dataDir, 'logs'),
    'cluster.name': 'truthflow',
    'node.name': 'truthflow-node',
    'discovery.type': 'single-node',
    'network.host': '127.0.0.1',
    'http.type': 'netty4',
    'transport.type': 'netty4',
    'http.port': r.httpPort,
    'transport.port': r.transportPort,
    // Dev machines and CI runners often have nearly full disks; the watermarks would then block
    // shard allocation and turn the cluster red for reasons unrelated to Truthflow.
    'cluster.routing.allocation.disk.threshold_enabled': 'false',
  };
  if (r.writeQueueSize !== undefined) {
    settings['thread_pool.write.size'] = 1;
    settings['thread_pool.write.queue_size'] = r.writeQueueSize;
  }
  return Object.entries(settings).map(([k, v]) => `${k}=${v}`);
}

/** path.home needs a config folder (log4j2.properties) and the modules/plugins folders it scans. */
export function prepareHome(dataDir: string): string {
  const home = path.join(dataDir, 'home');
  for (const dir of ['config', 'modules', 'plugins']) mkdirSync(path.join(home, dir), { recursive: true });
  for (const dir of ['data', 'logs', 'tmp']) mkdirSync(path.join(dataDir, dir), { recursive: true });
  copyFileSync(LOG4J_CONFIG, path.join(home, 'config', 'log4j2.properties'));
  return home;
}

/**
 * Serialises starts per data dir across processes (two test runs, a dev and CI): without it both
 * would see no node, spawn two JVMs and fight over the data folder's lock and the pid file.
 */
export async function withStartLock<T>(dataDir: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  mkdirSync(dataDir, { recursive: true });
  const lock = path.join(dataDir, 'start.lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lock, 'utf8').trim());
      // A holder that died (crash, Ctrl-C) leaves the file behind; an empty file is being written.
      if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`another start (pid ${holder}) still holds ${lock}`);
      else await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** The first exception line this start wrote, so a failed start says why without opening the log. */
export function firstProblem(logFile: string, fromByte: number): string {
  try {
    const line = readFileSync(logFile)
      .subarray(fromByte)
      .toString('utf8')
      .split('\n')
      .find((l) => /Exception|Error:|\]\[ERROR/.test(l));
    return line ? `\n  ${line.replace(/^\[[^\]]*\]\[[^\]]*\]\[[^\]]*\] \[[^\]]*\] /, '').slice(0, 400)}` : '';
  } catch {
    return '';
  }
}
