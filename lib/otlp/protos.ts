// The OTLP message types, parsed once from lib/otlp/proto/*.proto with protobufjs. The files are
// read with node:fs and handed to protobuf.parse in import order, rather than protobuf.loadSync:
// loadSync reaches for `fs` through protobufjs's dynamic require, which a bundled server build may
// not provide.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';

// Dependencies first: protobuf.parse does not follow imports by itself.
const FILES = [
  'opentelemetry/proto/common/v1/common.proto',
  'opentelemetry/proto/resource/v1/resource.proto',
  'opentelemetry/proto/trace/v1/trace.proto',
  'opentelemetry/proto/collector/trace/v1/trace_service.proto',
  'google/rpc/status.proto',
];

export function protoDir(root = process.cwd()): string {
  return path.join(root, 'lib', 'otlp', 'proto');
}

export interface OtlpTypes {
  ExportTraceServiceRequest: protobuf.Type;
  ExportTraceServiceResponse: protobuf.Type;
  Status: protobuf.Type;
}

let cached: OtlpTypes | undefined;

export function otlpTypes(): OtlpTypes {
  if (cached) return cached;
  const root = new protobuf.Root();
  for (const file of FILES) {
    // turbopackIgnore: the folder is only known at run time (as in lib/store/migrate.ts).
    const text = readFileSync(/*turbopackIgnore: true*/ path.join(protoDir(), file), 'utf8');
    protobuf.parse(text, root, { keepCase: false });
  }
  root.resolveAll();
  cached = {
    ExportTraceServiceRequest: root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest'),
    ExportTraceServiceResponse: root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse'),
    Status: root.lookupType('google.rpc.Status'),
  };
  return cached;
}
