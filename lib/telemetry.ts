// All of Truthflow's own OpenTelemetry code goes through here: SDK start-up, spans, counters and
// histograms. Metric names are constants; attributes stay low-cardinality (collector, target kind,
// outcome — never an order id or a message key).
import { metrics, SpanStatusCode, trace, type Attributes, type Counter, type Histogram, type Span } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { PeriodicExportingMetricReader, type IMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { boundHost } from './auth/exposure';

export const METRICS = {
  collectorRuns: 'truthflow.collector.runs',
  // The Prometheus exporter does not append units, so the unit is in the name.
  collectorRunDuration: 'truthflow.collector.run.seconds',
  sinkSamplesWritten: 'truthflow.sink.samples.written',
  sinkSamplesDropped: 'truthflow.sink.samples.dropped',
  sinkFlushFailures: 'truthflow.sink.flush.failures',
} as const;

const SCOPE = 'truthflow';

export interface TelemetryOptions {
  serviceName: string;
  /** Port of the Prometheus `/metrics` endpoint; 0 picks a free one, undefined disables it. */
  prometheusPort?: number;
  /** Address it listens on; default HOST (loopback unless the dashboard was opened up deliberately). */
  prometheusHost?: string;
  /** OTLP/HTTP base URL (e.g. http://collector:4318) for our own traces and metrics. */
  otlpEndpoint?: string;
}

export interface Telemetry {
  shutdown(): Promise<void>;
}

export async function startTelemetry(opts: TelemetryOptions): Promise<Telemetry> {
  const readers: IMetricReader[] = [];
  if (opts.prometheusPort !== undefined) {
    // The exporter's own default is every interface; our metrics follow the dashboard's HOST.
    const host = opts.prometheusHost ?? boundHost();
    const prometheus = new PrometheusExporter({ host, port: opts.prometheusPort, preventServerStart: true });
    await prometheus.startServer();
    readers.push(prometheus);
  }
  const base = opts.otlpEndpoint?.replace(/\/$/, '');
  if (base) {
    readers.push(
      new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: `${base}/v1/metrics` }), exportIntervalMillis: 15_000 }),
    );
  }
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': opts.serviceName }),
    metricReaders: readers,
    // No exporter configured means no span processors: spans stay cheap no-ops instead of the
    // SDK's default of dialling localhost:4318.
    spanProcessors: base ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${base}/v1/traces` }))] : [],
    instrumentations: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}

/** Runs `fn` inside a span; an exception marks the span as an error and is rethrown. */
export async function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return trace.getTracer(SCOPE).startActiveSpan(name, { attributes }, async (span) => {
    try {
      const result = await fn(span);
      span.setStatus({ code: SpanStatusCode.OK });
      return result;
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

const counters = new Map<string, Counter>();
const histograms = new Map<string, Histogram>();

export function counter(name: string, description: string): Counter {
  let instrument = counters.get(name);
  if (!instrument) {
    instrument = metrics.getMeter(SCOPE).createCounter(name, { description });
    counters.set(name, instrument);
  }
  return instrument;
}

// Seconds-scale buckets: the SDK's defaults (0 … 10000) suit milliseconds.
const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function histogram(name: string, description: string, unit = 's'): Histogram {
  let instrument = histograms.get(name);
  if (!instrument) {
    const advice = unit === 's' ? { explicitBucketBoundaries: SECONDS_BUCKETS } : undefined;
    instrument = metrics.getMeter(SCOPE).createHistogram(name, { description, unit, advice });
    histograms.set(name, instrument);
  }
  return instrument;
}
