// expect: none
interface LineItem {
  sku: string;
  quantity: number;
  price: number;
}

export function summarize(items: LineItem[]): Map<string, number> {
  const totals = new Map<string, number>();
  items.forEach((item) => {
    totals.set(item.sku, (totals.get(item.sku) ?? 0) + item.quantity * item.price);
  });
  return totals;
}
