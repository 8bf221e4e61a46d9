import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { badInput } from '../../../core/errors';
import type { SubgraphContext } from '../../../core/subgraph';
import { PageArgs, type Connection } from '../../../core/pagination';
import { Product } from '../entities/product';
import { AccountRule, DeliveryMode, Sku, SkuStatus } from '../entities/sku';
import { Stock, StockAdjustment, StockAdjustmentMode } from '../entities/stock';
import { CodePoolForecast, CodePoolSummary, VirtualCardCode, VirtualCardKind } from '../entities/virtual-card';
import { catalogLoaders } from '../loaders';
import { CatalogWriteService } from '../services/catalog-write.service';
import { CodePoolService, MAX_CODES_PER_UPLOAD } from '../services/code-pool.service';
import { StockService } from '../services/stock.service';
import { ConnectionType } from '../../../core/pagination';
import { SkuConnection } from './sku.resolver';
import { FenAmount, Text } from '../../../core/input-rules';

@InputType({ description: 'A name/value pair (product attribute or SKU spec value).' })
export class NameValueInput {
  @Field(() => String, { description: 'Name, 1–40 characters.' })
  name!: string;

  @Field(() => String, { description: 'Value, up to 100 characters.' })
  value!: string;
}

@InputType({ description: 'A product row: created when its code is new for the supplier, updated otherwise.' })
export class ProductRowInput {
  @Field(() => String, { description: "The supplier's product code (unique per supplier)." })
  code!: string;

  @Field(() => String, { description: 'Title, up to 200 characters.' })
  title!: string;

  @Field(() => ID, { description: 'Brand.' })
  brandId!: string;

  @Field(() => ID, { description: 'Category.' })
  categoryId!: string;

  @Field(() => String, { nullable: true, description: 'Long description (up to 20,000 characters, several lines).' })
  @Text({ max: 20_000, multiline: true })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: 'Image URLs (http/https), cover first.' })
  @Text({ max: 510 })
  images?: string[] | null;

  @Field(() => [NameValueInput], { nullable: true, description: 'Attributes.' })
  attributes?: NameValueInput[] | null;
}

@InputType({ description: 'A new product.' })
export class CreateProductInput extends ProductRowInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The supplier (platform admins only; suppliers act for themselves).',
  })
  supplierId?: string | null;
}

@InputType({ description: 'Changes to a product; omitted fields stay as they are.' })
export class UpdateProductInput {
  @Field(() => ID, { description: 'The product.' })
  productId!: string;

  @Field(() => String, { nullable: true, description: 'New title.' })
  title?: string | null;

  @Field(() => ID, { nullable: true, description: 'New brand.' })
  brandId?: string | null;

  @Field(() => ID, { nullable: true, description: 'New category.' })
  categoryId?: string | null;

  @Field(() => String, { nullable: true, description: 'New description.' })
  @Text({ max: 20_000, multiline: true })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: 'New images.' })
  @Text({ max: 510 })
  images?: string[] | null;

  @Field(() => [NameValueInput], { nullable: true, description: 'New attributes (replace the old ones).' })
  attributes?: NameValueInput[] | null;
}

@InputType({ description: 'Up to 1,000 product rows, saved all or nothing.' })
export class BulkUpsertProductsInput {
  @Field(() => ID, { nullable: true, description: 'The supplier (platform admins only).' })
  supplierId?: string | null;

  @Field(() => [ProductRowInput], { description: 'The rows (at most 1,000).' })
  rows!: ProductRowInput[];
}

@InputType({
  description:
    'A SKU row: created when its code is new for the supplier, updated otherwise (omitted fields unchanged).',
})
export class SkuRowInput {
  @Field(() => String, { description: "The supplier's SKU code (unique per supplier)." })
  code!: string;

