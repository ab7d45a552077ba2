import { OrderJourney } from '@/components/orders/OrderJourney';
import { loadOrderPage } from '@/lib/orders/page-data';

// Live data: spans and live checks are read on every request.
export const dynamic = 'force-dynamic';

export default async function OrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  return <OrderJourney data={await loadOrderPage((await params).orderId)} />;
}
