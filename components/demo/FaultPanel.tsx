'use client';
// The demo's fault switches: each one breaks one hop of the shop so Truthflow has something to find.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { StatusWord } from '@/components/status/StatusWord';
import { useFaults, type FaultView } from './useFaults';

async function post(body: unknown): Promise<string | null> {
  const response = await fetch('/api/demo/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.ok) return null;
  const answer = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return answer?.error?.message ?? `HTTP ${response.status}`;
}

export function FaultPanel({ initial }: { initial: FaultView[] }) {
  const { data: faults, error } = useFaults(initial);
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const act = async (key: string, body: unknown) => {
    setBusy(key);
    setProblem(await post(body));
    setBusy(null);
    await queryClient.invalidateQueries({ queryKey: ['demo-faults'] });
  };

  return (
    <main>
      <h1>Demo fault switches</h1>
      <p className="muted">
        Each switch breaks one hop of the coffee shop. Watch the overview and the wall screen turn red, then switch it off.
      </p>
      {(problem || error) && (
        <p role="alert" className="status status-failing">
          {problem ?? (error as Error).message}
        </p>
      )}
      <button type="button" onClick={() => act('all', { allOff: true })} disabled={busy !== null} data-testid="faults-all-off">
        All switches off
      </button>
      <div className="grid" style={{ marginTop: 12 }}>
        {faults.map((f) => (
          <article key={f.name} className="panel" data-testid="fault" data-fault={f.name} data-on={String(f.on)}>
            <strong>{f.title}</strong> <StatusWord status={f.on ? 'failing' : 'ok'} />
            <p>{f.description}</p>
            <p className="muted">Turns red: {f.affects}</p>
            <button type="button" disabled={busy !== null} onClick={() => act(f.name, { name: f.name, on: !f.on })}>
              {busy === f.name ? 'working…' : f.on ? 'Switch off' : 'Switch on'}
            </button>
          </article>
        ))}
      </div>
    </main>
  );
}
