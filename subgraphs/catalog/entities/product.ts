import { Entity, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Brand } from './brand';
import { Category } from './category';
import { Supplier } from './supplier';
import { IdKey, CreatedAt, UpdatedAt } from '../../../core/entity';

@ObjectType({
  description: 'One named attribute of a product or spec value of a SKU, e.g. 材质 = 不锈钢 or 颜色 = 黑色.',
})
export class NameValue {
  @Field(() => String, { description: 'Attribute name.' })
  name!: string;

  @Field(() => String, { description: 'Attribute value.' })
  value!: string;
}

export function nameValues(record: Record<string, string> | null | undefined): NameValue[] {
  return Object.entries(record ?? {}).map(([name, value]) => ({ name, value }));
}

/** A product (SPU): what the SKUs are variants of. `code` is the supplier's own reference, unique per supplier. */
@Entity({ tableName: 'product' })
@Unique({ name: 'product_supplier_code', properties: ['supplier', 'code'] })
@Index({ name: 'product_supplier_newest', properties: ['supplier', 'id'] })
@ObjectType({ description: 'A product (SPU); its SKUs are the purchasable variants.' })
export class Product {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @ManyToOne(() => Supplier, { ref: true })
  supplier!: Ref<Supplier>;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, {
    description: "The supplier's own product code, unique per supplier (the key of bulk uploads).",
  })
  code!: string;

  @ManyToOne(() => Brand, { ref: true })
  brand!: Ref<Brand>;

  @ManyToOne(() => Category, { ref: true })
  category!: Ref<Category>;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Product title.' })
  title!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Long description shown on the product page.' })
  description: string = '';

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Image URLs, first is the cover.' })
  images: string[] = [];

  @Property({ type: 'json' })
  attributes: Record<string, string> = {};

  @CreatedAt({ field: 'When the product was created.' })
  createdAt: Date = new Date();

  @UpdatedAt({ field: 'When the product last changed.' })
  updatedAt: Date = new Date();
}
