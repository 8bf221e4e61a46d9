import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, notFound } from '../../../core/errors';
import {
  PLATFORM_ROLES,
  bankScopeOf,
  requirePartnerScope,
  requireRoleAndPermission,
  type Principal,
} from '../../../core/identity';
import { SERVING_CUSTOMERS } from './access';
import type { Logger } from '../../../core/logger';
import { inTransaction, isUniqueViolation } from '../../../core/sql';
import { Order, OrderStatus } from '../entities/order';
import { OrderConfirmation } from './confirmation.service';
import { moveOrder } from './order-lifecycle';
import type { SagaPorts } from './ports';
import { loadOrderBundle, noteOrder } from './order-bundle';
import { wholeSeconds } from './local-time';

/**
 * The cash part is collected by the bank's own payment channel; its partner app confirms it here.
 * Idempotent on the payment reference; the amount must match to the fen.
 */
export class PaymentService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly ports: SagaPorts,
    private readonly log: Logger,
  ) {}

  async confirmPayment(principal: Principal, orderId: number, paymentRef: string, amountFen: number): Promise<Order> {
    requireRoleAndPermission(principal, ['PARTNER_APP', 'BANK_ADMIN', ...PLATFORM_ROLES], SERVING_CUSTOMERS);
    requirePartnerScope(principal, 'CHECKOUT');
    const ref = paymentRef.trim();
    if (!ref || ref.length > 128)
      throw badInput('paymentRef is required (at most 128 characters).', [
        { field: 'paymentRef', message: 'required' },
      ]);
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
      throw badInput('amountFen must be a positive whole number of fen.', [
        { field: 'amountFen', message: 'must be > 0' },
      ]);
    // The order as confirmation needs it, loaded once here and passed on.
    const bundle = await loadOrderBundle(this.em.fork(), orderId);
    const scope = bankScopeOf(principal);
    if (!bundle || (scope !== null && String(bundle.order.bankId) !== scope)) throw notFound('Order', orderId);
    const expected = bundle.order;
    const paidAt = wholeSeconds(new Date());
    let paid: boolean;
    try {
      paid = await inTransaction(this.em, async (tx): Promise<boolean> => {
        // The order row is the payment's record: its reference and time, the amount being its cashFen.
        const pay = (refuse?: string): Promise<boolean> =>
          moveOrder(tx, orderId, OrderStatus.PAID, {
            from: [OrderStatus.PENDING_PAYMENT],
            set: { paid_at: paidAt, payment_ref: ref },
            guard: { sql: 'payment_due_at > ?', params: [new Date()] },
            refuse,
          });
        // The usual case: the order waits for exactly this amount, and the conditional move alone says
        // whether this call pays it (no reads first).
        if (expected.status === OrderStatus.PENDING_PAYMENT && amountFen === expected.cashFen) {
          if (await pay()) return true;
        }
        // Otherwise find out why, in this order: paid already (the same reference is a retry), not
        // payable, the wrong amount, past the deadline.
        const current = await tx.findOneOrFail(Order, orderId, { refresh: true });
        if (current.paymentRef) {
          if (current.paymentRef !== ref)
            throw conflict(`Order ${orderId} was already paid with reference ${current.paymentRef}.`);
          return false;
        }
        if (current.status !== OrderStatus.PENDING_PAYMENT)
          throw conflict(`Order ${orderId} is ${current.status}; only PENDING_PAYMENT orders can be paid.`);
        if (amountFen !== current.cashFen)
          throw badInput(`amountFen must be ${current.cashFen}, the cash due for order ${orderId}.`, [
            { field: 'amountFen', message: `expected ${current.cashFen}` },
          ]);
        return pay(`Order ${orderId} is past its payment deadline and is being cancelled.`);
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw conflict(
          `Payment reference ${ref} already paid another order of this bank; each payment pays one order.`,
        );
      throw e;
    }
    if (paid) {
      // Noted after the commit: the bundle's entities are never flushed by a transaction.
      noteOrder(bundle, { status: OrderStatus.PAID, paidAt, paymentRef: ref });
      // Confirmed here: the bundle is what the row now says; otherwise the row is read again.
      if (await new OrderConfirmation(this.em, this.ports, this.log).confirm(bundle)) return bundle.order;
    }
    return this.em.fork().findOneOrFail(Order, orderId);
  }
}
