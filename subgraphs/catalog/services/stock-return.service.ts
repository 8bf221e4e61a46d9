import { putBackStock } from './stock-availability';
import { badInput, conflict, notFound, type FieldProblem } from '../../../core/errors';
import { requireRole, type Principal } from '../../../core/identity';
import { inTransaction, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { StockAdjustment, StockAdjustmentMode, ReservationState } from '../entities/stock';

export interface ReturnLine {
  skuId: string;
  quantity: number;
}

/**
 * Orders' after-sales puts refunded goods back on sale. Idempotent on (order, refund, SKU); an
 * order can never return more units of a SKU than it committed. Each return is also an audit row.
 */
export class StockReturnService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async restock(orderId: string, refundId: string, lines: ReturnLine[]): Promise<{ changed: boolean }> {
    requireRole(this.principal, 'SERVICE');
    const problems: FieldProblem[] = [];
    if (!orderId.trim() || orderId.length > 64)
      problems.push({ field: 'orderId', message: 'required, at most 64 characters' });
    if (!refundId.trim() || refundId.length > 64)
      problems.push({ field: 'refundId', message: 'required, at most 64 characters' });
    lines.forEach((l, index) => {
      if (!Number.isSafeInteger(l.quantity) || l.quantity < 1)
        problems.push({ index, field: 'quantity', message: 'must be ≥ 1' });
    });
    if (lines.length === 0 || lines.length > 200) problems.push({ field: 'lines', message: '1 to 200 lines' });
    if (problems.length)
      throw badInput(`Restock not valid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
    return inTransaction(this.em as SqlEntityManager, async (tx) => {
      let changed = false;
      for (const line of lines) {
        const skuId = Number(line.skuId);
        const inserted = await insertIgnoringDuplicates(
          tx,
          'stock_return',
          [
            {
              order_id: orderId,
              refund_id: refundId,
              sku_id: skuId,
              quantity: line.quantity,
              created_at: tx.getPlatform().processDateProperty(new Date()),
            },
          ],
          ['order_id', 'refund_id', 'sku_id'],
        );
        if (inserted !== 1) continue;
        const [committed] = await selectRows<{ quantity: number }>(
          tx,
          'SELECT quantity FROM stock_reservation WHERE order_id = ? AND sku_id = ? AND state = ?',
          [orderId, skuId, ReservationState.COMMITTED],
        );
        if (!committed) throw notFound(`Committed stock of order ${orderId} for SKU`, skuId);
        const [returned] = await selectRows<{ total: number | string }>(
          tx,
          'SELECT COALESCE(SUM(quantity), 0) AS total FROM stock_return WHERE order_id = ? AND sku_id = ?',
          [orderId, skuId],
        );
        if (Number(returned!.total) > committed.quantity)
          throw conflict(`Order ${orderId} committed only ${committed.quantity} of SKU ${skuId}.`);
        // A card SKU's stock is its pool: its codes come back through releaseCodes, not here.
        const [card] = await selectRows<{ kind: number | null }>(
          tx,
          'SELECT virtual_card_kind_id AS kind FROM sku WHERE id = ?',
          [skuId],
        );
        if (card?.kind != null) continue;
        const [before] = await selectRows<{ available: number }>(tx, 'SELECT available FROM stock WHERE sku_id = ?', [
          skuId,
        ]);
        // Back on sale (announced when the SKU had run out: services/stock-availability.ts).
        await putBackStock(tx, skuId, line.quantity, false);
        tx.persist(
          tx.create(StockAdjustment, {
            skuId,
            mode: StockAdjustmentMode.DELTA,
            delta: line.quantity,
            availableBefore: before?.available ?? 0,
            availableAfter: (before?.available ?? 0) + line.quantity,
            reason: `returned: order ${orderId}, refund ${refundId}`,
            actor: `SERVICE:${this.principal.sub}`,
            createdAt: new Date(),
          }),
        );
        changed = true;
      }
      await tx.flush();
      return { changed };
    });
  }
}
