import type { SqlEntityManager } from '@mikro-orm/knex';
import { affectedRows, forUpdate, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import { COMMISSION_KINDS, SettlementLineKind, SettlementStatement, StatementStatus } from '../entities/settlement';
import { AdvanceLedger } from './advance.service';
import { coFundedOf, commissionOf, commissionRateFor } from './commission.service';
import { localDay, localMonth } from './local-time';

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
  /** COMMISSION / COMMISSION_RETURN: the rate applied, basis points. */
  rateBp?: number | null;
}

/** What writing a delivered (or refunded) line needs of the order line. */
export interface DeliveredLine {
  id: number;
  supplierId: number;
  quantity: number;
  refundedQuantity: number;
  supplierPriceFen: number;
  supplierFundedFen?: number;
  campaignSupplierFundedFen?: number;
  categoryPath?: string | null;
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

  /** The statement the last line written went to, and the sum of the amounts written since `track()`. */
  private lastStatementId = 0;
  private writtenFen = 0;

  private track(): void {
    this.writtenFen = 0;
  }

  /**
   * A delivered line (a card at issue, goods when the carrier reports DELIVERED): its units not
   * refunded, the supplier's share of their discounts (DISCOUNT) and of their campaign subsidy
   * (CO_FUNDING) taken off, and the platform's commission (COMMISSION, at the rate valid on the
   * delivery day in bank time — commission.service.ts). For a bank in advance-payment mode the
   * platform then pays the supplier the sum of those lines (advance.service.ts), in this transaction.
   */
  async addDelivery(
    order: { id: number; bankId: number; timeZone: string },
    line: DeliveredLine,
    deliveredAt: Date,
  ): Promise<boolean> {
    const units = line.quantity - line.refundedQuantity;
    const funded = line.supplierFundedFen ?? 0;
    const base = {
      bankId: order.bankId,
      supplierId: line.supplierId,
      orderId: order.id,
      orderLineId: line.id,
      quantity: units,
      unitSupplierPriceFen: 0,
      occurredAt: deliveredAt,
      timeZone: order.timeZone,
    };
    this.track();
    if (funded > 0 && units > 0) {
      const share =
        funded - supplierFundedOf({ quantity: line.quantity, supplierFundedFen: funded }, line.refundedQuantity);
      await this.add({
        ...base,
        kind: SettlementLineKind.DISCOUNT,
        sourceKey: `discount:${line.id}`,
        amountFen: -share,
      });
    }
    const coFunded = (line.campaignSupplierFundedFen ?? 0) - coFundedOf(line, line.refundedQuantity);
    if (coFunded > 0 && units > 0)
      await this.add({
        ...base,
        kind: SettlementLineKind.CO_FUNDING,
        sourceKey: `co-funding:${line.id}`,
        amountFen: -coFunded,
      });
    if (units > 0) {
      const { rateBp } = await commissionRateFor(
        this.tx,
        line.supplierId,
        line.categoryPath,
        localDay(deliveredAt, order.timeZone),
      );
      const commission = commissionOf(units, line.supplierPriceFen, rateBp);
      if (commission > 0)
        await this.add({
          ...base,
          kind: SettlementLineKind.COMMISSION,
          sourceKey: `commission:${line.id}`,
          unitSupplierPriceFen: line.supplierPriceFen,
          amountFen: -commission,
          rateBp,
        });
    }
    const written = await this.add({
      ...base,
      kind: SettlementLineKind.DELIVERY,
      sourceKey: `delivery:${line.id}`,
      unitSupplierPriceFen: line.supplierPriceFen,
    });
    if (written)
      await new AdvanceLedger(this.tx).onDelivery(
        {
          bankId: order.bankId,
          supplierId: line.supplierId,
          orderLineId: line.id,
          statementId: this.lastStatementId,
          sourceKey: `delivery:${line.id}`,
          amountFen: this.writtenFen,
        },
        deliveredAt,
      );
    return written;
  }

