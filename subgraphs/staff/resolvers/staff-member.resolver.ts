import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { canSee } from '../../../core/tenancy';
import type { SubgraphContext } from '../../../core/subgraph';
import { StaffMember } from '../entities/staff-member';
import { staffLoaders } from '../loaders';
import { staffMemberIdOf } from '../services/access-tokens';
import { BankRef, SupplierRef } from './types';

/** Reference resolvers apply the same visibility as a direct query: another tenant's staff is null. */
export async function resolveStaffMemberRef(id: string, ctx: SubgraphContext): Promise<StaffMember | null> {
  const member = await staffLoaders(ctx).staffMember.load(id);
  return member && (canSee(ctx.principal, member) || staffMemberIdOf(ctx.principal) === member.id) ? member : null;
}

@Resolver(() => StaffMember)
export class StaffMemberResolver {
  @Query(() => StaffMember, {
    nullable: true,
    description:
      'The staff member the access token was issued to by signing in; null for other tokens (partner apps, customers, development tokens).',
  })
  async me(@Ctx() ctx: SubgraphContext): Promise<StaffMember | null> {
    const id = staffMemberIdOf(ctx.principal);
    return id === null ? null : await staffLoaders(ctx).staffMember.load(String(id));
  }

  @FieldResolver(() => BankRef, { nullable: true, description: 'The bank the member works for (bank staff).' })
  bank(@Root() member: StaffMember): BankRef | null {
    return member.bankId != null ? { id: String(member.bankId) } : null;
  }

  @FieldResolver(() => SupplierRef, {
    nullable: true,
    description: 'The supplier the member works for (supplier staff).',
  })
  supplier(@Root() member: StaffMember): SupplierRef | null {
    return member.supplierId != null ? { id: String(member.supplierId) } : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the member signs in with a confirmed TOTP second factor.' })
  totpEnabled(@Root() member: StaffMember): boolean {
    return member.totpConfirmedAt != null;
  }
}
