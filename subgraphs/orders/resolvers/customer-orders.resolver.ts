import { Args, Ctx, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import { CustomerWithOrders } from '../entities/customer-orders';
import { Order } from '../entities/order';
import { OrderQueryService } from '../services/order-query.service';

@ObjectType()
export class OrderConnection extends ConnectionType(Order, 'Order') {}

@Resolver(() => CustomerWithOrders)
export class CustomerOrdersResolver {
  @FieldResolver(() => OrderConnection, { description: "The customer's orders, newest first." })
  orders(@Root() customer: CustomerWithOrders, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Connection<Order>> {
    return new OrderQueryService(ctx.em, ctx.principal).ordersOfCustomer(customer.id, page.first, page.after);
  }
}
