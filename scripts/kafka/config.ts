// The files a single-node KRaft broker reads at start: server.properties and a logging config.
import type { LogBackend } from './lines';

export interface BrokerPorts {
  port: number;
  controllerPort: number;
  /** Kafka's `log.dirs`: partitions and the KRaft metadata log. */
  logDir: string;
  /** An extra SASL_PLAINTEXT listener (mechanism PLAIN) for tests of credentials; off by default. */
  sasl?: SaslListener;
}

export interface SaslListener {
  port: number;
  /** username → password accepted on the SASL listener. */
  users: Record<string, string>;
}

/**
 * One process is broker and controller at once. A static voter list (rather than a dynamic
 * quorum) works the same on 3.9 and 4.x and needs no `--standalone` at format time.
 */
export function serverProperties({ port, controllerPort, logDir, sasl }: BrokerPorts): string {
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    // Loopback only: this broker is for tests and demos on one machine.
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': logDir,
    // With one node the defaults (3 replicas, min ISR 2) would leave internal topics unusable.
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'min.insync.replicas': 1,
    // Tests join fresh groups constantly; the default 3 s delay would slow each one down.
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': true,
    ...(sasl ? saslSettings(port, controllerPort, sasl) : {}),
  };
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}

/**
 * PLAINTEXT stays the inter-broker and first listener; the SASL one is only for clients. PLAIN's
 * users live in the listener's JAAS line (no authorizer: any authenticated user may do anything).
 */
function saslSettings(port: number, controllerPort: number, sasl: SaslListener): Record<string, string> {
  const users = Object.entries(sasl.users)
    .map(([user, password]) => `user_${user}="${password}"`)
    .join(' ');
  return {
    listeners: `PLAINTEXT://127.0.0.1:${port},SASL_PLAINTEXT://127.0.0.1:${sasl.port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port},SASL_PLAINTEXT://127.0.0.1:${sasl.port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'sasl.enabled.mechanisms': 'PLAIN',
    'listener.name.sasl_plaintext.plain.sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required ${users};`,
  };
}

/** Loggers quieter than INFO: the request log is per request, the config dumps repeat server.properties. */
const QUIET_LOGGERS = ['kafka.request.logger', 'org.apache.kafka.common.config.AbstractConfig'];
const PATTERN = '[%d] %p %m (%c)%n';

export interface LoggingConfig {
  fileName: string;
  text: string;
  /** The JVM flag that points the backend at the file. */
  javaFlag: (file: string) => string;
}

/** Everything goes to stdout, which the daemon appends to server.log: one log file per broker. */
export function loggingConfig(backend: LogBackend): LoggingConfig {
  return backend === 'log4j2' ? log4j2Config() : reload4jConfig();
}

function log4j2Config(): LoggingConfig {
  const lines = [
    'appender.out.type=Console',
    'appender.out.name=out',
    'appender.out.layout.type=PatternLayout',
    `appender.out.layout.pattern=${PATTERN}`,
    'rootLogger.level=INFO',
    'rootLogger.appenderRef.out.ref=out',
    ...QUIET_LOGGERS.flatMap((name, i) => [`logger.q${i}.name=${name}`, `logger.q${i}.level=WARN`]),
  ];
  return { fileName: 'log4j2.properties', text: `${lines.join('\n')}\n`, javaFlag: (f) => `-Dlog4j2.configurationFile=${f}` };
}

function reload4jConfig(): LoggingConfig {
  const lines = [
    'log4j.rootLogger=INFO, out',
    'log4j.appender.out=org.apache.log4j.ConsoleAppender',
    'log4j.appender.out.layout=org.apache.log4j.PatternLayout',
    `log4j.appender.out.layout.ConversionPattern=${PATTERN}`,
    ...QUIET_LOGGERS.map((name) => `log4j.logger.${name}=WARN`),
  ];
  return { fileName: 'log4j.properties', text: `${lines.join('\n')}\n`, javaFlag: (f) => `-Dlog4j.configuration=file:${f}` };
}
