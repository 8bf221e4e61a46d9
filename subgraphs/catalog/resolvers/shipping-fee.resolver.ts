import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import type { SubgraphContext } from '../../../core/subgraph';
import { FenAmount } from '../../../core/input-rules';
import { Supplier } from '../entities/supplier';
import { catalogLoaders } from '../loaders';
import { ShippingFeeService } from '../services/shipping-fee.service';
import { CurationSku } from './pool.resolver';

@InputType({ description: "A supplier's shipping terms for its physical goods." })
export class SetSupplierShippingInput {
  @Field(() => ID, { nullable: true, description: 'The supplier (platform only; suppliers set their own).' })
  supplierId?: string | null;

  @Field(() => FenAmount, { description: 'Fee per order of your physical goods, in fen (0: none; at most 50,000).' })
  shippingFeeFen!: number;

  @Field(() => FenAmount, {
    nullable: true,
    description: 'No fee once the goods of an order from you are worth at least this, in fen; null: always the fee.',
  })
  freeShippingOverFen?: number | null;
}

@ObjectType({ description: 'The supplier with its shipping terms.' })
export class SetSupplierShippingPayload {
  @Field(() => Supplier, { description: 'The supplier.' })
  supplier!: Supplier;
}

@Resolver(() => CurationSku)
export class CurationSkuShippingResolver {
  @FieldResolver(() => Int, { description: "The SKU's supplier's shipping fee per order, in fen." })
  async shippingFeeFen(@Root() sku: CurationSku, @Ctx() ctx: SubgraphContext): Promise<number> {
    if (sku.shipping) return sku.shipping.feeFen;
    return (await catalogLoaders(ctx).supplier.load(sku.supplierId))?.shippingFeeFen ?? 0;
  }

  @FieldResolver(() => GraphQLSafeInt, {
    nullable: true,
    description: "The supplier's free-shipping threshold, in fen (null: none).",
  })
  async freeShippingOverFen(@Root() sku: CurationSku, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    if (sku.shipping) return sku.shipping.overFen;
    return (await catalogLoaders(ctx).supplier.load(sku.supplierId))?.freeShippingOverFen ?? null;
  }

  @Mutation(() => SetSupplierShippingPayload, {
    description:
      'Set the shipping fee of your physical goods and the order value that makes it free (supplier admins).',
  })
  async setSupplierShipping(
    @Arg('input', () => SetSupplierShippingInput) input: SetSupplierShippingInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SetSupplierShippingPayload> {
    const supplier = await new ShippingFeeService(ctx.em, ctx.principal).set(
      input.supplierId,
      input.shippingFeeFen,
      input.freeShippingOverFen ?? null,
    );
    return { supplier };
  }
}
