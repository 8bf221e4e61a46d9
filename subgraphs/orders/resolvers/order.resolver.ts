import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { netFen, netPoints } from '../services/money';
import { notFound } from '../../../core/errors';
import { isSupplier } from '../../../core/identity';
import { PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { canSee } from '../../../core/tenancy';
import { CommitsStepByStep } from '../../../core/request-transaction';
import { OrderStatus, Order } from '../entities/order';
import { OrderDiscount, OrderLine } from '../entities/order-line';
import { SupplierOrder, SupplierOrderStatus } from '../entities/supplier-order';
import { ordersLoaders } from '../loaders';
import { assertCanSeeOrder, shippingAddressFor, visibleParts } from '../services/access';
import { seesCustomerData } from '../../../core/personal-data';
import { maskAccount } from '../../../core/perk-delivery';
import { AfterSalesService } from '../services/aftersales.service';
import { CheckoutService } from '../services/checkout.service';
import { OrderQueryService } from '../services/order-query.service';
import { PaymentService } from '../services/payment.service';
import { sagaPorts } from '../services/saga-ports';
import {
  BankOrderFilterInput,
  CancelOrderInput,
  ChangeShippingAddressInput,
  CheckoutInput,
  CheckoutPayload,
  ConfirmPaymentInput,
  CustomerRef,
  IssuedCardCode,
  ListingRef,
  OrderConnection,
  ShippingAddressView,
  SkuRef,
  SupplierOrderConnection,
  SupplierOrderFilterInput,
  SupplierRef,
} from './types';

@Resolver(() => Order)
export class OrderResolver {
  @Query(() => Order, { description: 'An order you may see.' })
  async order(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Order> {
    const l = ordersLoaders(ctx);
    const order = await l.order.load(id);
    return assertCanSeeOrder(ctx.principal, order, order ? await l.supplierOrdersByOrder.load(order.id) : [], id);
  }

  @Query(() => OrderConnection, {
    description:
      "A bank's orders, newest first (bank staff), narrowed by `filter` (status, when placed, customer reference, order number).",
  })
  bankOrders(
    @Arg('bankId', () => ID) bankId: string,
    @Arg('status', () => OrderStatus, { nullable: true, description: 'Same as filter.status (kept for old clients).' })
    status: OrderStatus | null,
    @Arg('filter', () => BankOrderFilterInput, { nullable: true }) filter: BankOrderFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Order>> {
    return new OrderQueryService(ctx.em, ctx.principal, sagaPorts()).ordersOfBank(
      Number(bankId),
      { ...filter, status: filter?.status ?? status },
      page.first,
      page.after,
    );
  }

  @FieldResolver(() => [OrderLine], { description: 'The lines (a supplier sees only its own).' })
  async lines(@Root() order: Order, @Ctx() ctx: SubgraphContext): Promise<OrderLine[]> {
    return visibleParts(ctx.principal, await ordersLoaders(ctx).linesByOrder.load(order.id));
  }

  @FieldResolver(() => [SupplierOrder], { description: 'One per supplier (a supplier sees only its own).' })
  async supplierOrders(@Root() order: Order, @Ctx() ctx: SubgraphContext): Promise<SupplierOrder[]> {
    return visibleParts(ctx.principal, await ordersLoaders(ctx).supplierOrdersByOrder.load(order.id));
  }

  @FieldResolver(() => ShippingAddressView, {
    nullable: true,
    description:
      'Where physical goods go, with the recipient and phone (a supplier sees it only when it ships goods of this order; null otherwise). Recipient, phone and street are masked (e.g. 138****0000) for bank staff without SEE_CUSTOMER_DATA and supplier staff without SHIP_ORDERS.',
  })
  async shippingAddress(@Root() order: Order, @Ctx() ctx: SubgraphContext): Promise<ShippingAddressView | null> {
    if (!order.shippingAddress) return null;
    return shippingAddressFor(ctx.principal, order.shippingAddress, () =>
      ordersLoaders(ctx).linesByOrder.load(order.id),
    );
  }

  @FieldResolver(() => [IssuedCardCode], { description: 'Card codes issued for the virtual lines.' })
  async cardCodes(@Root() order: Order, @Ctx() ctx: SubgraphContext): Promise<IssuedCardCode[]> {
    // Codes are the customer's: the supplier of a card kind never sees which ones a customer got.
    if (isSupplier(ctx.principal)) return [];
    const codes = await ordersLoaders(ctx).codesByOrder.load(order.id);
    return codes.map((c) => ({
      codeId: String(c.codeId),
      orderLineId: String(c.orderLineId),
      sku: { id: String(c.skuId) },
      expiresAt: c.expiresAt ?? null,
    }));
  }

  @FieldResolver(() => CustomerRef)
  customer(@Root() order: Order): CustomerRef {
    return { id: String(order.customerId) };
  }

  @Mutation(() => CheckoutPayload, {
    description: 'Place an order (customers, through a partner app). The same idempotencyKey returns the same order.',
  })
  @CommitsStepByStep(
    'Saga: calls catalog, loyalty and logistics over HTTP between its own commits; each step is idempotent on the order id and the recovery sweep repairs a half-done order, so an all-or-nothing request transaction would only hold locks across those calls.',
  )
  async checkout(
    @Arg('input', () => CheckoutInput) input: CheckoutInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CheckoutPayload> {
    const order = await new CheckoutService(ctx.em, sagaPorts(), ctx.log).checkout(ctx.principal, input);
    return { order };
  }

  @Mutation(() => Order, {
    description: "The bank's channel collected the cash part (partner apps of the order's bank).",
  })
  @CommitsStepByStep(
    'Saga: calls catalog, loyalty and logistics over HTTP between its own commits; each step is idempotent on the order id and the recovery sweep repairs a half-done order, so an all-or-nothing request transaction would only hold locks across those calls.',
  )
  confirmPayment(
    @Arg('input', () => ConfirmPaymentInput) input: ConfirmPaymentInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Order> {
    return new PaymentService(ctx.em, sagaPorts(), ctx.log).confirmPayment(
      ctx.principal,
      Number(input.orderId),
      input.paymentRef,
      input.amountFen,
    );
  }

  @Mutation(() => Order, {
    description:
      "Cancel before shipment (the customer, or its bank's customer service for it with SERVE_CUSTOMERS): unpaid orders are released, paid ones refunded in full.",
  })
  @CommitsStepByStep(
    'Saga: calls catalog, loyalty and logistics over HTTP between its own commits; each step is idempotent on the order id and the recovery sweep repairs a half-done order, so an all-or-nothing request transaction would only hold locks across those calls.',
  )
  cancelOrder(
    @Arg('input', () => CancelOrderInput) input: CancelOrderInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Order> {
    return new AfterSalesService(ctx.em, ctx.principal, sagaPorts(), ctx.log).cancelOrder(
      Number(input.orderId),
      input.reason,
    );
  }

  @Mutation(() => Order, {
    description:
      "Change where the goods go, before any of them has shipped (the customer, or its bank's customer service for it with SERVE_CUSTOMERS); CONFLICT once goods have shipped.",
  })
  changeShippingAddress(
    @Arg('input', () => ChangeShippingAddressInput) input: ChangeShippingAddressInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Order> {
    return new AfterSalesService(ctx.em, ctx.principal, sagaPorts(), ctx.log).changeShippingAddress(
      Number(input.orderId),
      input.shippingAddress,
    );
  }
}

@Resolver(() => OrderLine)
export class OrderLineResolver {
  @FieldResolver(() => SkuRef)
  sku(@Root() line: OrderLine): SkuRef {
    return { id: String(line.skuId) };
  }

  @FieldResolver(() => ListingRef)
  listing(@Root() line: OrderLine): ListingRef {
    return { id: String(line.listingId) };
  }

  @FieldResolver(() => [OrderDiscount], {
    description: 'The benefit discounts this line got (its share of order-level ones), in the order applied.',
  })
  discounts(@Root() line: OrderLine, @Ctx() ctx: SubgraphContext): Promise<OrderDiscount[]> {
    return ordersLoaders(ctx).discountsByLine.load(line.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "DIRECT_TOPUP lines: the customer's account at the partner that is credited (null otherwise). Masked (e.g. 138****0000) for bank staff without SEE_CUSTOMER_DATA and supplier staff without SHIP_ORDERS.",
  })
  recipientAccount(@Root() line: OrderLine, @Ctx() ctx: SubgraphContext): string | null {
    if (!line.recipientAccount) return null;
    return seesCustomerData(ctx.principal) ? line.recipientAccount : maskAccount(line.recipientAccount);
  }

  @FieldResolver(() => GraphQLSafeInt, {
    description: 'What the line charges in fen: unitFen × quantity − discountFen.',
  })
  netFen(@Root() line: OrderLine): number {
    return netFen(line);
  }

  @FieldResolver(() => GraphQLSafeInt, {
    description: 'What the line charges in points: unitPoints × quantity − discountPoints.',
  })
  netPoints(@Root() line: OrderLine): number {
    return netPoints(line);
  }
}

@Resolver(() => SupplierOrder)
export class SupplierOrderResolver {
  @FieldResolver(() => Order, { description: 'The order this is part of.' })
  async order(@Root() so: SupplierOrder, @Ctx() ctx: SubgraphContext): Promise<Order> {
    const order = await ordersLoaders(ctx).order.load(so.orderId);
    if (!order) throw notFound('Order', so.orderId);
    return order;
  }

  @FieldResolver(() => [OrderLine])
  lines(@Root() so: SupplierOrder, @Ctx() ctx: SubgraphContext): Promise<OrderLine[]> {
    return ordersLoaders(ctx).linesBySupplierOrder.load(so.id);
  }

  @FieldResolver(() => GraphQLSafeInt, {
    description:
      "The supplier order's lines net of discounts, fen (before points applied to cash): the sum of their netFen.",
  })
  async netFen(@Root() so: SupplierOrder, @Ctx() ctx: SubgraphContext): Promise<number> {
    return (await ordersLoaders(ctx).linesBySupplierOrder.load(so.id)).reduce((s, l) => s + netFen(l), 0);
  }

  @FieldResolver(() => GraphQLSafeInt, { description: "The lines' discounts in fen, summed." })
  async discountFen(@Root() so: SupplierOrder, @Ctx() ctx: SubgraphContext): Promise<number> {
    return (await ordersLoaders(ctx).linesBySupplierOrder.load(so.id)).reduce((s, l) => s + l.discountFen, 0);
  }

  @FieldResolver(() => SupplierRef)
  supplier(@Root() so: SupplierOrder): SupplierRef {
    return { id: String(so.supplierId) };
  }
}

@Resolver(() => CustomerRef)
export class CustomerOrdersResolver {
  @FieldResolver(() => OrderConnection, { description: "The customer's orders, newest first." })
  orders(
    @Root() customer: CustomerRef,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Order>> {
    return new OrderQueryService(ctx.em, ctx.principal).ordersOfCustomer(customer.id, page.first, page.after);
  }
}

@Resolver(() => SupplierRef)
export class SupplierOrdersResolver {
  @FieldResolver(() => SupplierOrderConnection, {
    description:
      "The supplier's orders, newest first; status PAID = awaiting shipment. `filter` narrows by statuses, when placed and order number (one indexed SQL statement a page).",
  })
  supplierOrders(
    @Root() supplier: SupplierRef,
    @Arg('status', () => SupplierOrderStatus, { nullable: true }) status: SupplierOrderStatus | null,
    @Arg('filter', () => SupplierOrderFilterInput, { nullable: true }) filter: SupplierOrderFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<SupplierOrder>> {
    return new OrderQueryService(ctx.em, ctx.principal).supplierOrders(
      Number(supplier.id),
      status,
      page.first,
      page.after,
      filter,
    );
  }
}

/** Reference resolvers apply the same visibility as direct queries. */
export async function resolveSupplierOrderRef(id: string, ctx: SubgraphContext): Promise<SupplierOrder | null> {
  const so = await ordersLoaders(ctx).supplierOrder.load(id);
  return so && canSee(ctx.principal, so) ? so : null;
}
