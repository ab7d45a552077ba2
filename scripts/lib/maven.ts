// Fetches Java server artifacts (Kafka, OpenSearch) from Maven Central into a cache folder.
// Maven resolves the transitive runtime dependencies for us; we only write a throwaway pom.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface MavenArtifact {
  groupId: string;
  artifactId: string;
  version: string;
}

/** Where launchers keep artifacts and data; overridable so CI or several clones can share one. */
export function cacheRoot(): string {
  return path.resolve(process.env.TRUTHFLOW_CACHE ?? path.join(process.cwd(), '.truthflow', 'cache'));
}

function pomFor(name: string, artifacts: MavenArtifact[]): string {
  const deps = artifacts
    .map(
      (a) =>
        `    <dependency><groupId>${a.groupId}</groupId><artifactId>${a.artifactId}</artifactId><version>${a.version}</version></dependency>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.truthflow.cache</groupId>
  <artifactId>${name}</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
${deps}
  </dependencies>
</project>
`;
}

/**
 * Ensures every jar of `artifacts` (with runtime dependencies) sits in `<cache>/maven/<name>/lib`
 * and returns that folder. A `.complete` marker makes a second call free and a half-finished
 * download retried.
 */
export function fetchMavenArtifacts(
  name: string,
  artifacts: MavenArtifact[],
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): string {
  const dir = path.join(cacheRoot(), 'maven', name);
  const libDir = path.join(dir, 'lib');
  const marker = path.join(dir, '.complete');
  if (existsSync(marker)) return libDir;

  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'pom.xml'), pomFor(name, artifacts));
  log(`fetching ${artifacts.map((a) => `${a.artifactId}:${a.version}`).join(', ')} from Maven Central into ${libDir}`);
  const result = spawnSync(
    'mvn',
    ['-B', '-q', '-Dstyle.color=never', 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${libDir}`],
    { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.error) throw new Error(`cannot run mvn (is Maven installed?): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`mvn could not fetch ${name} artifacts (exit ${result.status}); see output above`);
  const jars = readdirSync(libDir).filter((f) => f.endsWith('.jar'));
  if (jars.length === 0) throw new Error(`mvn finished but ${libDir} holds no jars`);
  writeFileSync(marker, `${jars.length} jars\n`);
  log(`fetched ${jars.length} jars for ${name}`);
  return libDir;
}

export function classpathOf(libDir: string): string {
  return readdirSync(libDir)
    .filter((f) => f.endsWith('.jar'))
    .map((f) => path.join(libDir, f))
    .join(path.delimiter);
}
