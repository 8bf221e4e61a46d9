import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "A customer's points on both tracks." })
export class CustomerPoints {
  @Field(() => Int, { description: 'Redeemable points (产品积分) available to spend.' })
  redeemable!: number;

  @Field(() => Int, { description: 'Points held by checkouts awaiting payment.' })
  held!: number;

  @Field(() => Int, { description: 'Tier points (定级积分); they decide the tier and are never spent.' })
  tierPoints!: number;
}

/** Loyalty contributes `points` to the tenants' Customer entity. */
@ObjectType('Customer')
@Directive('@key(fields: "id")')
export class CustomerWithPoints {
  @Field(() => ID)
  id!: string;
}
