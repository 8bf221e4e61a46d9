import { createHash } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import * as oidc from 'openid-client';
import { badInput, forbidden, notFound, unauthenticated } from '../../../core/errors';
import { PERMISSIONS_BY_KIND, type Permission } from '../../../core/identity';
import { SessionMethod } from '../entities/session';
import { SsoConnection, SsoGroupMapping, SsoIdentity, SsoSignInAttempt } from '../entities/sso-connection';
import { StaffMember, StaffMemberKind, StaffMemberStatus, StaffRole } from '../entities/staff-member';
import { IdentityProviderUnavailable, SsoSecrets, oidcConfiguration, providerUnavailable } from './oidc-client';
import { SessionService, type DeviceInfo, type IssuedTokens } from './session.service';

/** A begun sign-in must come back within this (the person is at their identity provider meanwhile). */
export const SSO_ATTEMPT_TTL_MS = 10 * 60_000;
/** Most groups read from a token: a person in more is still matched against the first this many. */
const MAX_GROUPS = 1000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface BeginSsoSignIn {
  /** The bank, by id or by its code (e.g. "HZBANK"). */
  bank: { id: number } | { code: string };
  redirectUri: string;
  /** Passed to the identity provider so the person need not type their name again. */
  loginHint?: string | null;
}

/**
 * What came back to the redirect URI: the whole callback URL, or its `state` and `code` (and `iss`,
 * which providers that announce it require).
 */
export interface CompleteSsoSignIn {
  callbackUrl?: string | null;
  state?: string | null;
  code?: string | null;
  iss?: string | null;
}

export interface SsoSignedIn extends IssuedTokens {
  member: StaffMember;
}

/**
 * Staff sign-in at their bank's identity provider (OpenID Connect authorization code + PKCE):
 * `begin` keeps state, nonce and the PKCE verifier here and answers the authorization URL;
 * `complete` takes what came back to the redirect URI once, has openid-client exchange the code
 * and validate the ID token, finds or creates the staff member of that bank by (issuer, subject),
 * gives them the role and permissions their current groups map to, and opens an SSO session.
 */
