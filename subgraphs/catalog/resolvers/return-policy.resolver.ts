import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { Category } from '../entities/category';
import { catalogLoaders } from '../loaders';
import { ReturnPolicyService, returnDaysOf } from '../services/return-policy.service';
import { CurationSku } from './pool.resolver';

@InputType({ description: "A category's return window (platform admins)." })
export class SetCategoryReturnPolicyInput {
  @Field(() => ID, { description: 'The category.' })
  categoryId!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'Days after delivery within which its goods may be returned (0: none, at most 365); null: the platform default.',
  })
  returnDays?: number | null;
}

@ObjectType({ description: 'The category with its return window.' })
export class SetCategoryReturnPolicyPayload {
  @Field(() => Category, { description: 'The category.' })
  category!: Category;
}

@Resolver(() => CurationSku)
export class CurationSkuReturnResolver {
  @FieldResolver(() => Int, {
    description: 'Days after delivery within which the SKU may be returned (0: none; virtual goods never).',
  })
  async returnDays(@Root() sku: CurationSku, @Ctx() ctx: SubgraphContext): Promise<number> {
    if (sku.categoryReturnDays !== undefined) return returnDaysOf(sku.kind, sku.categoryReturnDays);
    const l = catalogLoaders(ctx);
    const full = await l.sku.load(sku.id);
    const category = full ? await l.category.load(full.categoryId) : null;
    return returnDaysOf(sku.kind, category?.returnDays ?? null);
  }

  @Mutation(() => SetCategoryReturnPolicyPayload, {
    description: "Set a category's return window: e.g. 7 days for goods, 0 for opened cards (platform admins).",
  })
  async setCategoryReturnPolicy(
    @Arg('input', () => SetCategoryReturnPolicyInput) input: SetCategoryReturnPolicyInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SetCategoryReturnPolicyPayload> {
    return {
      category: await new ReturnPolicyService(ctx.em, ctx.principal).setCategoryReturnDays(
        input.categoryId,
        input.returnDays ?? null,
      ),
    };
  }
}
