import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { Brand } from '../entities/brand';
import { Category } from '../entities/category';
import { Supplier } from '../entities/supplier';
import { PlatformCatalogService } from '../services/platform.service';

@InputType({ description: 'A new supplier (platform admins).' })
export class CreateSupplierInput {
  @Field(() => String, { description: 'Short unique code, e.g. "JD-GOODS".' })
  code!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;
}

@ObjectType({ description: 'The new supplier.' })
export class CreateSupplierPayload {
  @Field(() => Supplier, { description: 'The supplier.' })
  supplier!: Supplier;
}

@InputType({ description: 'A new brand (platform admins).' })
export class CreateBrandInput {
  @Field(() => String, { description: 'Brand name, unique.' })
  name!: string;
}

@ObjectType({ description: 'The new brand.' })
export class CreateBrandPayload {
  @Field(() => Brand, { description: 'The brand.' })
  brand!: Brand;
}

@InputType({ description: 'A new category (platform admins).' })
export class CreateCategoryInput {
  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Parent category; omit for a top-level one.' })
  parentId?: string | null;
}

@ObjectType({ description: 'The new category.' })
export class CreateCategoryPayload {
  @Field(() => Category, { description: 'The category.' })
  category!: Category;
}

@Resolver()
export class PlatformResolver {
  @Mutation(() => CreateSupplierPayload, { description: 'Register a supplier (platform admins).' })
  async createSupplier(@Arg('input', () => CreateSupplierInput) input: CreateSupplierInput, @Ctx() ctx: SubgraphContext): Promise<CreateSupplierPayload> {
    return { supplier: await new PlatformCatalogService(ctx.em, ctx.principal).createSupplier(input.code, input.name) };
  }

  @Mutation(() => CreateBrandPayload, { description: 'Add a brand (platform admins).' })
  async createBrand(@Arg('input', () => CreateBrandInput) input: CreateBrandInput, @Ctx() ctx: SubgraphContext): Promise<CreateBrandPayload> {
    return { brand: await new PlatformCatalogService(ctx.em, ctx.principal).createBrand(input.name) };
  }

  @Mutation(() => CreateCategoryPayload, { description: 'Add a category to the tree (platform admins).' })
  async createCategory(@Arg('input', () => CreateCategoryInput) input: CreateCategoryInput, @Ctx() ctx: SubgraphContext): Promise<CreateCategoryPayload> {
    return { category: await new PlatformCatalogService(ctx.em, ctx.principal).createCategory(input.name, input.parentId) };
  }
}