  @Field(() => String, {
    nullable: true,
    description: "The product's code (bulk uploads); required to create unless productId is given.",
  })
  productCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'The product by id; alternative to productCode.' })
  productId?: string | null;

  @Field(() => [NameValueInput], { nullable: true, description: 'Spec values, e.g. 颜色 = 黑色.' })
  specs?: NameValueInput[] | null;

  @Field(() => String, { nullable: true, description: 'EAN/UPC barcode.' })
  barcode?: string | null;

  @Field(() => FenAmount, {
    nullable: true,
    description: 'What a bank pays per unit, in fen (required to create; staff may not change it).',
  })
  supplierPriceFen?: number | null;

  @Field(() => FenAmount, {
    nullable: true,
    description: 'Suggested retail price in fen (required to create; staff may not change it).',
  })
  listPriceFen?: number | null;

  @Field(() => Int, { nullable: true, description: 'Shipping weight in grams.' })
  weightGrams?: number | null;

  @Field(() => ID, { nullable: true, description: 'Makes a new SKU VIRTUAL, issuing codes from this card kind.' })
  virtualCardKindId?: string | null;

  @Field(() => DeliveryMode, {
    nullable: true,
    description:
      'Makes a new SKU VIRTUAL delivered this way: CODE_POOL needs virtualCardKindId (the default when one is given); DIRECT_TOPUP, PARTNER_ISSUED and BANK_SYSTEM take no card kind and use initialStock. On update: only between DIRECT_TOPUP, PARTNER_ISSUED and BANK_SYSTEM.',
  })
  deliveryMode?: DeliveryMode | null;

  @Field(() => AccountRule, {
    nullable: true,
    description: 'DIRECT_TOPUP (required there, refused otherwise): what the customer enters as the account to credit.',
  })
  accountRule?: AccountRule | null;

  @Field(() => String, {
    nullable: true,
    description:
      "DIRECT_TOPUP / PARTNER_ISSUED (required there, refused otherwise): the partner's product code, up to 64 characters.",
  })
  partnerProductCode?: string | null;

  @Field(() => SkuStatus, { nullable: true, description: 'ACTIVE (default) or INACTIVE.' })
  status?: SkuStatus | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Available units of a new physical SKU (default 0); ignored on update — use adjustStock. Not for card SKUs: their stock is their pool's unissued codes.",
  })
  initialStock?: number | null;
}

@InputType({ description: 'A new SKU.' })
export class CreateSkuInput extends SkuRowInput {
  @Field(() => ID, { nullable: true, description: 'The supplier (platform admins only).' })
  supplierId?: string | null;
}

@InputType({ description: 'Changes to a SKU; omitted fields stay as they are.' })
export class UpdateSkuInput {
  @Field(() => ID, { description: 'The SKU.' })
  skuId!: string;

  @Field(() => [NameValueInput], { nullable: true, description: 'New spec values.' })
  specs?: NameValueInput[] | null;

  @Field(() => String, { nullable: true, description: 'New barcode.' })
  barcode?: string | null;

  @Field(() => FenAmount, { nullable: true, description: 'New supplier price (admins only).' })
  supplierPriceFen?: number | null;

  @Field(() => FenAmount, { nullable: true, description: 'New list price (admins only).' })
  listPriceFen?: number | null;

  @Field(() => Int, { nullable: true, description: 'New weight in grams.' })
  weightGrams?: number | null;

  @Field(() => SkuStatus, { nullable: true, description: 'New status.' })
  status?: SkuStatus | null;

  @Field(() => DeliveryMode, {
    nullable: true,
    description: 'New delivery mode: only between DIRECT_TOPUP, PARTNER_ISSUED and BANK_SYSTEM.',
  })
  deliveryMode?: DeliveryMode | null;

  @Field(() => AccountRule, { nullable: true, description: 'New account rule (DIRECT_TOPUP only).' })
  accountRule?: AccountRule | null;

  @Field(() => String, {
    nullable: true,
    description: 'New partner product code (DIRECT_TOPUP / PARTNER_ISSUED only).',
  })
  partnerProductCode?: string | null;
}

