import type { SqlEntityManager } from '@mikro-orm/knex';
import { AppError, badInput, conflict, forbidden, type FieldProblem } from '../../../core/errors';
import { isCustomer, requirePartnerScope, type Principal } from '../../../core/identity';
import type { Logger } from '../../../core/logger';
import { SubgraphUnavailableError } from '../../../core/service-client';
import { affectedRows, inTransaction, insertIgnoringDuplicates } from '../../../core/sql';
import { DiscountFunding, DiscountSource, LineKind, OrderDiscount, OrderLine } from '../entities/order-line';
import { Order, OrderStatus, type ShippingAddress } from '../entities/order';
import { SupplierOrder, SupplierOrderStatus } from '../entities/supplier-order';
import { maxCoverableFen, supplierFundedFen, totalsOf, withShipping, type OrderTotals } from './money';
import { shippingBySupplier } from './shipping';
import type { CheckoutQuote, SagaPorts, SkuFacts } from './ports';
import { Compensation } from './compensation.service';
import { OrderConfirmation } from './confirmation.service';
import { aggregateBySku } from './order-lines';
import { loadOrderBundle, noteOrder, type OrderBundle } from './order-bundle';
import { DEFAULT_TIME_ZONE, wholeSeconds } from './local-time';
import { moveOrder } from './order-lifecycle';
import { positiveIntFromEnv } from '../../../core/config';
import { AccountRule, checkAccount, DeliveryMode } from '../../../core/perk-delivery';

export interface CheckoutInput {
  mallId: string;
  lines: { listingId: string; quantity: number; recipientAccount?: string | null }[];
  pointsToUse: number;
  shippingAddress?: ShippingAddress | null;
  idempotencyKey: string;
  voucherId?: string | null;
}

export type CheckoutPreviewInput = Omit<CheckoutInput, 'idempotencyKey' | 'shippingAddress'>;

/** A priced basket: what `checkout` would record now (see CheckoutService.preview). */
export interface CheckoutPreview {
  quote: CheckoutQuote;
  totals: OrderTotals;
  shippingBySupplier: { supplierId: string; fen: number }[];
  /** The most points the customer may apply to this basket's cash (the bank's cap). */
  maxPointsToUse: number;
}

export interface CheckoutSettings {
  /** How long a customer has to pay the cash part. */
  paymentTimeoutMs: number;
}

export const DEFAULT_CHECKOUT_SETTINGS: CheckoutSettings = {
  paymentTimeoutMs: positiveIntFromEnv('PERKMALL_PAYMENT_TIMEOUT_MS', 30 * 60_000),
};

const MAX_LINES = 100;

/** Thrown out of the order's transaction when the key already has an order (which is the answer). */
class OrderExists extends Error {
  constructor(readonly order: Order) {
    super(`order ${order.id} exists`);
  }
}

export function validateCheckout(input: CheckoutInput): void {
  const problems: FieldProblem[] = [];
  if (!/^\d+$/.test(input.mallId)) problems.push({ field: 'mallId', message: 'is not a mall id' });
  if (input.lines.length < 1 || input.lines.length > MAX_LINES)
    problems.push({ field: 'lines', message: `1 to ${MAX_LINES} lines` });
  const seen = new Set<string>();
  input.lines.forEach((l, index) => {
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || l.quantity > 999)
      problems.push({ index, field: 'quantity', message: 'must be 1 to 999' });
    if (l.recipientAccount != null && (l.recipientAccount.length > 128 || !l.recipientAccount.trim()))
      problems.push({ index, field: 'recipientAccount', message: 'must be 1 to 128 characters' });
    if (seen.has(l.listingId))
      problems.push({
        index,
        field: 'listingId',
        message: `listing ${l.listingId} appears twice; combine the quantities`,
      });
    seen.add(l.listingId);
  });
  if (input.voucherId != null && !/^\d{1,15}$/.test(input.voucherId))
    problems.push({ field: 'voucherId', message: 'is not a voucher id' });
  const key = input.idempotencyKey.trim();
  if (key.length < 8 || key.length > 128)
    problems.push({ field: 'idempotencyKey', message: '8 to 128 characters, unique per checkout attempt' });
  if (input.shippingAddress) shippingAddressProblems(input.shippingAddress, problems);
  if (problems.length)
    throw badInput(
      `Checkout not valid: ${problems.map((p) => `${p.index !== undefined ? `line ${p.index} ` : ''}${p.field} ${p.message}`).join('; ')}.`,
      problems,
    );
}

