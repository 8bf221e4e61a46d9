import {
  CLIENT_AUDIENCE,
  ISSUER,
  loadKeyPair,
  signToken,
  type Permission,
  type Principal,
} from '../../../core/identity';
import type { StaffMember } from '../entities/staff-member';

/** Access tokens are short-lived: a disabled member or an ended session stops at the gateway at once, and here within this. */
export const ACCESS_TOKEN_TTL_SECONDS = 10 * 60;

/** The subject of a staff member's tokens (`staff:<id>`), and back. */
export const staffSubject = (memberId: number) => `staff:${memberId}`;
export function staffMemberIdOf(principal: Principal | undefined): number | null {
  const m = /^staff:(\d+)$/.exec(principal?.sub ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * What a staff member's access token asserts: role, tenant, permissions and session. `permissions`
 * come from `permissionsForMember` (services/permission-groups.service.ts): the member's groups.
 */
export function staffPrincipal(member: StaffMember, sessionId: number, permissions: readonly Permission[]): Principal {
  const principal: Principal = {
    role: member.role,
    sub: staffSubject(member.id),
    ...(member.bankId != null ? { bankId: String(member.bankId) } : {}),
    ...(member.supplierId != null ? { supplierId: String(member.supplierId) } : {}),
    sessionId: String(sessionId),
    permissions: [...permissions],
  };
  return principal;
}

let authKey: ReturnType<typeof loadKeyPair> | undefined;

/** Signed with the `auth` key, as the gateway expects of every client access token. */
export async function signAccessToken(principal: Principal): Promise<string> {
  authKey ??= loadKeyPair('auth', { needPrivate: true });
  return signToken(principal, {
    key: authKey.privateKey!,
    issuer: ISSUER.auth,
    audience: CLIENT_AUDIENCE,
    ttlSeconds: ACCESS_TOKEN_TTL_SECONDS,
  });
}