@InputType({ description: 'Up to 1,000 SKU rows, saved all or nothing.' })
export class BulkUpsertSkusInput {
  @Field(() => ID, { nullable: true, description: 'The supplier (platform admins only).' })
  supplierId?: string | null;

  @Field(() => [SkuRowInput], { description: 'The rows (at most 1,000).' })
  rows!: SkuRowInput[];

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Check every row as a real upload would and write nothing: the same problems, or wouldCreate/wouldUpdate. A console validates a whole file this way, batch by batch, before it saves any batch.',
  })
  dryRun?: boolean | null;
}

@InputType({ description: 'SKUs to take off sale.' })
export class DeactivateSkusInput {
  @Field(() => [ID], { description: 'Your SKUs (at most 1,000); all or nothing.' })
  skuIds!: string[];
}

@InputType({ description: 'A manual stock change, recorded in the audit trail.' })
export class AdjustStockInput {
  @Field(() => ID, { description: 'The SKU.' })
  skuId!: string;

  @Field(() => StockAdjustmentMode, { description: 'SET available units, or add a DELTA.' })
  mode!: StockAdjustmentMode;

  @Field(() => Int, { description: 'Units to set (≥ 0) or to add (negative removes).' })
  quantity!: number;

  @Field(() => String, { description: 'Why (2–500 characters), e.g. "stocktake 2026-11".' })
  @Text({ max: 500, multiline: true })
  reason!: string;
}

@InputType({ description: 'A new kind of virtual card.' })
export class CreateVirtualCardKindInput {
  @Field(() => ID, { nullable: true, description: 'The supplier (platform admins only).' })
  supplierId?: string | null;

  @Field(() => String, { description: 'Name, unique per supplier.' })
  name!: string;

  @Field(() => FenAmount, { description: 'Face value in fen.' })
  faceValueFen!: number;

  @Field(() => Int, { description: 'Days a code stays valid after issue.' })
  validityDays!: number;

  @Field(() => Int, { nullable: true, description: 'Depletion warning threshold (default 10).' })
  lowPoolThreshold?: number | null;
}

@InputType({ description: 'Changes to a kind of virtual card; omitted fields stay as they are.' })
export class UpdateVirtualCardKindInput {
  @Field(() => ID, { description: 'The card kind.' })
  virtualCardKindId!: string;

  @Field(() => String, { nullable: true, description: 'New name, 2–200 characters, unique per supplier.' })
  @Text({ max: 200 })
  name?: string | null;

  @Field(() => FenAmount, { nullable: true, description: 'New face value in fen.' })
  faceValueFen?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'New validity in days after issue (1–3650; codes issued before keep theirs).',
  })
  validityDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'New low-pool alert threshold (0–1,000,000).' })
  lowPoolThreshold?: number | null;
}

@ObjectType({ description: 'The card kind as changed.' })
export class UpdateVirtualCardKindPayload {
  @Field(() => VirtualCardKind, { description: 'The kind.' })
  virtualCardKind!: VirtualCardKind;
}

@InputType({ description: "A card kind's low-pool alert threshold." })
export class SetLowPoolThresholdInput {
  @Field(() => ID, { description: 'The card kind.' })
  virtualCardKindId!: string;

  @Field(() => Int, {
    description: 'At or below this many available codes the pool counts as depleting (0–1,000,000).',
  })
  lowPoolThreshold!: number;
}

@ObjectType({ description: 'The card kind with its new threshold.' })
export class SetLowPoolThresholdPayload {
  @Field(() => VirtualCardKind, { description: 'The kind.' })
  virtualCardKind!: VirtualCardKind;
}

@InputType({ description: "Codes to add to a card kind's pool." })
export class UploadCodesInput {
  @Field(() => ID, { description: 'The card kind.' })
  virtualCardKindId!: string;

  @Field(() => [String], { description: 'The codes (at most 5,000); duplicates are reported and skipped.' })
  @Text({ max: 200, maxItems: MAX_CODES_PER_UPLOAD })
  codes!: string[];
}

