// Which DLQ error classes are bad documents (the search server answered 400: the document does not
// fit the mapping). Matches both the REST error type (mapper_parsing_exception) and Java class
// names (org.opensearch.index.mapper.MapperParsingException). Pure, so the page and tests agree.
const BAD_DOCUMENT = /mapper_?parsing|document_?parsing|illegal_?argument/i;

export function isBadDocumentClass(errorClass: string): boolean {
  return BAD_DOCUMENT.test(errorClass);
}

/** Rejected writes in a window from per-run rates: each rate covers about one collector interval. */
export function rejectionsFromRates(rateSum: number, intervalSeconds: number): number {
  return rateSum * intervalSeconds;
}