export class SsoSignInService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly secrets = new SsoSecrets(),
  ) {}

  /** Whether the bank with this code has an enabled connection (the sign-in page's SSO button). */
  async available(bankCode: string): Promise<boolean> {
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(bankCode))
      throw badInput('bankCode is 1–40 letters, digits, - or _.', [{ field: 'bankCode', message: 'not a bank code' }]);
    const connection = await this.em.findOne(SsoConnection, { bankCode }, { fields: ['id', 'enabled'] });
    return Boolean(connection?.enabled);
  }

  async begin(input: BeginSsoSignIn): Promise<{ authorizationUrl: string; expiresAt: Date }> {
    const connection = await this.em.findOne(
      SsoConnection,
      'id' in input.bank ? { bankId: input.bank.id } : { bankCode: input.bank.code },
    );
    if (!connection || !connection.enabled)
      throw notFound(
        `Single sign-on for bank ${'id' in input.bank ? input.bank.id : input.bank.code}` +
          ' (sign in with your password, or ask your bank’s administrator to set it up)',
      );
    if (!connection.redirectUris.includes(input.redirectUri))
      throw badInput(
        'redirectUri is not one of the bank’s registered redirect URIs; its administrator can add it to the SSO connection.',
        [{ field: 'redirectUri', message: 'not on the allow-list' }],
      );
    const config = await this.configurationOf(connection);
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const verifier = oidc.randomPKCECodeVerifier();
    const stateHash = sha256(state);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SSO_ATTEMPT_TTL_MS);
    this.em.persist(
      this.em.create(SsoSignInAttempt, {
        ssoConnectionId: connection.id,
        stateHash,
        nonce,
        codeVerifierSealed: this.secrets.sealVerifier(stateHash, verifier),
        redirectUri: input.redirectUri,
        createdAt: now,
        expiresAt,
      }),
    );
    await this.em.flush();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: input.redirectUri,
      scope: connection.scopes.join(' '),
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...(input.loginHint ? { login_hint: input.loginHint } : {}),
    });
    return { authorizationUrl: url.href, expiresAt };
  }

  async complete(input: CompleteSsoSignIn, device: DeviceInfo): Promise<SsoSignedIn> {
    const params = callbackParams(input);
    const state = params.get('state');
    if (!state) throw badInput('state is missing: send the callback URL as it arrived, or its state and code.');
    const attempt = await this.em.findOne(SsoSignInAttempt, { stateHash: sha256(state) });
    const again = 'Start signing in again.';
    if (!attempt) throw unauthenticated(`This sign-in is unknown (wrong state). ${again}`);
    // One use: of two completions of the same state (a replay, a double submit) only one gets here.
    const now = new Date();
    const claimed = await this.em.nativeUpdate(
      SsoSignInAttempt,
      { id: attempt.id, usedAt: null, expiresAt: { $gt: now } },
      { usedAt: now },
    );
    if (claimed !== 1)
      throw unauthenticated(
        `This sign-in was already completed or has expired (${SSO_ATTEMPT_TTL_MS / 60_000} minutes). ${again}`,
      );
    const error = params.get('error');
    if (error)
      throw unauthenticated(
        `Your bank’s identity provider refused the sign-in: ${params.get('error_description') ?? error}. ${again}`,
      );
    const connection = await this.em.findOne(SsoConnection, { id: attempt.ssoConnectionId });
    if (!connection || !connection.enabled) throw notFound('Single sign-on for this bank');
    const config = await this.configurationOf(connection);

    // The callback is rebuilt on the redirect URI this attempt began with: nothing else is trusted.
    const callback = new URL(attempt.redirectUri);
    for (const [k, v] of params) callback.searchParams.set(k, v);
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: this.secrets.openVerifier(attempt.stateHash, attempt.codeVerifierSealed),
        expectedState: state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      claims = { ...idToken };
      // Many providers put groups (and names) only in userinfo when an access token is issued.
      if (claims[connection.groupsClaim] === undefined)
        claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...idToken };
    } catch (e) {
      if (e instanceof TypeError && /fetch failed/.test(e.message))
        throw providerUnavailable(new IdentityProviderUnavailable('Your bank’s identity provider did not answer.'));
      throw unauthenticated(
        `Your bank’s identity provider did not confirm the sign-in (${(e as Error).message}). ${again}`,
      );
    }
    const issuer = String(claims.iss);
    const subject = String(claims.sub);
    const groups = groupsOf(claims[connection.groupsClaim]);
    const grant = await this.grantFor(connection, groups);
    if (!grant)
      throw forbidden(
        `You signed in at your bank’s identity provider as ${displayNameOf(claims)}, but none of your groups gives access to Perkmall` +
          ` (${groups.length ? `your groups: ${groups.slice(0, 10).join(', ')}` : 'no groups were sent'}).` +
          ' Ask your bank’s administrator to add you to a group mapped in the SSO connection.',
      );

    const member = await this.memberFor(connection, issuer, subject, claims, grant, now);
    if (member.status !== StaffMemberStatus.ACTIVE)
      throw forbidden('Your Perkmall account has been disabled by your bank’s administrator.');
    const tokens = await new SessionService(this.em).open(member, { method: SessionMethod.SSO, ...device });
    return { ...tokens, member };
  }

  private async configurationOf(connection: SsoConnection): Promise<oidc.Configuration> {
    const secret = this.secrets.openClientSecret(connection.bankId, connection.clientSecretSealed);
    try {
      return await oidcConfiguration(connection.issuerUrl, connection.clientId, secret);
    } catch (e) {
      if (e instanceof IdentityProviderUnavailable) throw providerUnavailable(e);
      throw e;
    }
  }

  /** The strongest role among the mapped groups the person is in, and every permission they list. */
  private async grantFor(
    connection: SsoConnection,
    groups: string[],
  ): Promise<{ role: StaffRole; permissions: Permission[]; groups: string[] } | null> {
    const mappings = await this.em.find(
      SsoGroupMapping,
      { ssoConnectionId: connection.id },
      { orderBy: { id: 'ASC' } },
    );
    const matched = mappings.filter((m) => groups.includes(m.groupName));
    if (!matched.length) return null;
    const granted = new Set(matched.flatMap((m) => m.permissions));
    return {
      role: matched.some((m) => m.role === StaffRole.BANK_ADMIN) ? StaffRole.BANK_ADMIN : StaffRole.BANK_OPERATOR,
      permissions: PERMISSIONS_BY_KIND.bank.filter((p) => granted.has(p)),
      groups: matched.map((m) => m.groupName),
    };
  }

  /**
   * The member this person is at the bank, created on first sign-in. Only (issuer, subject) links a
   * person to a member, never an e-mail address or a name, so nobody takes over an existing account.
   * Role and permissions follow the current groups on every sign-in.
   */
  private async memberFor(
    connection: SsoConnection,
    issuer: string,
    subject: string,
    claims: Record<string, unknown>,
    grant: { role: StaffRole; permissions: Permission[]; groups: string[] },
    now: Date,
  ): Promise<StaffMember> {
    const subjectKey = sha256(`${issuer}\n${subject}`);
    const identity = await this.em.findOne(SsoIdentity, { ssoConnectionId: connection.id, subjectKey });
    let member = identity ? await this.em.findOne(StaffMember, { id: identity.staffMemberId }) : null;
    if (!member) {
      member = this.em.create(StaffMember, {
        kind: StaffMemberKind.BANK,
        bankId: connection.bankId,
        loginName: await this.freeLoginName(claims, connection.id, subjectKey),
        displayName: displayNameOf(claims).slice(0, 120),
        role: grant.role,
        status: StaffMemberStatus.ACTIVE,
        passwordHash: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.em.persistAndFlush(member);
    }
    member.role = grant.role;
    if (identity) {
      identity.permissions = grant.permissions;
      identity.groups = grant.groups;
      identity.lastSignInAt = now;
    } else {
      this.em.persist(
        this.em.create(SsoIdentity, {
          bankId: connection.bankId,
          ssoConnectionId: connection.id,
          subjectKey,
          issuer: issuer.slice(0, 500),
          subject: subject.slice(0, 255),
          staffMemberId: member.id,
          permissions: grant.permissions,
          groups: grant.groups,
          lastSignInAt: now,
          createdAt: now,
        }),
      );
    }
    await this.em.flush();
    return member;
  }

  /** The person's e-mail or user name as a login name when free, otherwise one made from the subject. */
  private async freeLoginName(claims: Record<string, unknown>, connectionId: number, subjectKey: string) {
    const wanted = [claims.email, claims.preferred_username]
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.trim().toLowerCase())
      .find((v) => /^[a-z0-9._@+-]{3,100}$/.test(v));
    if (wanted && !(await this.em.count(StaffMember, { loginName: wanted }))) return wanted;
    return `sso-${connectionId}-${subjectKey.slice(0, 16)}`;
  }
}

function callbackParams(input: CompleteSsoSignIn): URLSearchParams {
  if (input.callbackUrl) {
    try {
      return new URL(input.callbackUrl).searchParams;
    } catch {
      throw badInput('callbackUrl is not a URL: send the address the identity provider redirected to.', [
        { field: 'callbackUrl', message: 'not an absolute URL' },
      ]);
    }
  }
  const params = new URLSearchParams();
  if (input.state) params.set('state', input.state);
  if (input.code) params.set('code', input.code);
  if (input.iss) params.set('iss', input.iss);
  return params;
}

function groupsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return list.filter((g): g is string => typeof g === 'string').slice(0, MAX_GROUPS);
}

function displayNameOf(claims: Record<string, unknown>): string {
  for (const key of ['name', 'preferred_username', 'email'])
    if (typeof claims[key] === 'string' && claims[key]) return claims[key];
  return String(claims.sub);
}