@ObjectType({ description: 'A row-level note about a bulk input.' })
export class RowProblem {
  @Field(() => Int, { nullable: true, description: 'Index of the row in the input.' })
  index?: number;

  @Field(() => String, { description: 'The field.' })
  field!: string;

  @Field(() => String, { description: 'What is wrong.' })
  message!: string;
}

@ObjectType({ description: 'The created product.' })
export class CreateProductPayload {
  @Field(() => Product, { description: 'The product.' })
  product!: Product;
}

@ObjectType({ description: 'The updated product.' })
export class UpdateProductPayload {
  @Field(() => Product, { description: 'The product.' })
  product!: Product;
}

@ObjectType({ description: 'What a bulk product upload did.' })
export class BulkUpsertProductsPayload {
  @Field(() => [Product], { description: 'New products, in input order.' })
  created!: Product[];

  @Field(() => [Product], { description: 'Updated products, in input order.' })
  updated!: Product[];
}

@ObjectType({ description: 'The created SKU.' })
export class CreateSkuPayload {
  @Field(() => Sku, { description: 'The SKU.' })
  sku!: Sku;
}

@ObjectType({ description: 'The updated SKU.' })
export class UpdateSkuPayload {
  @Field(() => Sku, { description: 'The SKU.' })
  sku!: Sku;
}

@ObjectType({ description: 'What a bulk SKU upload did.' })
export class BulkUpsertSkusPayload {
  @Field(() => [Sku], { description: 'New SKUs, in input order.' })
  created!: Sku[];

  @Field(() => [Sku], { description: 'Updated SKUs, in input order.' })
  updated!: Sku[];

  @Field(() => Int, { nullable: true, description: 'dryRun: rows that would create a SKU (null otherwise).' })
  wouldCreate?: number | null;

  @Field(() => Int, { nullable: true, description: 'dryRun: rows that would update a SKU (null otherwise).' })
  wouldUpdate?: number | null;
}

@ObjectType({ description: 'The deactivated SKUs.' })
export class DeactivateSkusPayload {
  @Field(() => [Sku], { description: 'The SKUs, now INACTIVE.' })
  skus!: Sku[];
}

@ObjectType({ description: 'Stock after the adjustment, and its audit row.' })
export class AdjustStockPayload {
  @Field(() => Stock, { description: 'Stock now.' })
  stock!: Stock;

  @Field(() => StockAdjustment, { description: 'The audit row.' })
  adjustment!: StockAdjustment;
}

@ObjectType({ description: 'The new card kind.' })
export class CreateVirtualCardKindPayload {
  @Field(() => VirtualCardKind, { description: 'The kind.' })
  virtualCardKind!: VirtualCardKind;
}

@ObjectType({ description: 'What an upload did.' })
export class UploadCodesPayload {
  @Field(() => VirtualCardKind, { description: 'The kind, with its pool counts.' })
  virtualCardKind!: VirtualCardKind;

  @Field(() => Int, { description: 'Codes added to the pool.' })
  inserted!: number;

  @Field(() => [RowProblem], { description: 'Codes skipped as duplicates, by index.' })
  duplicates!: RowProblem[];
}

@ObjectType()
export class VirtualCardKindConnection extends ConnectionType(VirtualCardKind, 'VirtualCardKind') {}

@ArgsType()
export class SupplierPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'The supplier (suppliers: their own, the default).' })
  supplierId?: string | null;
}

