import type { OrderLine } from '../entities/order-line';

/** Quantities per SKU, in SKU order: what stock reservations, restocks and code allocations take. */
export function aggregateBySku(lines: OrderLine[]): { skuId: string; quantity: number }[] {
  const bySku = new Map<number, number>();
  for (const l of lines) bySku.set(l.skuId, (bySku.get(l.skuId) ?? 0) + l.quantity);
  return [...bySku.entries()]
    .sort(([a], [b]) => a - b)
    .map(([skuId, quantity]) => ({ skuId: String(skuId), quantity }));
}
