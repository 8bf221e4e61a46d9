/**
 * Staff credentials after sign-up (issue 15, a bank's security review): a member changes their own
 * password; an administrator of the same tenant issues a one-time password reset link, redeemed at
 * the gateway's /auth/staff/reset-password; an administrator resets a lost second factor, and the
 * next sign-in enrols a new one. All through the real gateway routes, with cross-tenant refusals and
 * the audit rows each write leaves.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, bankOperator, platform, supplierAdmin } from '../principals';
import type { Principal } from '../../core/identity';
import { AuditEntry } from '../../subgraphs/staff/entities/audit-entry';
import { StaffPasswordReset } from '../../subgraphs/staff/entities/password-reset';
import { Session } from '../../subgraphs/staff/entities/session';
import { SignInThrottle } from '../../subgraphs/staff/entities/sign-in-throttle';
import { StaffRecoveryCode } from '../../subgraphs/staff/entities/recovery-code';
import { StaffMember } from '../../subgraphs/staff/entities/staff-member';
import { loginKeyOf } from '../../subgraphs/staff/services/sign-in-throttle';
import { passwordMatches } from '../../subgraphs/staff/services/passwords';
import { CREATE, ME, auth, demo, refusedWithin, signIn, totpCode } from './helpers';

const PASSWORD = 'Correct-Horse-42-Battery';
const NEW_PASSWORD = 'Quiet-Lantern-77-River';

const CHANGE =
  'mutation($i: ChangeMyPasswordInput!) { changeMyPassword(input: $i) { endedSessions staffMember { id loginName } } }';
const RESET_PASSWORD = `mutation($i: StaffMemberCredentialInput!) { resetStaffMemberPassword(input: $i) {
  passwordResetUrl passwordReset { id expiresAt usedAt revokedAt issuedBy } staffMember { id loginName } } }`;
const RESET_TOTP =
  'mutation($i: StaffMemberCredentialInput!) { resetStaffMemberTotp(input: $i) { endedSessions staffMember { id totpEnabled } } }';

describe('staff credentials: change, administrator reset link, TOTP reset', () => {
  let sys: TestSystem;
  let resetUrl: string;
  let n = 0;
  /** A fresh member per test (bank 1 operator unless told), so lockouts and sessions never cross tests. */
  const newMember = async (opts: { role?: string; bankId?: number; as?: Principal } = {}) => {
    const bankId = opts.bankId ?? 1;
    const loginName = `cred${++n}.bank${bankId}`;
    const r = await sys.gql(opts.as ?? platform, CREATE, {
      i: {
        role: opts.role ?? 'BANK_OPERATOR',
        bankId: String(bankId),
        loginName,
        displayName: `Cred ${n}`,
        password: PASSWORD,
      },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return { loginName, id: r.data!.createStaffMember.staffMember.id as string };
  };
  const redeem = async (body: Record<string, unknown>) => {
    const r = await fetch(resetUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Record<string, any> };
  };
  const issueReset = async (as: Principal | string, staffMemberId: string) => {
    const r = await sys.gql(as, RESET_PASSWORD, { i: { staffMemberId } });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const url = r.data!.resetStaffMemberPassword.passwordResetUrl as string;
    return { ...r.data!.resetStaffMemberPassword, token: new URL(url).hash.replace(/^#token=/, '') };
  };
  const staffEm = async () => (await sys.orm('staff')).em.fork();
  const auditOf = async (operation: string, targetType: string, targetId: string) =>
    (await staffEm()).find(AuditEntry, { operation, targetType, targetId });
  /** The demo bank-1 admin, signed in with password + TOTP (a real admin session of its own). */
  const signedInBankAdmin = async () => {
    const admin = demo('ljrcb.admin');
    // One sign-in per 30-second step: a code is accepted once, so wait for a fresh one if needed.
    for (let attempt = 0; attempt < 3; attempt++) {
      const a = await auth(sys, 'sign-in', {
        login_name: admin.loginName,
        password: admin.password,
        totp_code: await totpCode(admin.totpSecret!),
      });
      if (a.status === 200) return { token: a.body.access_token as string, id: '2' };
      await new Promise((r) => setTimeout(r, 31_000 - (Date.now() % 30_000)));
    }
    throw new Error('the demo admin could not sign in');
  };

  before(async () => {
    sys = await startTestSystem({
      env: {
        PERKMALL_STAFF_LOCKOUT_AFTER: '3',
        PERKMALL_STAFF_LOCKOUT_SECONDS: '30',
        PERKMALL_STAFF_LOCKOUT_MAX_SECONDS: '60',
      },
    });
    resetUrl = sys.stack.gatewayUrl.replace(/\/graphql$/, '/auth/staff/reset-password');
  });
  after(async () => {
    await sys?.stop();
  });

  it('a member changes their password: the current one is needed, the rules hold, other sessions end and this one stays', async () => {
    const m = await newMember();
    const here = await signIn(sys, m.loginName, PASSWORD, { userAgent: 'laptop' });
    const elsewhere = await signIn(sys, m.loginName, PASSWORD, { userAgent: 'phone' });

    const wrong = await sys.gql(here.accessToken, CHANGE, {
      i: { currentPassword: 'Not-The-Password-1', newPassword: NEW_PASSWORD },
    });
    assert.equal(errorCode(wrong), 'BAD_USER_INPUT');
    assert.equal((wrong.errors![0]!.extensions as any).problems[0].field, 'currentPassword');
    // The wrong guess counts towards the lockout even though the answer is an error.
    const em = await staffEm();
    const throttle = await em.findOne(SignInThrottle, { loginKey: loginKeyOf(m.loginName) });
    assert.equal(throttle?.failures, 1);

    const weak = await sys.gql(here.accessToken, CHANGE, {
      i: { currentPassword: PASSWORD, newPassword: 'short1A!' },
    });
    assert.equal(errorCode(weak), 'BAD_USER_INPUT');
    assert.equal((weak.errors![0]!.extensions as any).problems[0].field, 'newPassword');
    assert.match(weak.errors![0]!.message, /at least 12 characters/);
    const same = await sys.gql(here.accessToken, CHANGE, { i: { currentPassword: PASSWORD, newPassword: PASSWORD } });
    assert.equal(errorCode(same), 'BAD_USER_INPUT');
    assert.match(same.errors![0]!.message, /differ from your current password/);
    const stillOld = await em.fork().findOneOrFail(StaffMember, { id: Number(m.id) });

    const changed = await sys.gql(
      here.accessToken,
      CHANGE,
      { i: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } },
      { requestId: `change-${m.id}` },
    );
    assert.equal(changed.errors, undefined, JSON.stringify(changed.errors));
    assert.deepEqual(changed.data!.changeMyPassword, {
      endedSessions: 1,
      staffMember: { id: m.id, loginName: m.loginName },
    });
    const after = await em.fork().findOneOrFail(StaffMember, { id: Number(m.id) });
    assert.notEqual(after.passwordHash, stillOld.passwordHash);
    assert.ok(after.passwordChangedAt!.getTime() >= stillOld.passwordChangedAt!.getTime());

    // The other device is out (access and refresh token alike); this one keeps working.
    await refusedWithin(sys, elsewhere.accessToken, 3000);
    assert.equal((await auth(sys, 'refresh', { refresh_token: elsewhere.refreshToken })).status, 401);
    const me = await sys.gql(here.accessToken, ME);
    assert.equal(me.data?.me?.id, m.id, JSON.stringify(me));
    const ended = await em.fork().findOneOrFail(Session, { id: Number(elsewhere.sessionId) });
    assert.equal(ended.endReason, 'PASSWORD_CHANGED');

    // Old password refused, new one works.
    assert.equal((await auth(sys, 'sign-in', { login_name: m.loginName, password: PASSWORD })).status, 401);
    await signIn(sys, m.loginName, NEW_PASSWORD);

    // Audited as the member's own write, secrets redacted.
    const rows = await auditOf('changeMyPassword', 'StaffMember', m.id);
    assert.equal(rows.length, 1, JSON.stringify(rows));
    assert.equal(rows[0]!.actorId, `staff:${m.id}`);
    assert.equal(rows[0]!.bankId, 1);
    assert.equal((rows[0]!.changes as any).passwordHash.after, '[redacted]');

    // Only a member signed in with a session may change "their" password.
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), CHANGE, { i: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } })),
      'UNAUTHENTICATED',
    );
  });

  it('wrong current passwords lock the login name like failed sign-ins', async () => {
    const m = await newMember();
    const s = await signIn(sys, m.loginName, PASSWORD);
    for (let i = 0; i < 3; i++) {
      const r = await sys.gql(s.accessToken, CHANGE, {
        i: { currentPassword: `Wrong-Guess-${i}-xyz`, newPassword: NEW_PASSWORD },
      });
      assert.equal(errorCode(r), 'BAD_USER_INPUT');
    }
    // Locked now: even the right password is not checked, here or at sign-in.
    const locked = await sys.gql(s.accessToken, CHANGE, {
      i: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    assert.equal(errorCode(locked), 'FORBIDDEN');
    assert.match(locked.errors![0]!.message, /try again in \d+ s/);
    assert.equal((await auth(sys, 'sign-in', { login_name: m.loginName, password: PASSWORD })).status, 429);
  });

  it('an administrator issues a one-time reset link; redeeming it sets the password, ends every session and clears the lockout', async () => {
    const m = await newMember();
    const s = await signIn(sys, m.loginName, PASSWORD);
    // Locked out by wrong sign-ins (3 allowed here).
    for (let i = 0; i < 3; i++) await auth(sys, 'sign-in', { login_name: m.loginName, password: 'Wrong-Password-99' });
    assert.equal((await auth(sys, 'sign-in', { login_name: m.loginName, password: PASSWORD })).status, 429);

    const first = await issueReset(bankAdmin(1), m.id);
    assert.equal(first.staffMember.loginName, m.loginName);
    assert.equal(first.passwordReset.issuedBy, 'admin-1');
    const expiresIn = Date.parse(first.passwordReset.expiresAt) - Date.now();
    assert.ok(expiresIn > 23 * 3600_000 && expiresIn <= 24 * 3600_000, `24 h: ${expiresIn}`);
    const second = await issueReset(bankAdmin(1), m.id);
    // Only the hash is stored.
    const em = await staffEm();
    const stored = await em.find(StaffPasswordReset, { staffMemberId: Number(m.id) }, { orderBy: { id: 'ASC' } });
    assert.equal(stored.length, 2);
    assert.ok(
      stored.every((r) => r.tokenHash.length === 64 && r.tokenHash !== first.token && r.tokenHash !== second.token),
    );
    assert.ok(stored[0]!.revokedAt, 'a newer link replaces the older one');

    const replaced = await redeem({ token: first.token, password: NEW_PASSWORD });
    assert.equal(replaced.status, 409);
    assert.match(replaced.body.message, /replaced by a newer one/);
    const weak = await redeem({ token: second.token, password: 'password' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error, 'BAD_USER_INPUT');
    assert.equal((await redeem({ token: 'x'.repeat(43), password: NEW_PASSWORD })).status, 404);
    assert.equal((await redeem({ token: second.token })).status, 400);

    const ok = await redeem({ token: second.token, password: NEW_PASSWORD });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual(ok.body, { staffMemberId: m.id, loginName: m.loginName, endedSessions: 1 });
    await refusedWithin(sys, s.accessToken, 3000);
    assert.equal((await em.fork().findOneOrFail(Session, { id: Number(s.sessionId) })).endReason, 'PASSWORD_RESET');
    // The lockout is gone: the new password signs in at once; the old one does not.
    assert.equal((await auth(sys, 'sign-in', { login_name: m.loginName, password: PASSWORD })).status, 401);
    await signIn(sys, m.loginName, NEW_PASSWORD);
    const again = await redeem({ token: second.token, password: 'Another-Fine-Password-5' });
    assert.equal(again.status, 409);
    assert.match(again.body.message, /already been used/);

    // Both halves are in the trail: the administrator's issue and the member's redemption.
    const issued = await em.fork().find(AuditEntry, {
      operation: 'resetStaffMemberPassword',
      targetType: 'StaffPasswordReset',
      targetId: String(stored[1]!.id),
    });
    assert.equal(issued.length, 1);
    assert.equal(issued[0]!.actorId, 'admin-1');
    assert.equal((issued[0]!.changes as any).tokenHash.after, '[redacted]');
    const redeemed = await auditOf('redeemStaffPasswordReset', 'StaffMember', m.id);
    assert.equal(redeemed.length, 1);
    assert.equal(redeemed[0]!.actorId, `staff:${m.id}`);
    assert.equal(redeemed[0]!.bankId, 1);
  });

  it('concurrent redemptions of one link set one password: one succeeds, the others are told it was used', async () => {
    const m = await newMember();
    const link = await issueReset(bankAdmin(1), m.id);
    const passwords = ['Amber-Harbour-2026-1', 'Amber-Harbour-2026-2', 'Amber-Harbour-2026-3', 'Amber-Harbour-2026-4'];
    const results = await Promise.all(passwords.map((password) => redeem({ token: link.token, password })));
    assert.deepEqual(
      results.map((r) => r.status).sort(),
      [200, 409, 409, 409],
      JSON.stringify(results.map((r) => r.body)),
    );
    // Exactly one of the passwords is the member's now (checked against the stored hash, not by
    // signing in: three wrong sign-ins would lock the name here).
    const stored = await (await staffEm()).findOneOrFail(StaffMember, { id: Number(m.id) });
    const matches = await Promise.all(passwords.map((p) => passwordMatches(stored.passwordHash, p)));
    assert.equal(matches.filter(Boolean).length, 1, JSON.stringify(matches));
  });

  it('a reset link past its time, or of a member removed since, is refused and changes nothing', async () => {
    const m = await newMember();
    const link = await issueReset(bankAdmin(1), m.id);
    const em = await staffEm();
    await em.nativeUpdate(
      StaffPasswordReset,
      { id: Number(link.passwordReset.id) },
      { expiresAt: new Date(Date.now() - 1000) },
    );
    const before = await em.fork().findOneOrFail(StaffMember, { id: Number(m.id) });
    const r = await redeem({ token: link.token, password: NEW_PASSWORD });
    assert.equal(r.status, 409);
    assert.match(r.body.message, /expired/);
    const after = await em.fork().findOneOrFail(StaffMember, { id: Number(m.id) });
    assert.equal(after.passwordHash, before.passwordHash);

    const leaver = await newMember();
    const leaverLink = await issueReset(bankAdmin(1), leaver.id);
    const removed = await sys.gql(
      bankAdmin(1),
      'mutation($i: RemoveStaffMemberInput!) { removeStaffMember(input: $i) { staffMember { id } } }',
      { i: { staffMemberId: leaver.id } },
    );
    assert.equal(removed.errors, undefined, JSON.stringify(removed.errors));
    const refused = await redeem({ token: leaverLink.token, password: NEW_PASSWORD });
    assert.equal(refused.status, 409);
    assert.match(refused.body.message, /account was removed/);
    const leaverRow = await em.fork().findOneOrFail(StaffPasswordReset, { id: Number(leaverLink.passwordReset.id) });
    assert.equal(leaverRow.usedAt, null, 'the refused redemption wrote nothing');
  });

  it('resets are for administrators of the same tenant, never for oneself, and never for someone holding more', async () => {
    const m = await newMember();
    const adminOf2 = await newMember({ role: 'BANK_ADMIN', bankId: 2 });
    for (const stranger of [bankAdmin(2), supplierAdmin(1)]) {
      assert.equal(errorCode(await sys.gql(stranger, RESET_PASSWORD, { i: { staffMemberId: m.id } })), 'NOT_FOUND');
      assert.equal(errorCode(await sys.gql(stranger, RESET_TOTP, { i: { staffMemberId: m.id } })), 'NOT_FOUND');
    }
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), RESET_PASSWORD, { i: { staffMemberId: adminOf2.id } })),
      'NOT_FOUND',
    );
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), RESET_PASSWORD, { i: { staffMemberId: '999999' } })),
      'NOT_FOUND',
    );
    // An operator without MANAGE_STAFF is refused, naming it.
    const plain = await sys.gql(bankOperator(1), RESET_PASSWORD, { i: { staffMemberId: m.id } });
    assert.equal(errorCode(plain), 'FORBIDDEN');
    assert.equal(plain.errors![0]!.extensions!.permission, 'MANAGE_STAFF');
    // An operator given MANAGE_STAFF alone cannot take over an admin's account.
    const staffManager: Principal = { ...bankOperator(2), permissions: ['MANAGE_STAFF'] };
    const takeover = await sys.gql(staffManager, RESET_PASSWORD, { i: { staffMemberId: adminOf2.id } });
    assert.equal(errorCode(takeover), 'FORBIDDEN');
    assert.match(takeover.errors![0]!.message, /you do not hold/);
    assert.equal(
      errorCode(await sys.gql(staffManager, RESET_TOTP, { i: { staffMemberId: adminOf2.id } })),
      'FORBIDDEN',
    );

    // A signed-in admin cannot reset their own password or second factor this way.
    const admin = await signedInBankAdmin();
    const own = await sys.gql(admin.token, RESET_PASSWORD, { i: { staffMemberId: admin.id } });
    assert.equal(errorCode(own), 'FORBIDDEN');
    assert.match(own.errors![0]!.message, /changeMyPassword/);
    assert.equal(errorCode(await sys.gql(admin.token, RESET_TOTP, { i: { staffMemberId: admin.id } })), 'FORBIDDEN');
    // …but resets a member of their bank with the same token.
    const link = await issueReset(admin.token, m.id);
    assert.equal(link.passwordReset.issuedBy, 'staff:2');

    // A removed member gets no link; bad ids are BAD_USER_INPUT.
    const gone = await newMember();
    await sys.gql(
      bankAdmin(1),
      'mutation($i: RemoveStaffMemberInput!) { removeStaffMember(input: $i) { staffMember { id } } }',
      {
        i: { staffMemberId: gone.id },
      },
    );
    assert.equal(errorCode(await sys.gql(bankAdmin(1), RESET_PASSWORD, { i: { staffMemberId: gone.id } })), 'CONFLICT');
    assert.equal(
      errorCode(await sys.gql(bankAdmin(1), RESET_PASSWORD, { i: { staffMemberId: 'abc' } })),
      'BAD_USER_INPUT',
    );
    // Nothing was written by the refused calls.
    const em = await staffEm();
    assert.equal(
      await em.count(StaffPasswordReset, { staffMemberId: { $in: [Number(adminOf2.id), Number(gone.id), 2] } }),
      0,
    );
  });

  it('a TOTP reset ends every session; the next sign-in must enrol a new authenticator, for admins and operators alike', async () => {
    // An admin of bank 1 with a confirmed authenticator.
    const adm = await newMember({ role: 'BANK_ADMIN' });
    const enrol = await auth(sys, 'sign-in', { login_name: adm.loginName, password: PASSWORD });
    assert.equal(enrol.status, 403);
    const oldSecret = enrol.body.totp_secret as string;
    const confirmed = await auth(sys, 'totp/confirm', {
      challenge_token: enrol.body.challenge_token,
      totp_code: await totpCode(oldSecret),
    });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal((confirmed.body.recovery_codes as string[]).length, 10);
    const unusedCode = (confirmed.body.recovery_codes as string[])[0]!;

    const reset = await sys.gql(
      bankAdmin(1),
      RESET_TOTP,
      { i: { staffMemberId: adm.id } },
      { requestId: `totp-${adm.id}` },
    );
    assert.equal(reset.errors, undefined, JSON.stringify(reset.errors));
    assert.deepEqual(reset.data!.resetStaffMemberTotp, {
      endedSessions: 1,
      staffMember: { id: adm.id, totpEnabled: false },
    });
    await refusedWithin(sys, confirmed.body.access_token, 3000);
    const em = await staffEm();
    assert.equal((await em.findOneOrFail(Session, { id: Number(confirmed.body.session_id) })).endReason, 'TOTP_RESET');
    // The lost factor's recovery codes went with it.
    assert.equal(await em.count(StaffRecoveryCode, { staffMemberId: Number(adm.id) }), 0);

    // The old authenticator's code no longer signs in: a new one must be enrolled.
    const next = await auth(sys, 'sign-in', {
      login_name: adm.loginName,
      password: PASSWORD,
      totp_code: await totpCode(oldSecret, 1),
    });
    assert.equal(next.status, 403, JSON.stringify(next.body));
    assert.equal(next.body.error, 'totp_enrolment_required');
    assert.notEqual(next.body.totp_secret, oldSecret);
    const reEnrolled = await auth(sys, 'totp/confirm', {
      challenge_token: next.body.challenge_token,
      totp_code: await totpCode(next.body.totp_secret),
    });
    assert.equal(reEnrolled.status, 200, JSON.stringify(reEnrolled.body));
    assert.equal((await sys.gql(reEnrolled.body.access_token, ME)).data!.me.totpEnabled, true);
    assert.equal((reEnrolled.body.recovery_codes as string[]).length, 10);
    const oldCode = await auth(sys, 'sign-in', {
      login_name: adm.loginName,
      password: PASSWORD,
      totp_code: unusedCode,
    });
    assert.equal(oldCode.status, 401, 'a recovery code of the reset factor no longer signs in');

    // An operator (who needs no second factor) must enrol one after a reset too, then keeps using it.
    const op = await newMember();
    await signIn(sys, op.loginName, PASSWORD);
    const opReset = await sys.gql(bankAdmin(1), RESET_TOTP, { i: { staffMemberId: op.id } });
    assert.equal(opReset.errors, undefined, JSON.stringify(opReset.errors));
    const opNext = await auth(sys, 'sign-in', { login_name: op.loginName, password: PASSWORD });
    assert.equal(opNext.status, 403);
    assert.equal(opNext.body.error, 'totp_enrolment_required');
    assert.equal(opNext.body.access_token, undefined);
    const opConfirmed = await auth(sys, 'totp/confirm', {
      challenge_token: opNext.body.challenge_token,
      totp_code: await totpCode(opNext.body.totp_secret),
    });
    assert.equal(opConfirmed.status, 200, JSON.stringify(opConfirmed.body));
    const stored = await em.fork().findOneOrFail(StaffMember, { id: Number(op.id) });
    assert.equal(stored.totpEnrolmentRequired, false);
    const withoutCode = await auth(sys, 'sign-in', { login_name: op.loginName, password: PASSWORD });
    assert.equal(withoutCode.status, 401);
    assert.equal(withoutCode.body.error, 'totp_required');

    const rows = await auditOf('resetStaffMemberTotp', 'StaffMember', adm.id);
    assert.equal(rows.length, 1, JSON.stringify(rows));
    assert.equal(rows[0]!.actorId, 'admin-1');
    assert.equal(rows[0]!.requestId, `totp-${adm.id}`);
    assert.equal((rows[0]!.changes as any).totpSecretSealed.after, '[redacted]');
  });
  it('recovery codes: ten at enrolment, each signs in once in place of a TOTP code, regenerated with the password', async () => {
    const adm = await newMember({ role: 'BANK_ADMIN' });
    const enrol = await auth(sys, 'sign-in', { login_name: adm.loginName, password: PASSWORD });
    assert.equal(enrol.status, 403);
    const confirmed = await auth(sys, 'totp/confirm', {
      challenge_token: enrol.body.challenge_token,
      totp_code: await totpCode(enrol.body.totp_secret),
    });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    const codes = confirmed.body.recovery_codes as string[];
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const c of codes) assert.match(c, /^[0-9a-z]{5}-[0-9a-z]{5}$/);
    // Only hashes are stored.
    const em = await staffEm();
    const stored = await em.find(StaffRecoveryCode, { staffMemberId: Number(adm.id) });
    assert.equal(stored.length, 10);
    assert.ok(stored.every((r) => !codes.some((c) => r.codeHash.includes(c.replace('-', '')))));
    const LEFT = '{ me { recoveryCodesLeft } }';
    assert.equal((await sys.gql(confirmed.body.access_token, LEFT)).data!.me.recoveryCodesLeft, 10);

    // A code signs in once (as typed by hand: upper case, spaces instead of the dash) …
    const byCode = await auth(sys, 'sign-in', {
      login_name: adm.loginName,
      password: PASSWORD,
      totp_code: codes[0]!.toUpperCase().replace('-', ' '),
    });
    assert.equal(byCode.status, 200, JSON.stringify(byCode.body));
    assert.equal(byCode.body.recovery_codes, undefined, 'codes are shown only when issued');
    // … and never again; a made-up code fails like a wrong TOTP code.
    const again = await auth(sys, 'sign-in', { login_name: adm.loginName, password: PASSWORD, totp_code: codes[0]! });
    assert.equal(again.status, 401);
    assert.equal(again.body.error, 'invalid_credentials');
    const madeUp = await auth(sys, 'sign-in', {
      login_name: adm.loginName,
      password: PASSWORD,
      totp_code: 'abcde-fghjk',
    });
    assert.equal(madeUp.status, 401);
    assert.equal((await sys.gql(byCode.body.access_token, LEFT)).data!.me.recoveryCodesLeft, 9);
    // The member's other codes still work.
    const other = await auth(sys, 'sign-in', { login_name: adm.loginName, password: PASSWORD, totp_code: codes[1]! });
    assert.equal(other.status, 200, 'an unused code of the member still works');

    // Regenerating needs the password: a wrong one is refused, changes nothing and counts towards the lockout.
    const REGENERATE =
      'mutation($i: RegenerateMyRecoveryCodesInput!) { regenerateMyRecoveryCodes(input: $i) { recoveryCodes staffMember { id recoveryCodesLeft } } }';
    const wrong = await sys.gql(other.body.access_token, REGENERATE, { i: { currentPassword: 'Not-The-Password-1' } });
    assert.equal(errorCode(wrong), 'BAD_USER_INPUT');
    assert.equal((wrong.errors![0]!.extensions as any).problems[0].field, 'currentPassword');
    assert.equal((await em.fork().findOne(SignInThrottle, { loginKey: loginKeyOf(adm.loginName) }))?.failures, 1);
    assert.equal(await em.fork().count(StaffRecoveryCode, { staffMemberId: Number(adm.id), usedAt: null }), 8);
    const regenerated = await sys.gql(
      other.body.access_token,
      REGENERATE,
      { i: { currentPassword: PASSWORD } },
      { requestId: `regen-${adm.id}` },
    );
    assert.equal(regenerated.errors, undefined, JSON.stringify(regenerated.errors));
    const fresh = regenerated.data!.regenerateMyRecoveryCodes.recoveryCodes as string[];
    assert.equal(fresh.length, 10);
    assert.equal(regenerated.data!.regenerateMyRecoveryCodes.staffMember.recoveryCodesLeft, 10);
    const stale = await auth(sys, 'sign-in', { login_name: adm.loginName, password: PASSWORD, totp_code: codes[2]! });
    assert.equal(stale.status, 401, 'the earlier set stops working');
    const freshSignIn = await auth(sys, 'sign-in', {
      login_name: adm.loginName,
      password: PASSWORD,
      totp_code: fresh[9]!,
    });
    assert.equal(freshSignIn.status, 200, JSON.stringify(freshSignIn.body));
    // Audited as the member's write, with the hashes redacted.
    const audit = await (
      await staffEm()
    ).find(AuditEntry, { requestId: `regen-${adm.id}`, targetType: 'StaffRecoveryCode' });
    assert.ok(audit.length >= 10, JSON.stringify(audit.length));
    assert.ok(audit.every((a) => a.operation === 'regenerateMyRecoveryCodes' && a.actorId === `staff:${adm.id}`));
    assert.ok(
      audit.filter((a) => a.action === 'CREATE').every((a) => (a.changes as any).codeHash.after === '[redacted]'),
    );

    // Without an authenticator there is nothing to recover: CONFLICT.
    const op = await newMember();
    const opSession = await signIn(sys, op.loginName, PASSWORD);
    const none = await sys.gql(opSession.accessToken, REGENERATE, { i: { currentPassword: PASSWORD } });
    assert.equal(errorCode(none), 'CONFLICT');
    assert.equal(await em.fork().count(StaffRecoveryCode, { staffMemberId: Number(op.id) }), 0);
  });
});
