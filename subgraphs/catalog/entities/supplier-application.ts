import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { IdKey, CreatedAt, EnumColumn } from '../../../core/entity';

/**
 * A brand a supplier may sell: products go into every bank's pool at once, so the platform decides
 * which brands each supplier is authorised for (an approved application or brand proposal, or a
 * direct grant). One row per (supplier, brand).
 */
@Entity({ tableName: 'supplier_brand' })
@Unique({ name: 'supplier_brand_pair', properties: ['supplierId', 'brandId'] })
export class SupplierBrand {
  @IdKey()
  id!: number;

  @Property({ type: 'integer' })
  supplierId!: number;

  @Property({ type: 'integer' })
  @Index()
  brandId!: number;

  /** Who granted it (`ROLE:sub`), for the record. */
  @Property({ type: 'string', length: 120 })
  grantedBy!: string;

  @CreatedAt()
  createdAt: Date = new Date();
}

export enum SupplierApplicationStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(SupplierApplicationStatus, {
  name: 'SupplierApplicationStatus',
  description:
    'PENDING until the platform decides; APPROVED created the supplier (or extended it) with its brands; REJECTED carries the reason.',
});

/**
 * A company's application to sell in the pool, with the brands it wants to sell: existing brands
 * by id, new ones by name. A new company's application (no `supplierId`) is recorded by the
 * platform's onboarding desk; an existing supplier's admin applies for more brands for itself.
 * Approval creates the supplier (for a new company), the new brands, and the supplier's brand
 * authorisations, in one transaction. Only the applicant supplier and the platform see it.
 */
@Entity({ tableName: 'supplier_application' })
@Index({ name: 'supplier_application_status', properties: ['status', 'id'] })
@Index({ name: 'supplier_application_supplier', properties: ['supplierId', 'status', 'id'] })
@ObjectType({ description: "A company's application to sell in the pool, with the brands it wants to sell." })
export class SupplierApplication {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  /** The supplier: set when an existing supplier applies, or once a new company's application is approved. */
  @Property({ type: 'integer', nullable: true })
  supplierId?: number | null = null;

  @Property({ type: 'string', length: 40 })
  @Field(() => String, { description: 'The supplier code it asks for (existing suppliers: their own).' })
  supplierCode!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Registered company name.' })
  companyName!: string;

  @Property({ type: 'string', length: 18, nullable: true })
  @Field(() => String, { nullable: true, description: 'Unified social credit code (18 characters).' })
  registrationNumber?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'Contact person.' })
  contactName?: string | null;

  @Property({ type: 'string', length: 254, nullable: true })
  @Field(() => String, { nullable: true, description: 'Contact e-mail.' })
  contactEmail?: string | null;

  @Property({ type: 'string', length: 30, nullable: true })
  @Field(() => String, { nullable: true, description: 'Contact phone.' })
  contactPhone?: string | null;

  /** Existing brands it asks for. */
  @Property({ type: 'json' })
  brandIds: number[] = [];

  /** Brands new to the pool it asks for; approval creates them. */
  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Brands new to the pool it asks to sell (approval creates them).' })
  newBrandNames: string[] = [];

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: "The applicant's note for the reviewer." })
  note?: string | null;

  @EnumColumn(() => SupplierApplicationStatus, { length: 16, field: 'Where the application stands.' })
  status: SupplierApplicationStatus = SupplierApplicationStatus.PENDING;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the platform rejected it (REJECTED only).' })
  rejectionReason?: string | null;

  @Property({ type: 'string', length: 120 })
  submittedBy!: string;

  @Property({ type: 'string', length: 120, nullable: true })
  decidedBy?: string | null;

  @CreatedAt({ field: 'When it was submitted.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the platform decided.' })
  decidedAt?: Date | null;
}