/** What is wrong with a shipping address (checkout, and a change before shipment), added to `problems`. */
export function shippingAddressProblems(a: ShippingAddress, problems: FieldProblem[]): void {
  for (const f of ['recipient', 'phone', 'province', 'city', 'district', 'detail'] as const) {
    if (!a[f] || !a[f].trim()) problems.push({ field: `shippingAddress.${f}`, message: 'is required' });
  }
  if (a.phone && !/^[0-9+\- ]{5,20}$/.test(a.phone))
    problems.push({ field: 'shippingAddress.phone', message: 'is not a phone number' });
}

/**
 * The recipient accounts of a basket, by listing: a DIRECT_TOPUP line needs one that follows its
 * SKU's account rule; any other line must not carry one. Problems name the input line and field.
 */
export function recipientAccounts(
  lines: CheckoutInput['lines'],
  quote: CheckoutQuote,
  facts: Map<string, SkuFacts>,
): Map<string, string> {
  const problems: FieldProblem[] = [];
  const accounts = new Map<string, string>();
  const skuOf = new Map(quote.lines.map((l) => [l.listingId, l.skuId]));
  lines.forEach((l, index) => {
    const f = facts.get(skuOf.get(l.listingId) ?? '');
    if (!f) return;
    const given = l.recipientAccount ?? null;
    if (f.deliveryMode === DeliveryMode.DIRECT_TOPUP) {
      if (given === null || !given.trim()) {
        problems.push({
          index,
          field: 'recipientAccount',
          message: `is required: "${f.title}" is topped up directly to your account (${f.accountRule ?? 'account'})`,
        });
        return;
      }
      const checked = checkAccount((f.accountRule as AccountRule | null) ?? AccountRule.ACCOUNT_ID, given);
      if (checked.ok) accounts.set(l.listingId, checked.value);
      else problems.push({ index, field: 'recipientAccount', message: checked.message });
    } else if (given !== null) {
      problems.push({
        index,
        field: 'recipientAccount',
        message: `is only for direct top-ups; "${f.title}" needs no account (leave it out)`,
      });
    }
  });
  if (problems.length)
    throw badInput(
      `Checkout not valid: ${problems.map((p) => `line ${p.index} ${p.field} ${p.message}`).join('; ')}.`,
      problems,
    );
  return accounts;
}

/**
 * The checkout saga, owned by orders (see DESIGN.md): price → record the order → reserve stock →
 * hold points → PENDING_PAYMENT or PAID. Each remote step is idempotent on the order id; the order
 * row records which are done. A definite refusal (out of stock, not enough points) compensates at
 * once; an unreachable subgraph leaves the order PENDING for a retry with the same key or for the
 * recovery sweep, which then finishes or compensates it.
 */
