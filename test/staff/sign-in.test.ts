import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, bankOperator, platform } from '../principals';
import { Session } from '../../subgraphs/staff/entities/session';
import { StaffMember } from '../../subgraphs/staff/entities/staff-member';
import { CREATE, DISABLE, ME, auth, demo, refusedWithin, signIn, totpCode } from './helpers';

const PASSWORD = 'Correct-Horse-42-Battery';

describe('staff sign-in: password + TOTP, lockout, rotating refresh tokens, sessions', () => {
  let sys: TestSystem;
  /** A fresh bank-1 operator per test, so lockouts and sessions of one test never touch another. */
  let n = 0;
  const newOperator = async (bankId = 1) => {
    const loginName = `operator${++n}.bank${bankId}`;
    const r = await sys.gql(bankAdmin(bankId), CREATE, {
      i: { role: 'BANK_OPERATOR', loginName, displayName: `Operator ${n}`, password: PASSWORD },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return { loginName, id: r.data!.createStaffMember.staffMember.id as string };
  };

  before(async () => {
    sys = await startTestSystem({
      env: {
        PERKMALL_STAFF_LOCKOUT_AFTER: '3',
        PERKMALL_STAFF_LOCKOUT_SECONDS: '1',
        PERKMALL_STAFF_LOCKOUT_MAX_SECONDS: '8',
      },
    });
  });
  after(async () => {
    await sys?.stop();
  });

  it('an admin signs in with password and TOTP; without the code, with a wrong one or a replayed one it is refused', async () => {
    const admin = demo('ljrcb.admin');
    const noCode = await auth(sys, 'sign-in', { login_name: admin.loginName, password: admin.password });
    assert.equal(noCode.status, 401);
    assert.equal(noCode.body.error, 'totp_required');
    assert.equal(noCode.body.access_token, undefined);

    const right = await totpCode(admin.totpSecret!);
    const wrong = right === '000000' ? '111111' : '000000';
    const bad = await auth(sys, 'sign-in', { login_name: admin.loginName, password: admin.password, totp_code: wrong });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error, 'invalid_credentials');

    const ok = await auth(sys, 'sign-in', { login_name: 'LJRCB.Admin ', password: admin.password, totp_code: right });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.token_type, 'Bearer');
    assert.equal(ok.body.expires_in, 600);
    assert.equal(ok.headers.get('cache-control'), 'no-store');
    const me = await sys.gql(ok.body.access_token, ME);
    assert.equal(me.errors, undefined, JSON.stringify(me.errors));
    assert.deepEqual(me.data!.me, {
      id: '2',
      loginName: 'ljrcb.admin',
      displayName: admin.displayName,
      role: 'BANK_ADMIN',
      kind: 'BANK',
      status: 'ACTIVE',
      totpEnabled: true,
      bank: { id: '1' },
      supplier: null,
    });
    // The token works in the other subgraphs like any BANK_ADMIN token: it carries role, bank and permissions.
    const claims = JSON.parse(Buffer.from(ok.body.access_token.split('.')[1], 'base64url').toString());
    assert.equal(claims.role, 'BANK_ADMIN');
    assert.equal(claims.bankId, '1');
    assert.equal(claims.sessionId, ok.body.session_id);
    assert.ok(claims.permissions.includes('MANAGE_STAFF'));
    assert.equal(claims.exp - claims.iat, 600);
    const mall = await sys.gql(ok.body.access_token, '{ mall(id: 1) { name } }');
    assert.equal(mall.errors, undefined, JSON.stringify(mall.errors));

    const replay = await auth(sys, 'sign-in', {
      login_name: admin.loginName,
      password: admin.password,
      totp_code: right,
    });
    assert.equal(replay.status, 401, 'a code is accepted once');
    assert.equal(replay.body.error, 'invalid_credentials');

    const stored = await (await sys.orm('staff')).em.fork().findOneOrFail(StaffMember, { id: 2 });
    assert.match(stored.passwordHash!, /^\$argon2id\$/);
    assert.ok(stored.totpSecretSealed!.startsWith('v1.') && !stored.totpSecretSealed!.includes(admin.totpSecret!));
  });

  it('an admin without a second factor can only enrol: the secret is shown once, a code confirms it, then TOTP is required', async () => {
    const created = await sys.gql(platform, CREATE, {
      i: { role: 'BANK_ADMIN', bankId: '2', loginName: 'qhcb.newadmin', displayName: '新管理员', password: PASSWORD },
    });
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    assert.equal(created.data!.createStaffMember.staffMember.totpEnabled, false);

    const first = await auth(sys, 'sign-in', { login_name: 'qhcb.newadmin', password: PASSWORD });
    assert.equal(first.status, 403);
    assert.equal(first.body.error, 'totp_enrolment_required');
    assert.equal(first.body.access_token, undefined, 'no tokens before the second factor');
    assert.match(first.body.otpauth_uri, /^otpauth:\/\/totp\/Perkmall:qhcb\.newadmin\?/);
    const secret = first.body.totp_secret as string;

    const wrongCode = (await totpCode(secret)) === '000000' ? '111111' : '000000';
    const wrong = await auth(sys, 'totp/confirm', {
      challenge_token: first.body.challenge_token,
      totp_code: wrongCode,
    });
    assert.equal(wrong.status, 401);
    const confirmed = await auth(sys, 'totp/confirm', {
      challenge_token: first.body.challenge_token,
      totp_code: await totpCode(secret),
    });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    const me = await sys.gql(confirmed.body.access_token, ME);
    assert.equal(me.data!.me.totpEnabled, true);
    const again = await auth(sys, 'totp/confirm', {
      challenge_token: first.body.challenge_token,
      totp_code: await totpCode(secret, 1),
    });
    assert.equal(again.status, 401, 'a challenge is used once');

    const later = await auth(sys, 'sign-in', { login_name: 'qhcb.newadmin', password: PASSWORD });
    assert.equal(later.body.error, 'totp_required');
    const withCode = await auth(sys, 'sign-in', {
      login_name: 'qhcb.newadmin',
      password: PASSWORD,
      totp_code: await totpCode(secret, 1),
    });
    assert.equal(withCode.status, 200, JSON.stringify(withCode.body));
  });

  it('refuses weak passwords with BAD_USER_INPUT naming each rule', async () => {
    const attempt = (loginName: string, password: string) =>
      sys.gql(bankAdmin(1), CREATE, { i: { role: 'BANK_OPERATOR', loginName, displayName: 'X', password } });
    const cases: [string, RegExp][] = [
      ['Sh0rt!pass', /at least 12 characters/],
      ['alllowercaseletters', /at least three of: lower-case letters, upper-case letters, digits, symbols/],
      ['Zhang.Wei-2026!x', /must not contain the login name/],
      ['Password123!', /most common passwords/],
    ];
    for (const [password, message] of cases) {
      const r = await attempt('zhang.wei', password);
      assert.equal(errorCode(r), 'BAD_USER_INPUT', password);
      assert.match(r.errors![0]!.message, message);
      assert.equal((r.errors![0]!.extensions!.problems as { field: string }[])[0]!.field, 'password');
    }
    const rows = await (await sys.orm('staff')).em.fork().count(StaffMember, { loginName: 'zhang.wei' });
    assert.equal(rows, 0, 'nothing written');
    const operator = await sys.gql(bankOperator(1), CREATE, {
      i: { role: 'BANK_OPERATOR', loginName: 'x.y.z', displayName: 'X', password: PASSWORD },
    });
    assert.equal(errorCode(operator), 'FORBIDDEN', 'operators lack MANAGE_STAFF');
    const foreign = await sys.gql(bankAdmin(1), CREATE, {
      i: { role: 'BANK_OPERATOR', bankId: '2', loginName: 'x.y.z', displayName: 'X', password: PASSWORD },
    });
    assert.equal(errorCode(foreign), 'NOT_FOUND', 'another bank');
  });

  it('locks a login name after 3 failures with a growing delay, and answers unknown names the same way', async () => {
    const { loginName } = await newOperator();
    const fail = () => auth(sys, 'sign-in', { login_name: loginName, password: 'Wrong-password-123' });
    assert.equal((await fail()).status, 401);
    assert.equal((await fail()).status, 401);
    const third = await fail();
    assert.equal(third.body.error, 'invalid_credentials');
    assert.equal(third.body.retry_after, 1);
    const locked = await auth(sys, 'sign-in', { login_name: loginName, password: PASSWORD });
    assert.equal(locked.status, 429, 'even the right password waits');
    assert.equal(locked.body.error, 'locked');
    // Locks end on a whole second (DATETIME), never before the time announced.
    const waitOut = async (a: { headers: Headers }) => {
      const seconds = Number(a.headers.get('retry-after'));
      assert.ok(seconds >= 1 && seconds <= 8, `retry-after ${seconds}`);
      await new Promise((r) => setTimeout(r, seconds * 1000 + 100));
    };
    await waitOut(locked);

    const fourth = await fail();
    assert.equal(fourth.body.retry_after, 2, 'the next lock is twice as long');
    const stillLocked = await auth(sys, 'sign-in', { login_name: loginName, password: PASSWORD });
    assert.equal(stillLocked.status, 429);
    assert.ok(Number(stillLocked.headers.get('retry-after')) >= 2);
    await waitOut(stillLocked);
    const ok = await auth(sys, 'sign-in', { login_name: loginName, password: PASSWORD });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal((await fail()).body.retry_after, undefined, 'success forgets the failures');

    // A name nobody has: the same answers, in the same order.
    const ghost = () => auth(sys, 'sign-in', { login_name: 'nobody.here', password: 'Wrong-password-123' });
    const answers = [await ghost(), await ghost(), await ghost(), await ghost()];
    assert.deepEqual(
      answers.map((a) => [a.status, a.body.error, a.status === 429 ? 'locked' : a.body.retry_after]),
      [
        [401, 'invalid_credentials', undefined],
        [401, 'invalid_credentials', undefined],
        [401, 'invalid_credentials', 1],
        [429, 'locked', 'locked'],
      ],
    );
  });

  it('rotates refresh tokens; reusing a rotated one ends the session and every token of it', async () => {
    const { loginName } = await newOperator();
    const first = await signIn(sys, loginName, PASSWORD);
    const second = await auth(sys, 'refresh', { refresh_token: first.refreshToken });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.notEqual(second.body.refresh_token, first.refreshToken);
    assert.equal(second.body.session_id, first.sessionId, 'same session');
    assert.equal((await sys.gql(second.body.access_token, ME)).data!.me.loginName, loginName);

    const reused = await auth(sys, 'refresh', { refresh_token: first.refreshToken });
    assert.equal(reused.status, 401);
    assert.equal(reused.body.error, 'invalid_grant');
    const afterReuse = await auth(sys, 'refresh', { refresh_token: second.body.refresh_token });
    assert.equal(afterReuse.status, 401, 'the newest refresh token died with the session');
    const ms = await refusedWithin(sys, second.body.access_token, 1500);
    assert.ok(ms <= 1500);
    const session = await (await sys.orm('staff')).em.fork().findOneOrFail(Session, { id: Number(first.sessionId) });
    assert.equal(session.endReason, 'REFRESH_TOKEN_REUSED');
    assert.equal((await auth(sys, 'refresh', { refresh_token: 'x'.repeat(43) })).status, 401);
  });

  it('two concurrent uses of one refresh token: at most one gets tokens, and the session ends', async () => {
    const { loginName } = await newOperator();
    const s = await signIn(sys, loginName, PASSWORD);
    const both = await Promise.all([
      auth(sys, 'refresh', { refresh_token: s.refreshToken }),
      auth(sys, 'refresh', { refresh_token: s.refreshToken }),
    ]);
    assert.ok(both.filter((a) => a.status === 200).length <= 1, JSON.stringify(both.map((a) => a.body)));
    assert.ok(both.some((a) => a.status === 401));
    const session = await (await sys.orm('staff')).em.fork().findOneOrFail(Session, { id: Number(s.sessionId) });
    assert.equal(session.endReason, 'REFRESH_TOKEN_REUSED');
    for (const a of both.filter((x) => x.status === 200))
      assert.equal((await auth(sys, 'refresh', { refresh_token: a.body.refresh_token })).status, 401);
  });

  it('lists my sessions with device, address and times; sign-out ends one, sign-out everywhere ends all', async () => {
    const { loginName } = await newOperator();
    const phone = await signIn(sys, loginName, PASSWORD, { userAgent: 'PerkmallConsole/1.0 (iPhone)' });
    const laptop = await signIn(sys, loginName, PASSWORD, { userAgent: 'Mozilla/5.0 (Macintosh)' });
    const desk = await signIn(sys, loginName, PASSWORD, { userAgent: 'Mozilla/5.0 (Windows NT 10.0)' });
    const list = await sys.gql(
      laptop.accessToken,
      '{ mySessions(first: 10) { edges { node { id method userAgent ipAddress createdAt lastUsedAt current } } } }',
    );
    assert.equal(list.errors, undefined, JSON.stringify(list.errors));
    const nodes = list.data!.mySessions.edges.map((e: any) => e.node);
    assert.deepEqual(
      nodes.map((s: any) => [s.id, s.userAgent, s.current, s.method]),
      [
        [desk.sessionId, 'Mozilla/5.0 (Windows NT 10.0)', false, 'PASSWORD'],
        [laptop.sessionId, 'Mozilla/5.0 (Macintosh)', true, 'PASSWORD'],
        [phone.sessionId, 'PerkmallConsole/1.0 (iPhone)', false, 'PASSWORD'],
      ],
    );
    assert.ok(nodes.every((s: any) => s.ipAddress && s.createdAt && s.lastUsedAt));

    const out = await sys.gql(desk.accessToken, 'mutation { signOut { endedSessions } }');
    assert.equal(out.errors, undefined, JSON.stringify(out.errors));
    await refusedWithin(sys, desk.accessToken, 1500);
    assert.equal((await auth(sys, 'refresh', { refresh_token: desk.refreshToken })).status, 401);

    // Someone else's session is NOT_FOUND, even to a colleague of the same bank.
    const colleague = await newOperator();
    const theirs = await signIn(sys, colleague.loginName, PASSWORD);
    const END = 'mutation($i: EndStaffSessionInput!) { endStaffSession(input: $i) { session { id endedAt } } }';
    const foreign = await sys.gql(theirs.accessToken, END, { i: { staffSessionId: phone.sessionId } });
    assert.equal(errorCode(foreign), 'NOT_FOUND');
    const ended = await sys.gql(phone.accessToken, END, { i: { staffSessionId: theirs.sessionId } });
    assert.equal(errorCode(ended), 'NOT_FOUND');
    assert.equal((await sys.gql(theirs.accessToken, ME)).errors, undefined);

    const everywhere = await sys.gql(phone.accessToken, 'mutation { signOutEverywhere { endedSessions } }');
    assert.equal(everywhere.errors, undefined, JSON.stringify(everywhere.errors));
    assert.equal(everywhere.data!.signOutEverywhere.endedSessions, 2);
    for (const s of [phone, laptop]) {
      await refusedWithin(sys, s.accessToken, 1500);
      assert.equal((await auth(sys, 'refresh', { refresh_token: s.refreshToken })).status, 401);
    }
    // Partner-app and customer tokens carry no session and are not affected.
    assert.equal((await sys.gql(bankOperator(1), '{ me { id } }')).data!.me, null);
  });

  it("disabling a member ends their sessions at once; another bank's admin gets NOT_FOUND", async () => {
    const { loginName, id } = await newOperator();
    const session = await signIn(sys, loginName, PASSWORD);
    assert.equal((await sys.gql(session.accessToken, ME)).data!.me.id, id);

    const foreign = await sys.gql(bankAdmin(2), DISABLE, { i: { staffMemberId: id } });
    assert.equal(errorCode(foreign), 'NOT_FOUND');
    const operator = await sys.gql(bankOperator(1), DISABLE, { i: { staffMemberId: id } });
    assert.equal(errorCode(operator), 'FORBIDDEN');
    assert.equal((await sys.gql(session.accessToken, ME)).errors, undefined, 'still signed in');

    const admin = demo('ljrcb.admin');
    const adminSession = await signIn(sys, admin.loginName, admin.password, {
      totpCode: await totpCode(admin.totpSecret!, 1),
    });
    const disabled = await sys.gql(adminSession.accessToken, DISABLE, { i: { staffMemberId: id } });
    assert.equal(disabled.errors, undefined, JSON.stringify(disabled.errors));
    assert.equal(disabled.data!.removeStaffMember.staffMember.status, 'DISABLED');
    const ms = await refusedWithin(sys, session.accessToken, 1500);
    assert.ok(ms <= 1500, `refused after ${ms} ms`);
    const refused = await sys.gql(session.accessToken, '{ mall(id: 1) { name } }');
    assert.equal(errorCode(refused), 'UNAUTHENTICATED');
    assert.equal((await auth(sys, 'refresh', { refresh_token: session.refreshToken })).status, 401);
    const again = await auth(sys, 'sign-in', { login_name: loginName, password: PASSWORD });
    assert.equal(again.body.error, 'invalid_credentials', 'a disabled member cannot sign in, and is not told why');
    const self = await sys.gql(adminSession.accessToken, DISABLE, { i: { staffMemberId: '2' } });
    assert.equal(errorCode(self), 'CONFLICT');
  });
});
