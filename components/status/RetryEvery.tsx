'use client';
// For a server-rendered page that could not read the store and has no polling hook of its own
// (the order page): render it again every few seconds, so it recovers by itself once the store
// answers. Renders nothing.
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

export function RetryEvery({ ms }: { ms: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), ms);
    return () => clearInterval(timer);
  }, [router, ms]);
  return null;
}
