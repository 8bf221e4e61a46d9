import type { SqlEntityManager } from '@mikro-orm/knex';
import type { TestSystem } from '../harness';
import { SettlementLineKind, SettlementStatement } from '../../subgraphs/orders/entities/settlement';
import { SupplierOrder, SupplierOrderStatus } from '../../subgraphs/orders/entities/supplier-order';
import { SettlementWriter } from '../../subgraphs/orders/services/settlement.service';

export const SUPPLIER = 1;
export const BANK = 1;
export const OTHER_BANK = 2;
const DELIVERED_AT = new Date('2026-10-15T04:00:00Z');

/**
 * The October 2026 statement of bank 1 × supplier 1, written through the real SettlementWriter:
 * five delivered orders (900001–900005), one partly refunded with its discount share, one with
 * commission; and another bank's statement for the same supplier. Perkmall's side per order:
 * 900001 2 units 246.90; 900002 2 units 195.98; 900003 1 unit 500.00; 900004 5 units 50.05;
 * 900005 1 unit 0.88. The reconciliation tests (API and console) share it.
 */
export async function reconciliationStatement(sys: TestSystem): Promise<{
  statementId: string;
  statementTotalFen: number;
  otherBankStatementId: string;
  supplierOrderOf: Map<number, number>;
}> {
  const supplierOrderOf = new Map<number, number>();
  const em = (await sys.orm('orders')).em.fork() as SqlEntityManager;
  await em.transactional(async (tx) => {
    const w = new SettlementWriter(tx as SqlEntityManager);
    const order = (id: number, bankId = BANK) => ({ id, bankId, timeZone: 'Asia/Shanghai' });
    const line = (id: number, quantity: number, supplierPriceFen: number, extra = {}) => ({
      id,
      supplierId: SUPPLIER,
      quantity,
      refundedQuantity: 0,
      supplierPriceFen,
      ...extra,
    });
    // 900001: 2 × 123.45 yuan
    await w.addDelivery(order(900001), line(800001, 2, 12_345), DELIVERED_AT);
    // 900002: 3 × 99.99 with the supplier's 5.00 share of a discount, then 1 unit refunded (and its share back)
    await w.addDelivery(order(900002), line(800002, 3, 9_999, { supplierFundedFen: 600 }), DELIVERED_AT);
    const refund = {
      bankId: BANK,
      supplierId: SUPPLIER,
      orderId: 900002,
      orderLineId: 800002,
      quantity: 1,
      occurredAt: DELIVERED_AT,
      timeZone: 'Asia/Shanghai',
    };
    await w.add({ ...refund, kind: SettlementLineKind.REFUND, sourceKey: 'refund:t1', unitSupplierPriceFen: 9_999 });
    await w.add({
      ...refund,
      kind: SettlementLineKind.DISCOUNT_RETURN,
      sourceKey: 'discount-return:t1',
      unitSupplierPriceFen: 0,
      amountFen: 200,
    });
    // 900003: 1 × 500.00 — the supplier forgets it
    await w.addDelivery(order(900003), line(800003, 1, 50_000), DELIVERED_AT);
    // 900004: 5 × 10.01 = 50.05 — the supplier bills 50.15
    await w.addDelivery(order(900004), line(800004, 5, 1_001), DELIVERED_AT);
    // 900005: 1 × 0.88, with the platform's commission (not part of what the supplier bills)
    await w.addDelivery(order(900005), line(800005, 1, 88), DELIVERED_AT);
    await w.add({
      bankId: BANK,
      supplierId: SUPPLIER,
      kind: SettlementLineKind.COMMISSION,
      sourceKey: 'commission:800005',
      orderId: 900005,
      orderLineId: 800005,
      quantity: 1,
      unitSupplierPriceFen: 0,
      occurredAt: DELIVERED_AT,
      timeZone: 'Asia/Shanghai',
      amountFen: -9,
    });
    // Another bank's statement with the same supplier.
    await w.addDelivery(order(900101, OTHER_BANK), line(800101, 1, 1_000), DELIVERED_AT);
    for (const orderId of [900001, 900002, 900003, 900004, 900005]) {
      const so = tx.create(SupplierOrder, {
        orderId,
        supplierId: SUPPLIER,
        bankId: BANK,
        customerId: 1,
        status: SupplierOrderStatus.DELIVERED,
        createdAt: DELIVERED_AT,
      });
      await tx.flush();
      supplierOrderOf.set(orderId, so.id);
    }
  });
  const statements = await em.find(SettlementStatement, { supplierId: SUPPLIER, period: '2026-10' });
  const mine = statements.find((s) => s.bankId === BANK)!;
  return {
    statementId: String(mine.id),
    statementTotalFen: mine.totalFen,
    otherBankStatementId: String(statements.find((s) => s.bankId === OTHER_BANK)!.id),
    supplierOrderOf,
  };
}
