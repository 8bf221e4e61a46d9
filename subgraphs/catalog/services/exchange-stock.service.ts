import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, type FieldProblem } from '../../../core/errors';
import { requireRole, type Principal } from '../../../core/identity';
import { inTransaction, insertIgnoringDuplicates, selectRows } from '../../../core/sql';
import { ExchangeStockMoveKind } from '../entities/exchange-stock-move';
import { StockAdjustment, StockAdjustmentMode } from '../entities/stock';
import { putBackStock, takeStock } from './stock-availability';

export interface ExchangeStockLine {
  skuId: string;
  quantity: number;
}

const MAX_LINES = 50;

/**
 * Orders' exchanges move stock (internal, SERVICE): shipping a replacement takes its units
 * (conditional UPDATE; CONFLICT when stock is short, and nothing is taken), and returned units the
 * supplier found resellable go back on sale. Each is once per (return, SKU, kind) and leaves a
 * `stock_adjustment` row like any stock change.
 */
export class ExchangeStockService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async move(returnRequestId: string, kind: ExchangeStockMoveKind, lines: ExchangeStockLine[]): Promise<boolean> {
    requireRole(this.principal, 'SERVICE');
    const problems: FieldProblem[] = [];
    const returnId = Number(returnRequestId);
    if (!/^[1-9][0-9]{0,9}$/.test(returnRequestId))
      problems.push({ field: 'returnRequestId', message: 'must be an id' });
    if (lines.length === 0 || lines.length > MAX_LINES)
      problems.push({ field: 'lines', message: `1 to ${MAX_LINES} lines` });
    lines.forEach((l, index) => {
      if (!/^[1-9][0-9]{0,9}$/.test(l.skuId)) problems.push({ index, field: 'skuId', message: 'must be an id' });
      if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || l.quantity > 10_000)
        problems.push({ index, field: 'quantity', message: 'must be 1–10000' });
    });
    if (problems.length)
      throw badInput(`Stock not moved: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
    const take = kind === ExchangeStockMoveKind.REPLACEMENT_TAKEN;
    return inTransaction(this.em, async (tx) => {
      let changed = false;
      for (const line of lines) {
        const skuId = Number(line.skuId);
        const inserted = await insertIgnoringDuplicates(
          tx,
          'exchange_stock_move',
          [
            {
              return_request_id: returnId,
              sku_id: skuId,
              kind,
              quantity: line.quantity,
              created_at: tx.getPlatform().processDateProperty(new Date()),
            },
          ],
          ['return_request_id', 'sku_id', 'kind'],
        );
        if (inserted !== 1) continue; // a retry: this move was made already
        const [before] = await selectRows<{ available: number }>(tx, 'SELECT available FROM stock WHERE sku_id = ?', [
          skuId,
        ]);
        // Through the stock helpers, so the last unit taken or the first put back tells the malls.
        const moved = take
          ? await takeStock(tx, skuId, line.quantity, false)
          : await putBackStock(tx, skuId, line.quantity, false);
        if (!moved)
          throw conflict(
            take
              ? `SKU ${skuId} has ${before?.available ?? 0} unit(s) in stock, fewer than the ${line.quantity} the replacement needs: nothing was shipped. Restock it, or refund the customer instead of exchanging.`
              : `SKU ${skuId} has no stock record; nothing was put back.`,
          );
        const delta = take ? -line.quantity : line.quantity;
        tx.persist(
          tx.create(StockAdjustment, {
            skuId,
            mode: StockAdjustmentMode.DELTA,
            delta,
            availableBefore: before?.available ?? 0,
            availableAfter: (before?.available ?? 0) + delta,
            reason: `${take ? 'exchange replacement shipped' : 'exchange return resold'}: return ${returnId}`,
            actor: `SERVICE:${this.principal.sub}`,
            createdAt: new Date(),
          }),
        );
        changed = true;
      }
      await tx.flush();
      return changed;
    });
  }
}
