import { byId, groupedBy } from '../../core/loaders';
import type { SubgraphContext } from '../../core/subgraph';
import { IssuedCode } from './entities/issued-code';
import { OrderLine } from './entities/order-line';
import { Order } from './entities/order';
import { Refund } from './entities/refund';
import { SupplierOrder } from './entities/supplier-order';

export function ordersLoaders(ctx: SubgraphContext) {
  const { em, loaders } = ctx;
  return {
    order: loaders.one('Order', byId(em, Order)),
    supplierOrder: loaders.one('SupplierOrder', byId(em, SupplierOrder)),
    linesByOrder: loaders.many('OrderLinesByOrder', groupedBy(em, OrderLine, 'orderId')),
    linesBySupplierOrder: loaders.many('OrderLinesBySupplierOrder', groupedBy(em, OrderLine, 'supplierOrderId')),
    supplierOrdersByOrder: loaders.many('SupplierOrdersByOrder', groupedBy(em, SupplierOrder, 'orderId')),
    codesByOrder: loaders.many('IssuedCodesByOrder', groupedBy(em, IssuedCode, 'orderId')),
    refundsByOrder: loaders.many('RefundsByOrder', groupedBy(em, Refund, 'orderId')),
  };
}
