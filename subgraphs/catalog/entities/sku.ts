import { Entity, Index, ManyToOne, Property, Unique, type Ref, BigIntType } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Product } from './product';
import { GraphQLSafeInt } from 'graphql-scalars';
import { IdKey, CreatedAt, UpdatedAt, EnumColumn } from '../../../core/entity';
import { AccountRule, DeliveryMode } from '../../../core/perk-delivery';

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

export { AccountRule, API_DELIVERY_MODES, DeliveryMode } from '../../../core/perk-delivery';

/**
 * A purchasable variant. Supplier, brand, category path and title are copied from the product so
 * pool search filters and sorts on one table with composite indexes (2M rows, no joins).
 */
@Entity({ tableName: 'sku' })
@Unique({ name: 'sku_supplier_code', properties: ['supplierId', 'code'] })
@Index({ name: 'sku_newest', properties: ['createdAt', 'id'] })
@Index({ name: 'sku_price', properties: ['supplierPriceFen', 'id'] })
@Index({ name: 'sku_title', properties: ['title', 'id'] })
@Index({ name: 'sku_brand_newest', properties: ['brandId', 'createdAt', 'id'] })
@Index({ name: 'sku_supplier_newest', properties: ['supplierId', 'createdAt', 'id'] })
@Index({ name: 'sku_category_path', properties: ['categoryPath', 'id'] })
@Index({ name: 'sku_kind_newest', properties: ['kind', 'createdAt', 'id'] })
@ObjectType({ description: 'A purchasable variant of a product, in the shared pool.' })
@Directive('@key(fields: "id")')
export class Sku {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @ManyToOne(() => Product, { ref: true })
  product!: Ref<Product>;

  // Leading column of sku_supplier_code, so "a supplier's SKUs" needs no index of its own.
  @Property({ type: 'integer' })
  supplierId!: number;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: "The supplier's own SKU code, unique per supplier (the key of bulk uploads)." })
  code!: string;

  @Property({ type: 'integer' })
  brandId!: number;

  @Property({ type: 'integer' })
  categoryId!: number;

  @Property({ type: 'string', length: 255 })
  categoryPath!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Product title plus the spec values.' })
  title!: string;

  @EnumColumn(() => SkuKind, { length: 16, field: 'Physical or virtual.' })
  kind: SkuKind = SkuKind.PHYSICAL;

  /** For VIRTUAL SKUs: the card kind whose code pool supplies the codes. */
  @Property({ type: 'integer', nullable: true })
  @Index()
  virtualCardKindId?: number | null;

  @EnumColumn(() => DeliveryMode, {
    length: 16,
    nullable: true,
    field: 'How a virtual SKU is delivered (null for physical goods).',
  })
  deliveryMode?: DeliveryMode | null = null;

  @EnumColumn(() => AccountRule, {
    length: 16,
    nullable: true,
    field: 'DIRECT_TOPUP: what the customer enters as the account to credit (null otherwise).',
  })
  accountRule?: AccountRule | null = null;

  /** DIRECT_TOPUP / PARTNER_ISSUED: the partner's product code, sent with each issue request. */
  @Property({ type: 'string', length: 64, nullable: true })
  partnerProductCode?: string | null = null;

  @Property({ type: 'json' })
  specs: Record<string, string> = {};

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: 'EAN/UPC barcode.' })
  barcode?: string | null;

  /** What a bank pays the supplier per unit, in fen. Never shown to customers. */
  @Property({ type: new BigIntType('number') })
  supplierPriceFen!: number;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'Suggested retail price in fen.' })
  listPriceFen!: number;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Shipping weight in grams (0 for virtual cards).' })
  weightGrams: number = 0;

  @EnumColumn(() => SkuStatus, { length: 16, field: 'ACTIVE SKUs can be sold; INACTIVE ones cannot be reserved.' })
  status: SkuStatus = SkuStatus.ACTIVE;

  @CreatedAt({ field: 'When the SKU entered the pool.' })
  createdAt: Date = new Date();

  @UpdatedAt({ field: 'When the SKU last changed.' })
  updatedAt: Date = new Date();
}
