// The top bar on every page except the wall screen.
import Link from 'next/link';
import { demoMode } from '@/lib/demo-mode';
import { OrderLookup } from './OrderLookup';

const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/lag', label: 'Lag' },
  { href: '/outbox', label: 'Outbox' },
  { href: '/dlq', label: 'DLQ' },
  { href: '/indexing', label: 'Indexing' },
  { href: '/consistency', label: 'Consistency' },
  { href: '/orders', label: 'Orders' },
  { href: '/wall', label: 'Wall screen' },
];

export function SiteHeader() {
  return (
    <header style={{ borderBottom: '1px solid var(--border)', background: 'var(--panel)' }}>
      <nav
        aria-label="Main"
        style={{ maxWidth: 1200, margin: '0 auto', padding: '10px 24px', display: 'flex', gap: 20, alignItems: 'center' }}
      >
        <strong>Truthflow</strong>
        {[...NAV, ...(demoMode() ? [{ href: '/demo', label: 'Demo faults' }] : [])].map((item) => (
          <Link key={item.href} href={item.href}>
            {item.label}
          </Link>
        ))}
        <OrderLookup />
      </nav>
    </header>
  );
}