export class CheckoutService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly ports: SagaPorts,
    private readonly log: Logger,
    private readonly settings: CheckoutSettings = DEFAULT_CHECKOUT_SETTINGS,
  ) {}

  async checkout(principal: Principal, input: CheckoutInput): Promise<Order> {
    if (!isCustomer(principal)) throw forbidden('Checkout is for customers, through their bank’s app.');
    requirePartnerScope(principal, 'CHECKOUT');
    validateCheckout(input);
    const customerId = Number(principal.customerId);
    const idempotencyKey = input.idempotencyKey.trim();
    // A retry with the same key answers with the order it made. The usual first attempt does not look
    // for one: the order's unique key finds it when the insert below runs into it, and a refusal while
    // pricing looks before it answers (a retry may no longer price, yet its order stands).
    const existing = () => this.em.fork().findOne(Order, { customerId, idempotencyKey });

    let bundle: OrderBundle;
    try {
      const { quote, facts, shipping, totals, physical, accounts } = await this.price(principal, input);

      let attempts = 0;
      bundle = await inTransaction(this.em, async (tx): Promise<OrderBundle> => {
        // A retry, or a concurrent checkout, with the same key loses on the unique key and runs this
        // again: only then is there an order to find.
        if (attempts++ > 0) {
          const again = await tx.findOne(Order, { customerId, idempotencyKey });
          if (again) throw new OrderExists(again);
        }
        // Purchase limits: a conditional increment per limited listing; any refusal rolls back all.
        for (const l of quote.lines) {
          if (l.purchaseLimitPerCustomer === null) continue;
          await insertIgnoringDuplicates(
            tx,
            'purchase_counter',
            [{ customer_id: customerId, listing_id: Number(l.listingId), quantity: 0 }],
            ['customer_id', 'listing_id'],
          );
          const ok = await affectedRows(
            tx,
            'UPDATE purchase_counter SET quantity = quantity + ? WHERE customer_id = ? AND listing_id = ? AND quantity + ? <= ?',
            [l.quantity, customerId, Number(l.listingId), l.quantity, l.purchaseLimitPerCustomer],
          );
          if (ok !== 1)
            throw conflict(
              `Listing ${l.listingId} may be bought at most ${l.purchaseLimitPerCustomer} times per customer.`,
            );
        }
        // Whole seconds, as the DATETIME columns keep them: the order answered from memory reads as stored.
        const now = wholeSeconds(new Date());
        const order = tx.create(Order, {
          bankId: Number(quote.bankId),
          mallId: Number(input.mallId),
          customerId,
          partnerAppId: principal.partnerAppId ? Number(principal.partnerAppId) : null,
          idempotencyKey,
          status: OrderStatus.PENDING,
          ...totals,
          timeZone: quote.timeZone || DEFAULT_TIME_ZONE,
          tierId: quote.tierId ? Number(quote.tierId) : null,
          voucherId: quote.voucherId ? Number(quote.voucherId) : null,
          voucherDiscountFen: quote.voucherDiscountFen,
          shippingAddress: physical ? input.shippingAddress! : null,
          stockReserved: false,
          pointsHeld: false,
          confirmed: false,
          compensated: false,
          createdAt: now,
          updatedAt: now,
        });
        await tx.persistAndFlush(order);
        // One INSERT for every supplier order, then one for every line.
        const bySupplier = new Map<string, SupplierOrder>();
        for (const l of quote.lines) {
          const f = facts.get(l.skuId)!;
          if (bySupplier.has(f.supplierId)) continue;
          bySupplier.set(
            f.supplierId,
            tx.create(SupplierOrder, {
              orderId: order.id,
              supplierId: Number(f.supplierId),
              bankId: order.bankId,
              customerId,
              status: SupplierOrderStatus.PENDING_PAYMENT,
              shippingFen: shipping.get(f.supplierId) ?? 0,
              createdAt: now,
            }),
          );
        }
        await tx.flush();
        const lines: OrderLine[] = [];
        for (const l of quote.lines) {
          const f = facts.get(l.skuId)!;
          const so = bySupplier.get(f.supplierId)!;
          lines.push(
            tx.create(OrderLine, {
              orderId: order.id,
              supplierOrderId: so.id,
              listingId: Number(l.listingId),
              skuId: Number(l.skuId),
              supplierId: Number(f.supplierId),
              kind: f.kind === 'VIRTUAL' ? LineKind.VIRTUAL : LineKind.PHYSICAL,
              deliveryMode:
                f.kind === 'VIRTUAL' ? ((f.deliveryMode as DeliveryMode | null) ?? DeliveryMode.CODE_POOL) : null,
              recipientAccount: accounts.get(l.listingId) ?? null,
              partnerProductCode: f.kind === 'VIRTUAL' ? (f.partnerProductCode ?? null) : null,
              title: f.title.slice(0, 200),
              quantity: l.quantity,
              unitPoints: l.unitPoints,
              unitFen: l.unitFen,
              supplierPriceFen: f.supplierPriceFen,
              campaignId: l.campaignId ? Number(l.campaignId) : null,
              campaignSubsidyFen: l.campaignId ? l.campaignSubsidyFen : 0,
              campaignSupplierFundedFen: l.campaignId ? l.campaignSupplierFundedFen : 0,
              categoryPath: f.categoryPath ?? null,
              refundedQuantity: 0,
              discountFen: l.discountFen,
              discountPoints: l.discountPoints,
              quotaRuleId: l.quotaRuleId ? Number(l.quotaRuleId) : null,
              quotaUnits: l.quotaUnits,
              quotaPeriodKey: l.quotaPeriodKey ?? null,
              supplierFundedFen: supplierFundedFen(l.discounts, quote.pointsPerYuan),
              returnDays: f.kind === 'VIRTUAL' ? 0 : f.returnDays,
            }),
          );
        }
        await tx.flush();
        // The lines' discounts with who funds each (one INSERT for the order; none without benefits).
        const discounts = quote.lines.flatMap((l, i) =>
          l.discounts.map((d) =>
            tx.create(OrderDiscount, {
              orderId: order.id,
              orderLineId: lines[i]!.id,
              supplierOrderId: lines[i]!.supplierOrderId,
              source: d.source as DiscountSource,
              ruleId: Number(d.ruleId),
              fen: d.fen,
              points: d.points,
              fundedBy: d.fundedBy as unknown as DiscountFunding,
              bankShareBp: d.bankShareBp,
            }),
          ),
        );
        if (discounts.length) await tx.flush();
        return { order, lines, supplierOrders: [...bySupplier.values()] };
      });
    } catch (e) {
      const found = e instanceof OrderExists ? e.order : await existing();
      if (!found) throw e;
      if (String(found.bankId) !== principal.bankId) throw forbidden('This customer belongs to another bank.');
      return this.resume(found, input);
    }
    return this.advance(bundle);
  }

  /**
   * What this checkout would cost now, without recording or reserving anything: the same pricing,
   * shipping and points rules as `checkout`, and the customer's vouchers with what each would take
   * off this basket. Prices, budgets and quotas can change before the order is placed.
   */
  async preview(principal: Principal, input: CheckoutPreviewInput): Promise<CheckoutPreview> {
    if (!isCustomer(principal)) throw forbidden('A checkout preview is for customers, through their bank’s app.');
    requirePartnerScope(principal, 'CHECKOUT');
    validateCheckout({ ...input, idempotencyKey: 'preview-only' });
    const { quote, shipping, totals } = await this.price(principal, { ...input, shippingAddress: null }, true);
    return {
      quote,
      totals,
      shippingBySupplier: [...shipping].map(([supplierId, fen]) => ({ supplierId, fen })),
      maxPointsToUse: maxCoverableFen(quote).points,
    };
  }

  /** Prices the checkout (tenants), checks the SKUs and the address, adds shipping and points. */
  private async price(
    principal: Principal,
    input: Omit<CheckoutInput, 'idempotencyKey'>,
    forPreview = false,
  ): Promise<{
    quote: CheckoutQuote;
    facts: Map<string, SkuFacts>;
    shipping: Map<string, number>;
    totals: OrderTotals;
    physical: boolean;
    accounts: Map<string, string>;
  }> {
    const customerId = Number(principal.customerId);
    let quote: CheckoutQuote;
    let skuFacts: SkuFacts[];
    try {
      quote = await this.ports.priceCheckout(
        input.mallId,
        String(customerId),
        input.lines,
        input.voucherId ?? null,
        forPreview,
      );
      skuFacts = await this.ports.skuFacts([...new Set(quote.lines.map((l) => l.skuId))]);
    } catch (e) {
      if (e instanceof SubgraphUnavailableError)
        throw new AppError(
          'INTERNAL',
          'Checkout is unavailable right now; nothing was recorded or charged. Retry with the same idempotencyKey.',
        );
      throw e;
    }
    if (quote.bankId !== principal.bankId) throw forbidden('This mall belongs to another bank.');
    const facts = new Map(skuFacts.map((f) => [f.id, f]));
    const problems: FieldProblem[] = [];
    quote.lines.forEach((l, index) => {
      const f = facts.get(l.skuId);
      if (!f || f.status !== 'ACTIVE')
        problems.push({ index, field: 'listingId', message: `listing ${l.listingId} is no longer available` });
    });
    if (problems.length) throw badInput(problems.map((p) => p.message).join('; '), problems);
    const accounts = recipientAccounts(input.lines, quote, facts);
    const physical = quote.lines.some((l) => facts.get(l.skuId)!.kind === 'PHYSICAL');
    if (physical && !input.shippingAddress && !forPreview)
      throw badInput('shippingAddress is required for physical goods.', [
        { field: 'shippingAddress', message: 'is required' },
      ]);
    // Shipping is cash on top of the goods, after points are applied to them: points never pay it.
    const shipping = shippingBySupplier(quote, facts);
    const totals = withShipping(
      totalsOf(quote, input.pointsToUse),
      [...shipping.values()].reduce((s, f) => s + f, 0),
    );
    return { quote, facts, shipping, totals, physical, accounts };
  }

  /** A repeated checkout with the same key returns the same order, finishing it if it was interrupted. */
  private async resume(order: Order, input: CheckoutInput): Promise<Order> {
    if (order.mallId !== Number(input.mallId))
      throw conflict(`idempotencyKey was already used for order ${order.id} in another mall.`);
    if (order.status !== OrderStatus.PENDING) return order;
    const bundle = await loadOrderBundle(this.em.fork(), order.id);
    return bundle ? this.advance(bundle) : order;
  }

  /** Drives a PENDING order forward: reserve, hold, then wait for payment or confirm. */
  async advance(bundle: OrderBundle): Promise<Order> {
    const { order, lines } = bundle;
    const orderId = String(order.id);
    try {
      // Campaign budgets first (tenants, one conditional UPDATE per campaign): of two checkouts for a
      // budget's last units, the second fails here, before stock or points are touched. Reserved at
      // checkout rather than at payment — see subgraphs/tenants/services/campaign-budget.service.ts.
      // Benefit quota units go in the same call (one conditional UPDATE per quota counter).
      // The voucher's use and discount too: of concurrent checkouts, none passes its budget or limit.
      const campaignLines = lines.filter((l) => l.campaignId != null);
      const quotaLines = lines.filter((l) => l.quotaRuleId != null && l.quotaUnits > 0);
      if (campaignLines.length || quotaLines.length || order.voucherId != null) {
        const state = await this.ports.reserveCampaignBudget(
          orderId,
          campaignLines.map((l) => ({
            campaignId: String(l.campaignId),
            listingId: String(l.listingId),
            quantity: l.quantity,
            unitSubsidyFen: l.campaignSubsidyFen,
          })),
          String(order.customerId),
          quotaLines.map((l) => ({
            ruleId: String(l.quotaRuleId),
            listingId: String(l.listingId),
            units: l.quotaUnits,
            periodKey: l.quotaPeriodKey!,
          })),
          order.voucherId == null
            ? null
            : { voucherId: String(order.voucherId), discountFen: order.voucherDiscountFen },
        );
        if (state !== 'RESERVED') throw conflict('The campaign budget of this order was already given back.');
      }
      const reservation = await this.ports.reserveStock(orderId, aggregateBySku(lines));
      if (!reservation.lines.every((l) => l.state === 'RESERVED' || l.state === 'COMMITTED'))
        throw conflict('The stock reservation of this order was already given back.');
      noteOrder(bundle, { stockReserved: true });
      if (order.totalPoints > 0) {
        const hold = await this.ports.holdPoints(
          orderId,
          String(order.bankId),
          String(order.customerId),
          order.totalPoints,
        );
        if (hold.state === 'RELEASED') throw conflict('The points of this order were already given back.');
        noteOrder(bundle, { pointsHeld: true });
      }
    } catch (e) {
      if (e instanceof SubgraphUnavailableError) {
        // The steps done so far are recorded with the move below when all goes well; an interrupted
        // checkout records them now, for whoever looks at the order (the releases never need them).
        await this.markDone(bundle);
        this.log.warn('checkout interrupted; order stays PENDING for retry or recovery', { orderId, error: e.message });
        throw new AppError(
          'INTERNAL',
          `Checkout could not finish because a service is unavailable; nothing is charged. Retry with the same idempotencyKey (order ${orderId}).`,
        );
      }
      if (e instanceof AppError) {
        await this.compensate(order.id, [OrderStatus.PENDING], OrderStatus.FAILED, e.message);
        throw e;
      }
      throw e;
    }
    const needsPayment = order.cashFen > 0;
    const to = needsPayment ? OrderStatus.PENDING_PAYMENT : OrderStatus.PAID;
    const paymentDueAt = needsPayment ? wholeSeconds(new Date(Date.now() + this.settings.paymentTimeoutMs)) : null;
    const paidAt = needsPayment ? null : wholeSeconds(new Date());
    // One UPDATE records the reservation, the hold and the move (three before).
    const moved = await moveOrder(this.em.fork(), order.id, to, {
      from: [OrderStatus.PENDING],
      set: {
        payment_due_at: paymentDueAt,
        paid_at: paidAt,
        stock_reserved: order.stockReserved,
        points_held: order.pointsHeld,
      },
    });
    if (!moved) {
      const now = await this.em.fork().findOneOrFail(Order, order.id);
      // A concurrent retry with the same key got there first: same order, same answer.
      if (now.status !== OrderStatus.FAILED && now.status !== OrderStatus.CANCELLED) return now;
      // The recovery sweep gave up on this order meanwhile: make sure nothing stays reserved.
      await this.compensate(order.id, [], OrderStatus.FAILED, 'abandoned');
      throw conflict(`Order ${orderId} was abandoned before it completed; nothing is charged. Please check out again.`);
    }
    noteOrder(bundle, { status: to, paymentDueAt, paidAt });
    // Waiting for payment, or confirmed here: the bundle is what the row now says. Otherwise (the
    // confirmation is left to the sweep, or lost a race) the row is read again.
    if (needsPayment || (await new OrderConfirmation(this.em, this.ports, this.log).confirm(bundle))) return order;
    return this.em.fork().findOneOrFail(Order, order.id);
  }

  /** Records the steps an interrupted checkout got through (the move records them when all goes well). */
  private async markDone(bundle: OrderBundle): Promise<void> {
    const { order } = bundle;
    if (!order.stockReserved && !order.pointsHeld) return;
    await affectedRows(
      this.em.fork(),
      'UPDATE customer_order SET stock_reserved = ?, points_held = ?, updated_at = ? WHERE id = ?',
      [order.stockReserved, order.pointsHeld, new Date(), order.id],
    );
  }

  /** The compensation for a failed or abandoned checkout (see Compensation). */
  private compensate(
    orderId: number,
    from: OrderStatus[],
    to: OrderStatus.FAILED | OrderStatus.CANCELLED,
    reason: string,
  ): Promise<boolean> {
    return new Compensation(this.em, this.ports, this.log).compensate(orderId, from, to, reason);
  }

  /** Kept for test/orders/recovery.test.ts, which calls it here; the sweep calls Compensation directly. */
  releasePaid(orderId: number): Promise<boolean> {
    return new Compensation(this.em, this.ports, this.log).releasePaid(orderId);
  }
}
