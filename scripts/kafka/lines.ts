// The two Kafka broker lines Truthflow is tested against, and how to get their jars and a Java
// that can run them. Both lines come from Maven Central, so no Kafka tarball is ever needed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { classpathOf, fetchMavenArtifacts, type MavenArtifact } from '../lib/maven';

export type KafkaLine = '4' | '3.9';

/** Which logging backend the line's own distribution uses; slf4j needs a binding for it. */
export type LogBackend = 'log4j2' | 'reload4j';

export interface LineSpec {
  version: string;
  /** The controller listens on the next port unless told otherwise. */
  port: number;
  /** Kafka 4 brokers are compiled for Java 17; 3.9 still runs on 8. */
  minJava: number;
  logBackend: LogBackend;
  /** The slf4j binding: kafka_2.13's runtime deps bring slf4j-api only, which would log nothing. */
  logging: MavenArtifact[];
}

export const LINES: Record<KafkaLine, LineSpec> = {
  '4': {
    version: '4.4.0',
    port: 19092,
    minJava: 17,
    logBackend: 'log4j2',
    logging: [
      // 2.25.5 is the log4j that kafka-tools 4.4.0 already pulls in; the binding must match it.
      { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-slf4j-impl', version: '2.25.5' },
      { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-core', version: '2.25.5' },
    ],
  },
  '3.9': {
    version: '3.9.1',
    port: 19094,
    minJava: 8,
    logBackend: 'reload4j',
    logging: [{ groupId: 'org.slf4j', artifactId: 'slf4j-reload4j', version: '1.7.36' }],
  },
};

export function isKafkaLine(value: string): value is KafkaLine {
  return Object.hasOwn(LINES, value);
}

function artifactsOf(spec: LineSpec): MavenArtifact[] {
  const kafka = (artifactId: string): MavenArtifact => ({ groupId: 'org.apache.kafka', artifactId, version: spec.version });
  // kafka-tools rides along so benchmarks can run ConsumerGroupCommand from the same classpath.
  return [kafka('kafka_2.13'), kafka('kafka-tools'), ...spec.logging];
}

/** Fetches the line's jars on first use (a few seconds) and returns the java classpath. */
export function kafkaClasspath(line: KafkaLine = '4', log?: (line: string) => void): string {
  const spec = LINES[line];
  try {
    return classpathOf(fetchMavenArtifacts(`kafka-${spec.version}`, artifactsOf(spec), log));
  } catch (err) {
    // fetchMavenArtifacts only says mvn "could not run"; name the missing tool plainly.
    if (spawnSync('mvn', ['-v']).error) {
      throw new Error(`Maven is missing: no \`mvn\` on PATH, needed once to fetch Kafka ${spec.version} from Maven Central`);
    }
    throw err;
  }
}

/** The java binary to use: JAVA_HOME wins, as it does for Kafka's own scripts. */
export function javaCommand(): string {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

/** Fails before launch with one sentence instead of a later UnsupportedClassVersionError in the log. */
export function requireJava(minMajor: number): void {
  const java = javaCommand();
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new Error(`Java is missing: cannot run \`${java}\` (Kafka needs a JDK ${minMajor} or newer on PATH or in JAVA_HOME)`);
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  // Java 8 and older report themselves as "1.8"; later ones as "17.0.15".
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : 0;
  if (major < minMajor) {
    throw new Error(`Java ${minMajor} or newer is missing: \`${java} -version\` reports ${match?.[0] ?? 'no version'}`);
  }
}
