import type { SqlEntityManager } from '@mikro-orm/knex';
import { AppError, badInput, type FieldProblem } from '../../../core/errors';
import { requireOneOf, requireRole, type Principal } from '../../../core/identity';
import { numericIds } from '../../../core/loaders';
import { affectedRows, inTransaction, insertIgnoringDuplicates } from '../../../core/sql';
import { assertVisible } from '../../../core/tenancy';
import { VirtualDelivery } from '../entities/virtual-delivery';
import type { CodeVault } from './catalog-client';

/** What orders sends when it issues card codes (`orders.codes-issued`). */
export interface IssuedCodes {
  orderId: string | number;
  bankId: string | number;
  customerId: string | number;
  issuedAt?: Date | null;
  codes: { codeId: string | number; orderLineId: string | number; skuId: string | number; expiresAt?: Date | null }[];
}

const MAX_CODES = 1000;

/** Records which card code went to which customer, and lets that customer — and only them — reveal it. */
export class VirtualDeliveryService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  /** Idempotent on the code id: a redelivered event records nothing new. */
  async record(input: IssuedCodes): Promise<number> {
    requireRole(this.principal, 'SERVICE');
    const problems: FieldProblem[] = [];
    const id = (v: unknown, field: string, index?: number) => {
      const n = numericIds([v as string])[0];
      if (!n) problems.push({ index, field, message: 'must be a positive integer id' });
      return n ?? 0;
    };
    const orderId = id(input.orderId, 'orderId');
    const bankId = id(input.bankId, 'bankId');
    const customerId = id(input.customerId, 'customerId');
    if (input.codes.length === 0 || input.codes.length > MAX_CODES)
      problems.push({ field: 'codes', message: `must list 1 to ${MAX_CODES} codes` });
    const platform = this.em.getPlatform();
    const deliveredAt = platform.processDateProperty(input.issuedAt ?? new Date());
    const rows = input.codes.map((c, index) => ({
      code_id: id(c.codeId, 'codeId', index),
      order_id: orderId,
      order_line_id: id(c.orderLineId, 'orderLineId', index),
      sku_id: id(c.skuId, 'skuId', index),
      bank_id: bankId,
      customer_id: customerId,
      delivered_at: deliveredAt,
      expires_at: c.expiresAt ? platform.processDateProperty(c.expiresAt) : null,
      first_revealed_at: null,
      reveal_count: 0,
    }));
    if (problems.length)
      throw badInput(`Invalid delivery record: ${problems[0]!.field} ${problems[0]!.message}.`, problems);
    return inTransaction(this.em, (tx) => insertIgnoringDuplicates(tx, 'virtual_delivery', rows, ['code_id']));
  }

  /**
   * Reveals a delivered code to its customer: the catalog decrypts it, then the reveal is recorded
   * (first time once, and a count). Anyone else's delivery is NOT_FOUND.
   */
  async reveal(deliveryId: string, vault: CodeVault): Promise<{ delivery: VirtualDelivery; code: string }> {
    requireOneOf(this.principal, ['CUSTOMER'], 'Only the customer a code was delivered to can reveal it');
    const id = numericIds([deliveryId])[0];
    const delivery = assertVisible(
      this.principal,
      id ? await this.em.fork().findOne(VirtualDelivery, id) : null,
      'Virtual card delivery',
      deliveryId,
    );
    const revealed = await vault.reveal(String(delivery.codeId));
    if (revealed.orderId !== String(delivery.orderId)) {
      // The catalog no longer has this code issued to this order (e.g. withdrawn after a refund).
      throw new AppError('CONFLICT', `The code of delivery ${deliveryId} is no longer valid for its order.`);
    }
    const now = new Date();
    const recorded = await inTransaction(this.em, async (tx) => {
      await affectedRows(
        tx,
        'UPDATE virtual_delivery SET reveal_count = reveal_count + 1, first_revealed_at = COALESCE(first_revealed_at, ?) WHERE id = ?',
        [tx.getPlatform().processDateProperty(now), delivery.id],
      );
      return tx.findOneOrFail(VirtualDelivery, delivery.id);
    });
    return { delivery: recorded, code: revealed.code };
  }
}
