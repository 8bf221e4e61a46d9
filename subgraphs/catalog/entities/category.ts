import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { IdKey } from '../../../core/entity';

/**
 * A node in the category tree. `path` is the materialised list of ancestor ids ("/1/7/42/") so
 * "this category and its descendants" is one indexed prefix match, at any depth.
 */
@Entity({ tableName: 'category' })
@ObjectType({ description: 'A category in the shared tree (e.g. Electronics › Audio › Headphones).' })
export class Category {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'string', length: 120 })
  @Field(() => String, { description: 'Name, e.g. 耳机音箱.' })
  name!: string;

  @ManyToOne(() => Category, { nullable: true, ref: true })
  parent?: Ref<Category> | null;

  @Property({ type: 'string', length: 255 })
  @Index()
  @Field(() => String, { description: 'Ancestor path, e.g. "/1/7/42/".' })
  path!: string;

  /**
   * Days after delivery within which goods of this category may be returned (0: no returns, e.g.
   * opened cards); null: the platform default (`PERKMALL_DEFAULT_RETURN_DAYS`, 7). Copied onto each
   * order line at checkout, so a later change applies to later orders only.
   */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: 'Days after delivery within which its goods may be returned (0: none; null: the platform default).',
  })
  returnDays?: number | null = null;
}
