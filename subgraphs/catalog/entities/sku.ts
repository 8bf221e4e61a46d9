import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Product } from './product';

export enum SkuStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
}
registerEnumType(SkuStatus, { name: 'SkuStatus', description: 'Whether banks may sell the SKU.' });

export enum SkuKind {
  PHYSICAL = 'PHYSICAL',
  VIRTUAL = 'VIRTUAL',
}
registerEnumType(SkuKind, { name: 'SkuKind', description: 'Physical goods ship; virtual cards are issued as codes.' });

/**
 * A purchasable variant. Supplier, brand, category path and title are copied from the product so
 * pool search filters and sorts on one table with composite indexes (2M rows, no joins).
 */
@Entity({ tableName: 'sku' })
@Index({ name: 'sku_newest', properties: ['createdAt', 'id'] })
@Index({ name: 'sku_price', properties: ['supplierPriceFen', 'id'] })
@Index({ name: 'sku_title', properties: ['title', 'id'] })
@Index({ name: 'sku_brand_newest', properties: ['brandId', 'createdAt', 'id'] })
@Index({ name: 'sku_supplier_newest', properties: ['supplierId', 'createdAt', 'id'] })
@Index({ name: 'sku_category_path', properties: ['categoryPath', 'id'] })
@ObjectType({ description: 'A purchasable variant of a product, in the shared pool.' })
@Directive('@key(fields: "id")')
export class Sku {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => ID)
  id!: number;

  @ManyToOne(() => Product, { ref: true })
  product!: Ref<Product>;

  @Property({ type: 'integer' })
  supplierId!: number;

  @Property({ type: 'integer' })
  brandId!: number;

  @Property({ type: 'integer' })
  categoryId!: number;

  @Property({ type: 'string', length: 255 })
  categoryPath!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Product title plus the spec values.' })
  title!: string;

  @Enum({ items: () => SkuKind, type: 'string', length: 16 })
  @Field(() => SkuKind)
  kind: SkuKind = SkuKind.PHYSICAL;

  @Property({ type: 'json' })
  specs: Record<string, string> = {};

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: 'EAN/UPC barcode.' })
  barcode?: string | null;

  /** What a bank pays the supplier per unit, in fen. Never shown to customers. */
  @Property({ type: 'integer' })
  supplierPriceFen!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Suggested retail price in fen.' })
  listPriceFen!: number;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Shipping weight in grams (0 for virtual cards).' })
  weightGrams: number = 0;

  @Enum({ items: () => SkuStatus, type: 'string', length: 16 })
  @Field(() => SkuStatus)
  status: SkuStatus = SkuStatus.ACTIVE;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  @Field(() => Date)
  createdAt: Date = new Date();
}
