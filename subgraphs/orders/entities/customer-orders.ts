import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Orders contributes `orders` to the tenants' Customer entity. */
@ObjectType('Customer')
@Directive('@key(fields: "id")')
export class CustomerWithOrders {
  @Field(() => ID)
  id!: string;
}