  /**
   * One unit of a line delivered on its own (a perk delivered by the partner's API or the bank):
   * `k` units of the line were delivered before it. Its DISCOUNT, CO_FUNDING and COMMISSION are the
   * unit's increments (f(k + 1) − f(k)), so a line's delivered units add up to the whole line's.
   */
  async addUnitDelivery(
    order: { id: number; bankId: number; timeZone: string },
    line: DeliveredLine,
    unitIndex: number,
    k: number,
    at: Date,
  ): Promise<boolean> {
    const base = {
      bankId: order.bankId,
      supplierId: line.supplierId,
      orderId: order.id,
      orderLineId: line.id,
      quantity: 1,
      unitSupplierPriceFen: 0,
      occurredAt: at,
      timeZone: order.timeZone,
    };
    this.track();
    const written = await this.add({
      ...base,
      kind: SettlementLineKind.DELIVERY,
      sourceKey: `perk:${line.id}:${unitIndex}`,
      unitSupplierPriceFen: line.supplierPriceFen,
    });
    const statementId = this.lastStatementId;
    const funded = { quantity: line.quantity, supplierFundedFen: line.supplierFundedFen ?? 0 };
    const share = supplierFundedOf(funded, k + 1) - supplierFundedOf(funded, k);
    if (share > 0)
      await this.add({
        ...base,
        kind: SettlementLineKind.DISCOUNT,
        sourceKey: `perk-discount:${line.id}:${unitIndex}`,
        amountFen: -share,
      });
    const coFunded = coFundedOf(line, k + 1) - coFundedOf(line, k);
    if (coFunded > 0)
      await this.add({
        ...base,
        kind: SettlementLineKind.CO_FUNDING,
        sourceKey: `perk-co-funding:${line.id}:${unitIndex}`,
        amountFen: -coFunded,
      });
    const { rateBp } = await commissionRateFor(
      this.tx,
      line.supplierId,
      line.categoryPath,
      localDay(at, order.timeZone),
    );
    const commission =
      commissionOf(k + 1, line.supplierPriceFen, rateBp) - commissionOf(k, line.supplierPriceFen, rateBp);
    if (commission > 0)
      await this.add({
        ...base,
        kind: SettlementLineKind.COMMISSION,
        sourceKey: `perk-commission:${line.id}:${unitIndex}`,
        unitSupplierPriceFen: line.supplierPriceFen,
        amountFen: -commission,
        rateBp,
      });
    if (written)
      await new AdvanceLedger(this.tx).onDelivery(
        {
          bankId: order.bankId,
          supplierId: line.supplierId,
          orderLineId: line.id,
          statementId,
          sourceKey: `perk:${line.id}:${unitIndex}`,
          amountFen: this.writtenFen,
        },
        at,
      );
    return written;
  }

  /**
   * `units` of a delivered line refunded (`line.refundedQuantity` = the units refunded before this
   * refund): REFUND at the supplier price, and back to the supplier its share of those units'
   * discounts (DISCOUNT_RETURN), campaign subsidy (CO_FUNDING_RETURN) and commission
   * (COMMISSION_RETURN: C(n − before) − C(n − before − units) at the rate its delivery used). Each
   * telescopes, so what a line keeps equals the figure of its units kept, to the fen. In advance
   * mode the sum is clawed back from the supplier (advance.service.ts).
   */
  async addRefund(
    order: { id: number; bankId: number; timeZone: string },
    line: DeliveredLine,
    supplierId: number,
    refundId: number,
    units: number,
    at: Date,
  ): Promise<void> {
    const before = line.refundedQuantity;
    const base = {
      bankId: order.bankId,
      supplierId,
      orderId: order.id,
      orderLineId: line.id,
      quantity: units,
      unitSupplierPriceFen: 0,
      occurredAt: at,
      timeZone: order.timeZone,
    };
    this.track();
    const written = await this.add({
      ...base,
      kind: SettlementLineKind.REFUND,
      sourceKey: `refund:${refundId}:${line.id}`,
      unitSupplierPriceFen: line.supplierPriceFen,
    });
    const statementId = this.lastStatementId;
    const funded = { quantity: line.quantity, supplierFundedFen: line.supplierFundedFen ?? 0 };
    const share = supplierFundedOf(funded, before + units) - supplierFundedOf(funded, before);
    if (share > 0)
      await this.add({
        ...base,
        kind: SettlementLineKind.DISCOUNT_RETURN,
        sourceKey: `discount-return:${refundId}:${line.id}`,
        amountFen: share,
      });
    const coFunded = coFundedOf(line, before + units) - coFundedOf(line, before);
    if (coFunded > 0)
      await this.add({
        ...base,
        kind: SettlementLineKind.CO_FUNDING_RETURN,
        sourceKey: `co-funding-return:${refundId}:${line.id}`,
        amountFen: coFunded,
      });
    const [charged] = await selectRows<{ rate_bp: number | null }>(
      this.tx,
      'SELECT rate_bp FROM settlement_line WHERE order_line_id = ? AND kind = ? ORDER BY id LIMIT 1',
      [line.id, SettlementLineKind.COMMISSION],
    );
    const rateBp = Number(charged?.rate_bp ?? 0);
    const kept = line.quantity - before;
    const commission =
      commissionOf(kept, line.supplierPriceFen, rateBp) - commissionOf(kept - units, line.supplierPriceFen, rateBp);
    if (commission > 0)
      await this.add({
        ...base,
        kind: SettlementLineKind.COMMISSION_RETURN,
        sourceKey: `commission-return:${refundId}:${line.id}`,
        unitSupplierPriceFen: line.supplierPriceFen,
        amountFen: commission,
        rateBp,
      });
    if (written)
      await new AdvanceLedger(this.tx).onRefund(
        {
          bankId: order.bankId,
          supplierId,
          orderLineId: line.id,
          statementId,
          sourceKey: `refund:${refundId}:${line.id}`,
          amountFen: this.writtenFen,
        },
        at,
      );
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
          rate_bp: entry.rateBp ?? null,
        },
      ],
      ['source_key'],
    );
    if (inserted !== 1) return false;
    this.lastStatementId = statementId;
    this.writtenFen += amountFen;
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
