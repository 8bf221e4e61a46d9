import { Entity, Index, Property } from '@mikro-orm/core';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { IdKey, CreatedAt, EnumColumn } from '../../../core/entity';

@Entity({ tableName: 'brand' })
@ObjectType({ description: 'A brand; many suppliers may sell the same brand.' })
@Directive('@key(fields: "id")')
export class Brand {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  @Property({ type: 'string', length: 200, unique: true })
  @Field(() => String, { description: 'Brand name as shown to customers.' })
  name!: string;

  @CreatedAt({ field: 'When it was created.' })
  createdAt: Date = new Date();
}

export enum BrandProposalStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(BrandProposalStatus, {
  name: 'BrandProposalStatus',
  description: 'PENDING until the platform decides; APPROVED created the brand; REJECTED carries the reason.',
});

/**
 * A supplier's request for a new brand. It is not a brand: nobody (its proposer included) can put a
 * product under it until the platform approves, which creates the `Brand` — products go straight
 * into every bank's pool, and there is no draft state that could hold them back if it were refused.
 * Only its proposer and the platform see it.
 */
@Entity({ tableName: 'brand_proposal' })
@Index({ name: 'brand_proposal_status', properties: ['status', 'id'] })
@Index({ name: 'brand_proposal_supplier', properties: ['supplierId', 'status', 'id'] })
@ObjectType({ description: "A supplier's proposal of a new brand, for the platform to approve or reject." })
export class BrandProposal {
  @IdKey({ field: 'Unique id.' })
  id!: number;

  /** The proposing supplier. */
  @Property({ type: 'integer' })
  supplierId!: number;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'The brand name proposed.' })
  name!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "The supplier's note for the reviewer (e.g. proof of authorisation).",
  })
  note?: string | null;

  @EnumColumn(() => BrandProposalStatus, { length: 16, field: 'Where the proposal stands.' })
  status: BrandProposalStatus = BrandProposalStatus.PENDING;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the platform rejected it (REJECTED only).' })
  rejectionReason?: string | null;

  /** The brand its approval created. */
  @Property({ type: 'integer', nullable: true })
  brandId?: number | null;

  @Property({ type: 'string', length: 120 })
  proposedBy!: string;

  @Property({ type: 'string', length: 120, nullable: true })
  decidedBy?: string | null;

  @CreatedAt({ field: 'When it was proposed.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the platform decided.' })
  decidedAt?: Date | null;
}
