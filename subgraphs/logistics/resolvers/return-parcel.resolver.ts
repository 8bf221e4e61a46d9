import { Arg, Ctx, Directive, Field, FieldResolver, ID, InputType, Mutation, Resolver, Root } from 'type-graphql';
import { EntityRef } from '../../../core/entity-ref';
import type { SubgraphContext } from '../../../core/subgraph';
import { ReturnParcel, ReturnParcelDirection } from '../entities/return-parcel';
import { ReturnParcels } from '../services/return-parcel.service';

/** Orders' return request, to which logistics adds its parcels. */
export const ReturnRequestRef = EntityRef('ReturnRequest');
export type ReturnRequestRef = InstanceType<typeof ReturnRequestRef>;

@InputType({ description: 'Internal (orders): a parcel of a return request to track.' })
@Directive('@inaccessible')
export class RegisterReturnParcelInput {
  @Field(() => ID) returnRequestId!: string;
  @Field(() => ReturnParcelDirection) direction!: ReturnParcelDirection;
  @Field(() => ID) supplierOrderId!: string;
  @Field(() => ID) bankId!: string;
  @Field(() => ID) customerId!: string;
  @Field(() => ID) supplierId!: string;
  @Field(() => String) carrierCode!: string;
  @Field(() => String) trackingNumber!: string;
}

@Resolver()
export class ReturnParcelMutations {
  @Mutation(() => ReturnParcel, {
    description:
      'Internal (orders): track a return parcel or an exchange replacement; idempotent on (return request, direction).',
  })
  @Directive('@inaccessible')
  registerReturnParcel(
    @Arg('input', () => RegisterReturnParcelInput) input: RegisterReturnParcelInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReturnParcel> {
    return new ReturnParcels(ctx.em, ctx.principal).register(input);
  }
}

@Resolver(() => ReturnRequestRef)
export class ReturnRequestParcelsResolver {
  @FieldResolver(() => [ReturnParcel], {
    description: "The return's parcels as the carrier reports them: the return parcel, then any replacement.",
  })
  async parcels(@Root() r: ReturnRequestRef, @Ctx() ctx: SubgraphContext): Promise<ReturnParcel[]> {
    const key = Number(r.id);
    if (!Number.isSafeInteger(key)) return [];
    const all = await ctx.loaders
      .many<ReturnParcel>('ReturnParcelsByRequest', async (keys) => {
        const ids = keys.map(Number).filter(Number.isSafeInteger);
        const rows = await new ReturnParcels(ctx.em, ctx.principal).ofReturns(ids);
        const out = new Map<string, ReturnParcel[]>();
        for (const p of rows) out.set(String(p.returnRequestId), [...(out.get(String(p.returnRequestId)) ?? []), p]);
        return out;
      })
      .load(key);
    return all;
  }
}
