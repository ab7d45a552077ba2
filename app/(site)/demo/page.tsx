import { notFound } from 'next/navigation';
import { FaultPanel } from '@/components/demo/FaultPanel';
import { demoMode } from '@/lib/demo-mode';
import { readFaults } from '@/lib/fault-switches/panel';

export const dynamic = 'force-dynamic';

export default async function DemoPage() {
  const demo = demoMode();
  if (!demo) notFound();
  const faults = await readFaults(demo.shopDatabaseUrl);
  return <FaultPanel initial={faults.map((f) => ({ ...f, value: f.value ?? null }))} />;
}
