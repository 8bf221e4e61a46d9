import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Brand } from './brand';
import { Category } from './category';
import { Supplier } from './supplier';

/** A product (SPU): what the SKUs are variants of. */
@Entity({ tableName: 'product' })
@ObjectType({ description: 'A product (SPU); its SKUs are the purchasable variants.' })
export class Product {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => ID)
  id!: number;

  @ManyToOne(() => Supplier, { ref: true })
  supplier!: Ref<Supplier>;

  @ManyToOne(() => Brand, { ref: true })
  brand!: Ref<Brand>;

  @ManyToOne(() => Category, { ref: true })
  category!: Ref<Category>;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  title!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  description: string = '';

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Image URLs, first is the cover.' })
  images: string[] = [];

  @Property({ type: 'datetime', onCreate: () => new Date() })
  @Field(() => Date)
  createdAt: Date = new Date();
}
