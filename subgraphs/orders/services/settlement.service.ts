import type { SqlEntityManager } from '@mikro-orm/knex';
import { affectedRows, forUpdate, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import { COMMISSION_KINDS, SettlementLineKind, SettlementStatement, StatementStatus } from '../entities/settlement';
import { localMonth } from './local-time';

/** The settlement month of `at`: the bank's local month (its statements close at local midnight). */
export function periodOf(at: Date, timeZone: string): string {
  return localMonth(at, timeZone);
}

export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export interface SettlementEntry {
  bankId: number;
  supplierId: number;
  kind: SettlementLineKind;
  sourceKey: string;
  orderId: number;
  orderLineId: number;
  quantity: number;
  unitSupplierPriceFen: number;
  occurredAt: Date;
  /** The order's bank time zone: the line lands in the local month of `occurredAt`. */
  timeZone: string;
  /** The amount when it is not quantity × unit price (DISCOUNT, CO_FUNDING, COMMISSION, ADJUSTMENT kinds), signed. */
  amountFen?: number;
  /** ADJUSTMENT: the line it corrects, and why. */
  adjustsLineId?: number | null;
  note?: string | null;
}

/**
 * The supplier's share of the discounts of `units` of a line, rounded down: monotone in units, and
 * the whole `supplierFundedFen` for all of them, so the shares of the delivered and the refunded
 * units telescope to it exactly.
 */
export function supplierFundedOf(line: { quantity: number; supplierFundedFen: number }, units: number): number {
  if (units >= line.quantity) return line.supplierFundedFen;
  return Number((BigInt(line.supplierFundedFen) * BigInt(units)) / BigInt(line.quantity));
}

/**
 * Writes what a bank owes a supplier. A line lands in the statement of the month it happened; if
 * that month is already settled it lands in the next open month (a late refund adjusts the next
 * period). The source key is unique, so a replayed event adds nothing.
 */
export class SettlementWriter {
  constructor(private readonly tx: SqlEntityManager) {}

  /**
   * A delivered line (a card at issue, goods when the carrier reports DELIVERED): its units not
   * refunded, and the supplier's share of their discounts taken off (a DISCOUNT line, when it has one).
   */
  async addDelivery(
    order: { id: number; bankId: number; timeZone: string },
    line: {
      id: number;
      supplierId: number;
      quantity: number;
      refundedQuantity: number;
      supplierPriceFen: number;
      supplierFundedFen?: number;
    },
    deliveredAt: Date,
  ): Promise<boolean> {
    const units = line.quantity - line.refundedQuantity;
    const funded = line.supplierFundedFen ?? 0;
    if (funded > 0 && units > 0) {
      const share =
        funded - supplierFundedOf({ quantity: line.quantity, supplierFundedFen: funded }, line.refundedQuantity);
      await this.add({
        bankId: order.bankId,
        supplierId: line.supplierId,
        kind: SettlementLineKind.DISCOUNT,
        sourceKey: `discount:${line.id}`,
        orderId: order.id,
        orderLineId: line.id,
        quantity: units,
        unitSupplierPriceFen: 0,
        occurredAt: deliveredAt,
        timeZone: order.timeZone,
        amountFen: -share,
      });
    }
    return this.add({
      bankId: order.bankId,
      supplierId: line.supplierId,
      kind: SettlementLineKind.DELIVERY,
      sourceKey: `delivery:${line.id}`,
      orderId: order.id,
      orderLineId: line.id,
      quantity: line.quantity - line.refundedQuantity,
      unitSupplierPriceFen: line.supplierPriceFen,
      occurredAt: deliveredAt,
      timeZone: order.timeZone,
    });
  }

  async add(entry: SettlementEntry): Promise<boolean> {
    if (entry.quantity <= 0) return false;
    const statementId = await this.openStatement(
      entry.bankId,
      entry.supplierId,
      periodOf(entry.occurredAt, entry.timeZone),
    );
    const sign = entry.kind === SettlementLineKind.REFUND ? -1 : 1;
    const amountFen = entry.amountFen ?? sign * entry.quantity * entry.unitSupplierPriceFen;
    const inserted = await insertIgnoringDuplicates(
      this.tx,
      'settlement_line',
      [
        {
          statement_id: statementId,
          source_key: entry.sourceKey,
          kind: entry.kind,
          order_id: entry.orderId,
          order_line_id: entry.orderLineId,
          quantity: entry.quantity,
          unit_supplier_price_fen: entry.unitSupplierPriceFen,
          amount_fen: amountFen,
          occurred_at: this.tx.getPlatform().processDateProperty(entry.occurredAt),
          adjusts_line_id: entry.adjustsLineId ?? null,
          note: entry.note ?? null,
        },
      ],
      ['source_key'],
    );
    if (inserted !== 1) return false;
    const column = COMMISSION_KINDS.includes(entry.kind) ? 'commission_fen' : 'total_fen';
    await affectedRows(this.tx, `UPDATE settlement_statement SET ${column} = ${column} + ? WHERE id = ?`, [
      amountFen,
      statementId,
    ]);
    return true;
  }

  private async openStatement(bankId: number, supplierId: number, month: string): Promise<number> {
    let period = month;
    for (let i = 0; i < 120; i++) {
      await insertIgnoringDuplicates(
        this.tx,
        'settlement_statement',
        [{ bank_id: bankId, supplier_id: supplierId, period, status: StatementStatus.DRAFT, total_fen: 0 }],
        ['bank_id', 'supplier_id', 'period'],
      );
      // Locked, so marking the month settled waits for lines being added to it.
      const [row] = await selectRows<{ id: number; status: string }>(
        this.tx,
        `SELECT id, status FROM settlement_statement WHERE bank_id = ? AND supplier_id = ? AND period = ?${forUpdate(this.tx)}`,
        [bankId, supplierId, period],
      );
      if (row!.status === StatementStatus.DRAFT) return row!.id;
      period = nextPeriod(period);
    }
    throw new Error('no open settlement period within ten years');
  }
}

export type { SettlementStatement };
