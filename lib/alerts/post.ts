// One POST of a JSON body to a webhook: ok, or the reason in words (status or network error),
// never an exception, so the delivery job can record it and move on.
export type PostResult = { ok: true } | { ok: false; error: string };

export async function postJson(url: string, body: unknown, signal: AbortSignal): Promise<PostResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
    // Drain the answer so the connection can be reused.
    const text = await response.text().catch(() => '');
    return response.ok ? { ok: true } : { ok: false, error: `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, error: cause?.code ?? cause?.message ?? (error as Error).message };
  }
}
