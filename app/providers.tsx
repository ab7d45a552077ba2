'use client';
// Client-side data layer: one QueryClient per browser tab. Pages poll through one hook per query
// (components/*/use*.ts), each with a named interval constant.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // Keep showing the last good data while a refetch fails; the page marks it stale.
            retry: 1,
            refetchOnWindowFocus: true,
            staleTime: 0,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
