import { byId, groupedBy } from '../../core/loaders';
import type { SubgraphContext } from '../../core/subgraph';
import { IssuedCode } from './entities/issued-code';
import { OrderDiscount, OrderLine } from './entities/order-line';
import { Order } from './entities/order';
import { Refund } from './entities/refund';
import { SupplierOrder } from './entities/supplier-order';

export function ordersLoaders(ctx: SubgraphContext) {
  return ctx.loaders.memo(ordersLoaders, () => buildOrdersLoaders(ctx));
}

function buildOrdersLoaders(ctx: SubgraphContext) {
  const { em, loaders } = ctx;
  return {
    order: loaders.one('Order', byId(em, Order, {}, { plain: true })),
    supplierOrder: loaders.one('SupplierOrder', byId(em, SupplierOrder, {}, { plain: true })),
    discountsByLine: loaders.many(
      'OrderDiscountsByLine',
      groupedBy(em, OrderDiscount, 'orderLineId', { plain: true, orderBy: { id: 'ASC' } }),
    ),
    linesByOrder: loaders.many('OrderLinesByOrder', groupedBy(em, OrderLine, 'orderId', { plain: true })),
    linesBySupplierOrder: loaders.many(
      'OrderLinesBySupplierOrder',
      groupedBy(em, OrderLine, 'supplierOrderId', { plain: true }),
    ),
    supplierOrdersByOrder: loaders.many(
      'SupplierOrdersByOrder',
      groupedBy(em, SupplierOrder, 'orderId', { plain: true }),
    ),
    codesByOrder: loaders.many('IssuedCodesByOrder', groupedBy(em, IssuedCode, 'orderId', { plain: true })),
    refundsByOrder: loaders.many('RefundsByOrder', groupedBy(em, Refund, 'orderId', { plain: true })),
  };
}
