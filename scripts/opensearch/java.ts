// Java-side plumbing of the OpenSearch launcher: finding the JDK, and compiling our tiny node class
// once per source change into the cache.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LAUNCHER_CLASS = 'TruthflowNode';
const LAUNCHER_SOURCE = fileURLToPath(new URL(`./${LAUNCHER_CLASS}.java`, import.meta.url));
export const LOG4J_CONFIG = fileURLToPath(new URL('./log4j2.properties', import.meta.url));

/** JAVA_HOME wins over PATH, as with Maven and OpenSearch's own scripts. */
export function jdkTool(name: 'java' | 'javac'): string {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', name) : name;
}

/** Throws a message that names exactly what is missing (a JDK tool, Maven) and how to get it. */
export function requireTool(command: string, purpose: string): string {
  const result = spawnSync(command, command === 'mvn' ? ['-v'] : ['-version'], { encoding: 'utf8' });
  if (result.error) {
    const where = process.env.JAVA_HOME && command !== 'mvn' ? ` (JAVA_HOME=${process.env.JAVA_HOME})` : ' on PATH';
    throw new Error(`${command} not found${where}: ${purpose}`);
  }
  return `${result.stdout}${result.stderr}`;
}

/** Major version from `java -version` output ("17.0.15", "1.8.0_392", "21"). */
export function javaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

export function requireJdk(minMajor: number): void {
  const out = requireTool(jdkTool('java'), `OpenSearch needs a Java ${minMajor}+ JDK (apt-get install openjdk-17-jdk-headless)`);
  requireTool(jdkTool('javac'), 'the launcher compiles a small Java class; install a full JDK, not only a JRE (openjdk-17-jdk-headless)');
  const major = javaMajor(out);
  if (major !== undefined && major < minMajor) throw new Error(`java ${major} found, OpenSearch needs Java ${minMajor}+`);
}

/**
 * Compiles the launcher against `libDir` into `<cache>/opensearch-launcher/<hash>/` and returns
 * that folder. The hash covers the source and the server version, so an edit or an upgrade
 * recompiles and an unchanged source costs nothing.
 */
export function compileLauncher(cache: string, libDir: string, serverVersion: string): string {
  const source = readFileSync(LAUNCHER_SOURCE);
  const hash = createHash('sha256').update(source).update(serverVersion).digest('hex').slice(0, 16);
  const outDir = path.join(cache, 'opensearch-launcher', hash);
  if (existsSync(path.join(outDir, `${LAUNCHER_CLASS}.class`))) return outDir;

  // Compile into a scratch folder and rename, so an interrupted javac never leaves a half-built class.
  const scratch = `${outDir}.tmp-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const result = spawnSync(
    jdkTool('javac'),
    ['-encoding', 'UTF-8', '-nowarn', '-cp', path.join(libDir, '*'), '-d', scratch, LAUNCHER_SOURCE],
    { encoding: 'utf8' },
  );
  if (result.error || result.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(`javac could not compile ${LAUNCHER_SOURCE}:\n${result.stderr || result.error?.message}`);
  }
  rmSync(outDir, { recursive: true, force: true });
  renameSync(scratch, outDir);
  return outDir;
}
