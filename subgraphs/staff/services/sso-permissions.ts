import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Permission } from '../../../core/identity';
import { SsoIdentity } from '../entities/sso-connection';

/**
 * The permissions the bank's identity-provider groups granted a member at their last SSO sign-in
 * (their SSO sessions' tokens carry these, refreshes included); null if they never signed in by SSO.
 */
export async function ssoPermissionsOf(em: SqlEntityManager, staffMemberId: number): Promise<Permission[] | null> {
  const identity = await em.findOne(SsoIdentity, { staffMemberId }, { fields: ['permissions'] });
  return identity ? identity.permissions : null;
}
