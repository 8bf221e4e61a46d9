import { Entity, OptionalProps, Property, Unique } from '@mikro-orm/core';
import { IdKey, CreatedAt } from '../../../core/entity';

/**
 * One bulk-curation operation with a caller-supplied idempotency key: a retry with the same key
 * returns this stored outcome instead of running again. (Without a key a retry is still safe: the
 * listings' (mall, sku) unique index makes the inserts idempotent.)
 */
@Entity({ tableName: 'curation_run' })
@Unique({ properties: ['bankId', 'idempotencyKey'] })
export class CurationRun {
  [OptionalProps]?: 'createdAt';

  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  bankId!: number;

  @Property({ type: 'integer' })
  mallId!: number;

  @Property({ type: 'string', length: 100 })
  idempotencyKey!: string;

  /** Hash of the request, so reusing a key for a different request is a CONFLICT. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  @Property({ type: 'json' })
  result!: Record<string, unknown>;

  @CreatedAt()
  createdAt: Date = new Date();
}
