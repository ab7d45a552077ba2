'use client';
// The global order lookup: press "/" anywhere (outside a text field) to focus it, paste an id,
// Enter opens /orders/<id>. The id is URL-encoded here and only ever a bound parameter server-side.
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';

const MAX_ID_LENGTH = 256;

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.closest?.('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}

export function OrderLookup() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const id = value.trim();
    if (id) router.push(`/orders/${encodeURIComponent(id)}`);
  };

  return (
    <form role="search" aria-label="Order lookup" className="order-lookup" onSubmit={submit} style={{ marginLeft: 'auto' }}>
      <input
        ref={input}
        type="search"
        name="order"
        aria-label="Order id"
        aria-keyshortcuts="/"
        placeholder="Order id  ( / )"
        maxLength={MAX_ID_LENGTH}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
    </form>
  );
}
