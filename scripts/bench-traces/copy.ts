// The "fastest possible load" yardstick: the rows pre-encoded as COPY text by the same encoders
// the store writer uses, copied into twin tables with the same indexes.
export { copyFrom, keyCopyText as keyLines, linkCopyText as linkLines, spanCopyText as spanLines } from '@/lib/store/queries/span-copy';

export const COPY_SPANS_COLUMNS =
  'trace_id, span_id, parent_span_id, name, kind, service_name, start_time, end_time, status_code, status_message, stage, attributes, resource, events, links, linked_trace_ids';