@Resolver()
export class PortalResolver {
  @Mutation(() => CreateProductPayload, {
    description: 'Create a product (supplier staff and admins, or the platform).',
  })
  async createProduct(
    @Arg('input', () => CreateProductInput) input: CreateProductInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateProductPayload> {
    const { supplierId, ...row } = input;
    const { created } = await new CatalogWriteService(ctx.em, ctx.principal).upsertProducts(
      supplierId,
      [row],
      'create',
    );
    return { product: created[0]! };
  }

  @Mutation(() => UpdateProductPayload, { description: 'Change a product; its SKUs follow title, brand and category.' })
  async updateProduct(
    @Arg('input', () => UpdateProductInput) input: UpdateProductInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UpdateProductPayload> {
    return { product: await new CatalogWriteService(ctx.em, ctx.principal).updateProduct(input) };
  }

  @Mutation(() => BulkUpsertProductsPayload, {
    description: 'Create or update up to 1,000 products by code, all or nothing; problems name the row and field.',
  })
  async bulkUpsertProducts(
    @Arg('input', () => BulkUpsertProductsInput) input: BulkUpsertProductsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BulkUpsertProductsPayload> {
    return new CatalogWriteService(ctx.em, ctx.principal).upsertProducts(input.supplierId, input.rows);
  }

  @Mutation(() => CreateSkuPayload, { description: 'Create a SKU of one of your products.' })
  async createSku(
    @Arg('input', () => CreateSkuInput) input: CreateSkuInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateSkuPayload> {
    const { supplierId, ...row } = input;
    const { created } = await new CatalogWriteService(ctx.em, ctx.principal).upsertSkus(supplierId, [row], 'create');
    return { sku: created[0]! };
  }

  @Mutation(() => UpdateSkuPayload, { description: 'Change a SKU (prices: supplier admins and the platform only).' })
  async updateSku(
    @Arg('input', () => UpdateSkuInput) input: UpdateSkuInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UpdateSkuPayload> {
    return { sku: await new CatalogWriteService(ctx.em, ctx.principal).updateSku(input) };
  }

  @Mutation(() => BulkUpsertSkusPayload, {
    description: 'Create or update up to 1,000 SKUs by code, all or nothing; problems name the row and field.',
  })
  async bulkUpsertSkus(
    @Arg('input', () => BulkUpsertSkusInput) input: BulkUpsertSkusInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BulkUpsertSkusPayload> {
    return new CatalogWriteService(ctx.em, ctx.principal).upsertSkus(
      input.supplierId,
      input.rows,
      'upsert',
      input.dryRun === true,
    );
  }

  @Mutation(() => DeactivateSkusPayload, { description: 'Take SKUs off sale: they can no longer be reserved.' })
  async deactivateSkus(
    @Arg('input', () => DeactivateSkusInput) input: DeactivateSkusInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DeactivateSkusPayload> {
    return {
      skus: await new CatalogWriteService(ctx.em, ctx.principal).setSkuStatus(input.skuIds, SkuStatus.INACTIVE),
    };
  }

  @Mutation(() => AdjustStockPayload, {
    description: 'Set or change available stock, with a reason kept in the audit trail.',
  })
  adjustStock(
    @Arg('input', () => AdjustStockInput) input: AdjustStockInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AdjustStockPayload> {
    return new StockService(ctx.em, ctx.principal).adjust(input.skuId, input.mode, input.quantity, input.reason);
  }

  @Mutation(() => CreateVirtualCardKindPayload, {
    description: 'Create a kind of virtual card (its pool starts empty).',
  })
  async createVirtualCardKind(
    @Arg('input', () => CreateVirtualCardKindInput) input: CreateVirtualCardKindInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateVirtualCardKindPayload> {
    return { virtualCardKind: await new CodePoolService(ctx.em, ctx.principal).createKind(input) };
  }

  @Mutation(() => UpdateVirtualCardKindPayload, {
    description:
      "Change a card kind's name, face value, validity or low-pool threshold (as createVirtualCardKind: supplier MANAGE_CATALOG; another supplier's kind is NOT_FOUND).",
  })
  async updateVirtualCardKind(
    @Arg('input', () => UpdateVirtualCardKindInput) input: UpdateVirtualCardKindInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UpdateVirtualCardKindPayload> {
    return { virtualCardKind: await new CodePoolService(ctx.em, ctx.principal).updateKind(input) };
  }

  @Mutation(() => SetLowPoolThresholdPayload, {
    description:
      "Set a card kind's low-pool alert threshold (supplier MANAGE_STOCK; another supplier's kind is NOT_FOUND).",
  })
  async setLowPoolThreshold(
    @Arg('input', () => SetLowPoolThresholdInput) input: SetLowPoolThresholdInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SetLowPoolThresholdPayload> {
    return {
      virtualCardKind: await new CodePoolService(ctx.em, ctx.principal).setLowPoolThreshold(
        input.virtualCardKindId,
        input.lowPoolThreshold,
      ),
    };
  }

  @Mutation(() => UploadCodesPayload, {
    description: "Add codes to a card kind's pool (encrypted at rest); duplicates are reported and skipped.",
  })
  async uploadCodes(
    @Arg('input', () => UploadCodesInput) input: UploadCodesInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UploadCodesPayload> {
    const r = await new CodePoolService(ctx.em, ctx.principal).upload(input.virtualCardKindId, input.codes);
    return { virtualCardKind: r.kind, inserted: r.inserted, duplicates: r.duplicates };
  }

  @Query(() => SkuConnection, { description: 'SKUs at or below their low-stock threshold (suppliers: their own).' })
  lowStockSkus(
    @Args(() => SupplierPageArgs) args: SupplierPageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Sku>> {
    return new StockService(ctx.em, ctx.principal).lowStock(args.supplierId, args.first, args.after);
  }

  @Query(() => VirtualCardKindConnection, { description: 'Virtual card kinds and their pools (suppliers: their own).' })
  virtualCardKinds(
    @Args(() => SupplierPageArgs) args: SupplierPageArgs,
    @Arg('depletingOnly', () => Boolean, { nullable: true, description: 'Only pools at or below their threshold.' })
    depletingOnly: boolean | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<VirtualCardKind>> {
    return new CodePoolService(ctx.em, ctx.principal).kinds(
      args.supplierId,
      Boolean(depletingOnly),
      args.first,
      args.after,
    );
  }

  @Query(() => VirtualCardKind, { description: 'One virtual card kind (suppliers: their own).' })
  virtualCardKind(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<VirtualCardKind> {
    return new CodePoolService(ctx.em, ctx.principal).kind(id);
  }
}

@Resolver(() => VirtualCardKind)
export class VirtualCardKindResolver {
  @FieldResolver(() => CodePoolSummary, { description: 'How many codes are in each state; depleting when low.' })
  async pool(@Root() kind: VirtualCardKind, @Ctx() ctx: SubgraphContext): Promise<CodePoolSummary> {
    const counts = (await catalogLoaders(ctx).poolCounts.load(kind.id))!;
    return { ...counts, depleting: counts.available <= kind.lowPoolThreshold };
  }

  @FieldResolver(() => [Sku], {
    description: 'The card SKUs this kind backs: their codes come from its pool (a few per kind).',
  })
  skus(@Root() kind: VirtualCardKind, @Ctx() ctx: SubgraphContext): Promise<Sku[]> {
    return catalogLoaders(ctx).skusOfCardKind.load(kind.id);
  }

  @FieldResolver(() => CodePoolForecast, {
    description:
      'When the pool runs dry at the rate codes were issued over the last `days` days (1–90, default 7): one index-range count.',
  })
  async forecast(
    @Root() kind: VirtualCardKind,
    @Arg('days', () => Int, { defaultValue: 7 }) days: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CodePoolForecast> {
    if (!Number.isInteger(days) || days < 1 || days > 90) throw badInput('days must be 1–90.');
    const since = new Date(Date.now() - days * 86_400_000);
    const [issued, counts] = await Promise.all([
      ctx.em.count(VirtualCardCode, { kindId: kind.id, issuedAt: { $gte: since } }),
      catalogLoaders(ctx).poolCounts.load(kind.id),
    ]);
    const dailyIssueRate = Math.round((issued / days) * 100) / 100;
    return {
      windowDays: days,
      issued,
      dailyIssueRate,
      daysLeft: issued === 0 ? null : Math.floor(counts!.available / (issued / days)),
    };
  }
}
