import type { SqlEntityManager } from '@mikro-orm/knex';
import { badInput, conflict, notFound } from '../../../core/errors';
import { bankScopeOf, requireRole, type Principal } from '../../../core/identity';
import type { Logger } from '../../../core/logger';
import { inTransaction } from '../../../core/sql';
import { Order, OrderStatus } from '../entities/order';
import { Payment } from '../entities/payment';
import { OrderConfirmation } from './confirmation.service';
import { moveOrder } from './order-lifecycle';
import type { SagaPorts } from './ports';
import { loadOrderBundle, noteOrder, type OrderBundle } from './order-bundle';

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
    requireRole(principal, 'PARTNER_APP', 'BANK_ADMIN', 'PLATFORM_ADMIN');
    const ref = paymentRef.trim();
    if (!ref || ref.length > 128)
      throw badInput('paymentRef is required (at most 128 characters).', [
        { field: 'paymentRef', message: 'required' },
      ]);
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
      throw badInput('amountFen must be a positive whole number of fen.', [
        { field: 'amountFen', message: 'must be > 0' },
      ]);
    const order = await this.em.fork().findOne(Order, orderId);
    const scope = bankScopeOf(principal);
    if (!order || (scope !== null && String(order.bankId) !== scope)) throw notFound('Order', orderId);
    // The order as confirmation needs it, loaded once here and passed on (null: paid before, nothing to confirm).
    const paid = await inTransaction(this.em, async (tx): Promise<{ bundle: OrderBundle; paidAt: Date } | null> => {
      const previous = await tx.findOne(Payment, { orderId });
      if (previous) {
        if (previous.paymentRef !== ref)
          throw conflict(`Order ${orderId} was already paid with reference ${previous.paymentRef}.`);
        return null;
      }
      const bundle = (await loadOrderBundle(tx, orderId))!;
      const current = bundle.order;
      if (current.status !== OrderStatus.PENDING_PAYMENT)
        throw conflict(`Order ${orderId} is ${current.status}; only PENDING_PAYMENT orders can be paid.`);
      if (amountFen !== current.cashFen)
        throw badInput(`amountFen must be ${current.cashFen}, the cash due for order ${orderId}.`, [
          { field: 'amountFen', message: `expected ${current.cashFen}` },
        ]);
      const now = new Date();
      await moveOrder(tx, orderId, OrderStatus.PAID, {
        from: [OrderStatus.PENDING_PAYMENT],
        set: { paid_at: now, payment_ref: ref },
        guard: { sql: 'payment_due_at > ?', params: [now] },
        refuse: `Order ${orderId} is past its payment deadline and is being cancelled.`,
      });
      tx.persist(tx.create(Payment, { orderId, bankId: current.bankId, paymentRef: ref, amountFen, confirmedAt: now }));
      await tx.flush();
      return { bundle, paidAt: now };
    });
    if (paid) {
      // Noted after the commit: the bundle's entities must not be flushed by the transaction.
      noteOrder(paid.bundle, { status: OrderStatus.PAID, paidAt: paid.paidAt, paymentRef: ref });
      await new OrderConfirmation(this.em, this.ports, this.log).confirm(paid.bundle);
    }
    return this.em.fork().findOneOrFail(Order, orderId);
  }
}
