import { OrderSearch } from '@/components/orders/OrderSearch';
import { serverConfig } from '@/lib/server-config';

export const dynamic = 'force-dynamic';

export default function OrdersPage() {
  return <OrderSearch keyNames={serverConfig().traces.businessKeys} />;
}
