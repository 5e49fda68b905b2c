// expect: async-void 17
import { createApp } from '../support/mini-express';

interface Order {
  id: string;
  total: number;
}

async function loadOrder(id: string): Promise<Order> {
  const res = await fetch(`https://orders.internal/${id}`);
  if (!res.ok) throw new Error('order not found');
  return (await res.json()) as Order;
}

const app = createApp();

app.get('/orders/:id', async (req, res) => {
  const order = await loadOrder(req.params.id);
  res.json(order);
});

export default app;
