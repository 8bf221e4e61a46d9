import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { badInput } from '../../../core/errors';
import type { SubgraphContext } from '../../../core/subgraph';
import { StaffMember, StaffRole } from '../entities/staff-member';
import { StaffMemberService } from '../services/staff-member.service';

const positiveId = (field: string, value: string | null | undefined): number | null => {
  if (value === null || value === undefined) return null;
  if (!/^[1-9]\d{0,9}$/.test(value))
    throw badInput(`${field} must be a positive whole number.`, [{ field, message: 'not an id' }]);
  return Number(value);
};

@InputType({ description: 'A new staff member with an initial password.' })
export class CreateStaffMemberInput {
  @Field(() => StaffRole, {
    description: 'The role; it decides whether the member works for the platform, a bank or a supplier.',
  })
  role!: StaffRole;

  @Field(() => ID, {
    nullable: true,
    description: 'The bank (bank roles): bank admins may omit it (their own); the platform must give it.',
  })
  bankId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The supplier (supplier roles): supplier admins may omit it (their own); the platform must give it.',
  })
  supplierId?: string | null;

  @Field(() => String, {
    description: 'The name to sign in with: 3–100 of a-z 0-9 . _ @ - (stored in lower case, unique).',
  })
  loginName!: string;

  @Field(() => String, { description: 'How colleagues see the member.' })
  displayName!: string;

  @Field(() => String, {
    description:
      'Initial password: at least 12 characters, three of lower case, upper case, digits and symbols, not containing the login name, not a common password.',
  })
  password!: string;
}

@ObjectType({ description: 'The new staff member.' })
export class CreateStaffMemberPayload {
  @Field(() => StaffMember, { description: 'The member; admins enrol TOTP at their first sign-in.' })
  staffMember!: StaffMember;
}

@Resolver()
export class StaffAdminResolver {
  @Mutation(() => CreateStaffMemberPayload, {
    description:
      'Create a staff member of your bank or supplier (administrators with MANAGE_STAFF; the platform for anyone).',
  })
  async createStaffMember(
    @Arg('input', () => CreateStaffMemberInput) input: CreateStaffMemberInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateStaffMemberPayload> {
    const staffMember = await new StaffMemberService(ctx.em, ctx.principal).create({
      ...input,
      bankId: positiveId('bankId', input.bankId),
      supplierId: positiveId('supplierId', input.supplierId),
    });
    return { staffMember };
  }
}
