// "Nothing by that name" as a value a loader returns, not an exception it throws: absence is an
// ordinary answer (404 with what was looked for), while thrown errors are failures (503 or 500).
// Plain data, so loaders, pages and the route wrapper can all use it without importing Next.js.

export class NotFound {
  readonly message: string;

  constructor(message: string) {
    this.message = message;
  }
}

/** The 404 answer, with a message saying what was looked for and where. */
export function notFound(message: string): NotFound {
  return new NotFound(message);
}
