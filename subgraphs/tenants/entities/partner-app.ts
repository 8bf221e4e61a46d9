import { Entity, Index, Property } from '@mikro-orm/core';
import { IdKey, CreatedAt } from '../../../core/entity';

/** A bank's machine credential. Only a scrypt hash of the secret is stored. */
@Entity({ tableName: 'partner_app' })
export class PartnerApp {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  bankId!: number;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 64, unique: true })
  clientId!: string;

  @Property({ type: 'string', length: 255 })
  secretHash!: string;

  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  /**
   * May run only the published operations (the persisted-operation safelist). Null follows the
   * deployment's default: on in production (PERKMALL_PARTNER_SAFELIST_DEFAULT overrides).
   */
  @Property({ type: 'boolean', nullable: true })
  safelistOnly?: boolean | null = null;

  @CreatedAt()
  createdAt: Date = new Date();
}
