/**
 * Suppliers' shipping fees on an order. Each supplier order holding physical goods is charged its
 * supplier's fee once, in cash (fen), unless
 * - the goods of that supplier order are worth at least the supplier's `freeShippingOverFen`
 *   (cash prices plus points at the bank's points value, rounded down), or
 * - the checkout quote says `freeShipping` (a FREE_SHIPPING benefit of the customer's tier).
 * A supplier order of virtual goods only ships nothing and is charged nothing.
 *
 * Points never pay shipping: `maxCoverableFen` (money.ts) shares points over the goods' cash only,
 * and the fees are added to the cash due after points are applied.
 */
import { LineKind, type OrderLine } from '../entities/order-line';
import type { RefundLineQuantity } from '../entities/refund';
import { SupplierOrderStatus, type SupplierOrder } from '../entities/supplier-order';
import type { CheckoutQuote, SkuFacts } from './ports';

/** The fee each supplier (by id) charges this order, in fen; suppliers without physical goods are absent. */
export function shippingBySupplier(
  quote: Pick<CheckoutQuote, 'lines' | 'pointsPerYuan' | 'freeShipping'>,
  facts: Map<string, Pick<SkuFacts, 'supplierId' | 'kind' | 'shippingFeeFen' | 'freeShippingOverFen'>>,
): Map<string, number> {
  const suppliers = new Map<string, { physical: boolean; valueScaled: bigint; fee: number; over: number | null }>();
  for (const l of quote.lines) {
    const f = facts.get(l.skuId)!;
    const s = suppliers.get(f.supplierId) ?? {
      physical: false,
      valueScaled: 0n,
      fee: f.shippingFeeFen,
      over: f.freeShippingOverFen ?? null,
    };
    if (f.kind === 'PHYSICAL') s.physical = true;
    // value × pointsPerYuan, exactly: fen × ppy + points × 100
    s.valueScaled +=
      BigInt(l.unitFen) * BigInt(l.quantity) * BigInt(quote.pointsPerYuan) +
      BigInt(l.unitPoints) * BigInt(l.quantity) * 100n;
    suppliers.set(f.supplierId, s);
  }
  const out = new Map<string, number>();
  for (const [supplierId, s] of suppliers) {
    if (!s.physical) continue;
    const waived =
      quote.freeShipping ||
      s.fee === 0 ||
      (s.over != null && s.valueScaled >= BigInt(s.over) * BigInt(quote.pointsPerYuan));
    out.set(supplierId, waived ? 0 : s.fee);
  }
  return out;
}

/**
 * The shipping fee a refund gives back: the supplier order's whole fee when, with this refund, every
 * physical unit of the supplier order is refunded and none was shipped (it is PAID, or being
 * cancelled before shipment); otherwise nothing — a partial refund, or one after shipment, keeps it.
 * `lines` are the order's lines with the refunded quantities before this refund.
 */
export function shippingRefundOf(
  so: Pick<SupplierOrder, 'id' | 'shippingFen'>,
  statusBefore: SupplierOrderStatus,
  lines: Pick<OrderLine, 'id' | 'supplierOrderId' | 'kind' | 'quantity' | 'refundedQuantity'>[],
  refund: RefundLineQuantity[],
): number {
  if (so.shippingFen === 0) return 0;
  if (statusBefore !== SupplierOrderStatus.PAID && statusBefore !== SupplierOrderStatus.CANCELLED) return 0;
  const physical = lines.filter((l) => l.supplierOrderId === so.id && l.kind === LineKind.PHYSICAL);
  const whole = physical.every(
    (l) => l.refundedQuantity + (refund.find((r) => r.orderLineId === l.id)?.quantity ?? 0) === l.quantity,
  );
  return whole ? so.shippingFen : 0;
}
