import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** A bank's machine credential. Only a scrypt hash of the secret is stored. */
@Entity({ tableName: 'partner_app' })
export class PartnerApp {
  @PrimaryKey({ type: 'integer', autoincrement: true })
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

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();
}
