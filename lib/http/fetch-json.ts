// Browser-side JSON fetch for polling hooks: validates the body with the caller's zod schema and
// turns every failure into a TruthflowError whose kind the page can put into words.
import type { z } from 'zod';
import { TruthflowError } from '../errors';

export async function fetchJson<S extends z.ZodType>(url: string, schema: S, signal?: AbortSignal): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch (error) {
    throw new TruthflowError('network', `could not reach Truthflow (${(error as Error).message})`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${response.status}`;
    throw new TruthflowError(response.status === 401 || response.status === 403 ? 'auth' : 'http', message);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new TruthflowError('parse', `unexpected answer from ${url}`);
  return parsed.data;
}
