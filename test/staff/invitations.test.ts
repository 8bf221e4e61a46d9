/**
 * Invitations and permission groups (issue 15): invite → accept through the gateway → the token
 * carries exactly the member's groups; group changes reach the next token; removal ends sessions;
 * links work once and for 72 hours; tenants never see each other's staff; nobody grants more
 * than they hold.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { bankAdmin, bankOperator, platform, supplierAdmin } from '../principals';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Principal } from '../../core/identity';
import { Session } from '../../subgraphs/staff/entities/session';
import { StaffInvitation } from '../../subgraphs/staff/entities/staff-invitation';
import { StaffMember } from '../../subgraphs/staff/entities/staff-member';
import { SessionService } from '../../subgraphs/staff/services/session.service';

const GROUPS = `query($bankId: ID, $supplierId: ID) { permissionGroups(first: 100, bankId: $bankId, supplierId: $supplierId) {
  edges { node { id name code builtIn permissions } } } }`;
const INVITE = `mutation($i: InviteStaffInput!) { inviteStaff(input: $i) {
  invitationUrl invitation { id status role displayName loginName expiresAt permissionGroups { code } } } }`;
const ME = '{ me { id loginName role status permissions permissionGroups { code name } } }';
const PASSWORD = 'Blue-Harbour-2026';

function claimsOf(accessToken: string): Record<string, any> {
  return JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, any>;
}

describe('staff invitations and permission groups', () => {
  let sys: TestSystem;
  let acceptUrl: string;
  const groupIds = new Map<string, string>();

  const ok = <T>(r: { data?: T | null; errors?: unknown }): T => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data!;
  };
  const accept = async (body: Record<string, unknown>) => {
    const r = await fetch(acceptUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'invitation-test' },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Record<string, any> };
  };
  const invite = async (as: Principal, input: Record<string, unknown>) => {
    const r = await sys.gql(as, INVITE, { i: input });
    const data = ok(r) as { inviteStaff: { invitationUrl: string; invitation: Record<string, any> } };
    const token = new URL(data.inviteStaff.invitationUrl).hash.replace(/^#token=/, '');
    return { ...data.inviteStaff, token };
  };
  const groupId = (code: string) => {
    const id = groupIds.get(code);
    assert.ok(id, `built-in group ${code}`);
    return id;
  };

  before(async () => {
    sys = await startTestSystem();
    acceptUrl = sys.stack.gatewayUrl.replace(/\/graphql$/, '/auth/staff/accept-invitation');
    const groups = ok(await sys.gql(bankAdmin(1), GROUPS)) as any;
    for (const e of groups.permissionGroups.edges) groupIds.set(e.node.code, e.node.id);
  });
  after(() => sys?.stop());

  it('every bank starts with the built-in groups (运营, 客服, 财务, …) of bank permissions only', async () => {
    const groups = (ok(await sys.gql(bankAdmin(1), GROUPS)) as any).permissionGroups.edges.map((e: any) => e.node);
    const ops = groups.find((g: any) => g.code === 'OPERATIONS');
    assert.deepEqual(ops, {
      id: groupId('OPERATIONS'),
      name: '运营',
      code: 'OPERATIONS',
      builtIn: true,
      permissions: ['CURATE_LISTINGS', 'RUN_CAMPAIGNS'],
    });
    assert.deepEqual(groups.find((g: any) => g.code === 'CUSTOMER_SERVICE').permissions, [
      'SERVE_CUSTOMERS',
      'SEE_CUSTOMER_DATA',
    ]);
    assert.deepEqual(groups.find((g: any) => g.code === 'FINANCE').permissions, ['SEE_REPORTS', 'PAY_SUPPLIERS']);
    // Asking again creates nothing new.
    const again = (ok(await sys.gql(bankAdmin(1), GROUPS)) as any).permissionGroups.edges;
    assert.equal(again.length, groups.length);
  });

  it('invite → accept → signed in: the operator’s token carries exactly their groups’ permissions', async () => {
    const inv = await invite(bankAdmin(1), {
      displayName: '王小明',
      role: 'BANK_OPERATOR',
      permissionGroupIds: [groupId('OPERATIONS')],
    });
    assert.equal(inv.invitation.status, 'PENDING');
    assert.match(inv.token, /^[A-Za-z0-9_-]{43}$/);
    const hours = (Date.parse(inv.invitation.expiresAt) - Date.now()) / 3600_000;
    assert.ok(hours > 71.9 && hours <= 72, `expires in ${hours} h`);
    // Only the hash is stored.
    const stored = await (
      await sys.orm('staff')
    ).em
      .fork()
      .findOneOrFail(StaffInvitation, { id: Number(inv.invitation.id) });
    assert.notEqual(stored.tokenHash, inv.token);
    assert.equal(stored.tokenHash.length, 64);

    const accepted = await accept({ token: inv.token, loginName: 'Wang.XM', password: PASSWORD });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.equal(accepted.body.loginName, 'wang.xm');
    assert.equal(accepted.body.tokenType, 'Bearer');
    assert.equal(accepted.body.expiresIn, 600);
    assert.ok(accepted.body.refreshToken);
    const claims = claimsOf(accepted.body.accessToken);
    assert.equal(claims.role, 'BANK_OPERATOR');
    assert.equal(claims.bankId, '1');
    assert.deepEqual(claims.permissions, ['CURATE_LISTINGS', 'RUN_CAMPAIGNS']);
    assert.ok(!claims.permissions.includes('ADJUST_POINTS'));

    const me = (ok(await sys.gql(accepted.body.accessToken, ME)) as any).me;
    assert.equal(me.loginName, 'wang.xm');
    assert.deepEqual(me.permissions, ['CURATE_LISTINGS', 'RUN_CAMPAIGNS']);
    assert.deepEqual(me.permissionGroups, [{ code: 'OPERATIONS', name: '运营' }]);
    // No MANAGE_STAFF: staff management is closed to them.
    assert.equal(errorCode(await sys.gql(accepted.body.accessToken, GROUPS)), 'FORBIDDEN');

    // The link worked once.
    const again = await accept({ token: inv.token, loginName: 'wang.xm2', password: PASSWORD });
    assert.equal(again.status, 409);
    assert.match(again.body.message, /already been used/);
    const list = ok(
      await sys.gql(
        bankAdmin(1),
        '{ staffInvitations(status: ACCEPTED) { edges { node { id status acceptedAt acceptedBy { loginName } } } } }',
      ),
    ) as any;
    const node = list.staffInvitations.edges.find((e: any) => e.node.id === inv.invitation.id).node;
    assert.equal(node.acceptedBy.loginName, 'wang.xm');
  });

  it('changing a member’s groups changes the permissions of tokens issued afterwards', async () => {
    const inv = await invite(bankAdmin(1), {
      displayName: '李客服',
      role: 'BANK_OPERATOR',
      permissionGroupIds: [groupId('CUSTOMER_SERVICE')],
      loginName: 'li.kf',
    });
    assert.equal(inv.invitation.loginName, 'li.kf');
    const accepted = await accept({ token: inv.token, password: PASSWORD });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    const before = claimsOf(accepted.body.accessToken);
    assert.deepEqual(before.permissions, ['SEE_CUSTOMER_DATA', 'SERVE_CUSTOMERS']);

    const changed = ok(
      await sys.gql(
        bankAdmin(1),
        'mutation($i: SetStaffMemberPermissionGroupsInput!) { setStaffMemberPermissionGroups(input: $i) { staffMember { permissions } } }',
        {
          i: {
            staffMemberId: accepted.body.staffMemberId,
            permissionGroupIds: [groupId('FINANCE'), groupId('POINTS')],
          },
        },
      ),
    ) as any;
    assert.deepEqual(changed.setStaffMemberPermissionGroups.staffMember.permissions, [
      'ADJUST_POINTS',
      'SEE_REPORTS',
      'PAY_SUPPLIERS',
    ]);
    // The next token the session code issues (sign-in, refresh) reads the groups again.
    const em = (await sys.orm('staff')).em.fork();
    const member = await em.findOneOrFail(StaffMember, { id: Number(accepted.body.staffMemberId) });
    const next = await new SessionService(em as SqlEntityManager).open(member, { method: 'PASSWORD' });
    assert.deepEqual(claimsOf(next.accessToken).permissions, ['ADJUST_POINTS', 'SEE_REPORTS', 'PAY_SUPPLIERS']);
    // The token issued before keeps its claims until it expires (10 minutes).
    assert.deepEqual(claimsOf(accepted.body.accessToken).permissions, before.permissions);
  });

  it('removing a member disables them and ends every session at once: their token is refused', async () => {
    const inv = await invite(bankAdmin(1), {
      displayName: '赵离职',
      role: 'BANK_OPERATOR',
      permissionGroupIds: [groupId('OPERATIONS')],
    });
    const accepted = await accept({ token: inv.token, loginName: 'zhao.lz', password: PASSWORD });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    const token = accepted.body.accessToken as string;
    assert.equal(errorCode(await sys.gql(token, '{ staffInvitations { edges { cursor } } }')), 'FORBIDDEN');

    const removed = ok(
      await sys.gql(
        bankAdmin(1),
        'mutation($i: RemoveStaffMemberInput!) { removeStaffMember(input: $i) { staffMember { status } } }',
        { i: { staffMemberId: accepted.body.staffMemberId } },
      ),
    ) as any;
    assert.equal(removed.removeStaffMember.staffMember.status, 'DISABLED');
    const sessions = await (
      await sys.orm('staff')
    ).em
      .fork()
      .find(Session, { staffMemberId: Number(accepted.body.staffMemberId) });
    assert.ok(sessions.length > 0);
    for (const s of sessions) {
      assert.ok(s.endedAt, 'session ended');
      assert.equal(s.endReason, 'MEMBER_DISABLED');
    }
    const refused = await sys.gql(token, '{ staffInvitations { edges { cursor } } }');
    assert.equal(errorCode(refused), 'UNAUTHENTICATED');
    assert.match(refused.errors![0]!.message, /session has ended/);
  });

  it('expired, withdrawn, unknown and badly answered invitations are refused, and a refusal changes nothing', async () => {
    const expired = await invite(bankAdmin(1), { displayName: '过期', role: 'BANK_OPERATOR', permissionGroupIds: [] });
    const em = (await sys.orm('staff')).em.fork();
    await em.nativeUpdate(
      StaffInvitation,
      { id: Number(expired.invitation.id) },
      { expiresAt: new Date(Date.now() - 1000) },
    );
    const late = await accept({ token: expired.token, loginName: 'late.one', password: PASSWORD });
    assert.equal(late.status, 409);
    assert.match(late.body.message, /expired/);

    const withdrawn = await invite(bankAdmin(1), {
      displayName: '撤回',
      role: 'BANK_OPERATOR',
      permissionGroupIds: [],
    });
    const revoked = ok(
      await sys.gql(
        bankAdmin(1),
        'mutation($i: RevokeStaffInvitationInput!) { revokeStaffInvitation(input: $i) { invitation { status revokedAt } } }',
        { i: { staffInvitationId: withdrawn.invitation.id } },
      ),
    ) as any;
    assert.equal(revoked.revokeStaffInvitation.invitation.status, 'REVOKED');
    const refused = await accept({ token: withdrawn.token, loginName: 'revoked.one', password: PASSWORD });
    assert.equal(refused.status, 409);
    assert.match(refused.body.message, /withdrawn/);

    const unknown = await accept({ token: 'x'.repeat(43), loginName: 'nobody', password: PASSWORD });
    assert.equal(unknown.status, 404);

    const pending = await invite(bankAdmin(1), { displayName: '密码', role: 'BANK_OPERATOR', permissionGroupIds: [] });
    for (const [password, rule] of [
      ['Short-1a', /at least 12/],
      ['alllowercaseletters', /three of/],
      ['Chen.Pw-2026-chen.pw', /login name/],
    ] as const) {
      const weak = await accept({ token: pending.token, loginName: 'chen.pw', password });
      assert.equal(weak.status, 400, JSON.stringify(weak.body));
      assert.match(weak.body.message, rule);
    }
    const bad = await accept({ token: pending.token, loginName: 'x', password: PASSWORD });
    assert.equal(bad.status, 400);
    // A name already taken fails after the link was claimed: the claim rolls back with it.
    const taken = await accept({ token: pending.token, loginName: 'wang.xm', password: PASSWORD });
    assert.equal(taken.status, 409);
    assert.match(taken.body.message, /login name wang.xm is taken/);
    // None of those used the link up.
    const good = await accept({ token: pending.token, loginName: 'chen.pw', password: PASSWORD });
    assert.equal(good.status, 200, JSON.stringify(good.body));

    const states = ok(
      await sys.gql(
        bankAdmin(1),
        '{ expired: staffInvitations(status: EXPIRED) { edges { node { id } } } revoked: staffInvitations(status: REVOKED) { edges { node { id } } } }',
      ),
    ) as any;
    assert.deepEqual(
      states.expired.edges.map((e: any) => e.node.id),
      [expired.invitation.id],
    );
    assert.deepEqual(
      states.revoked.edges.map((e: any) => e.node.id),
      [withdrawn.invitation.id],
    );
  });

  it('another bank cannot see, invite into or change this bank’s staff, groups or invitations (NOT_FOUND); an operator without MANAGE_STAFF is FORBIDDEN', async () => {
    const inv = await invite(bankAdmin(1), { displayName: '跨行', role: 'BANK_OPERATOR', permissionGroupIds: [] });
    const member = await accept({ token: inv.token, loginName: 'cross.tenant', password: PASSWORD });
    assert.equal(member.status, 200);
    const pending = await invite(bankAdmin(1), { displayName: '待定', role: 'BANK_OPERATOR', permissionGroupIds: [] });
    const custom = ok(
      await sys.gql(
        bankAdmin(1),
        'mutation($i: CreatePermissionGroupInput!) { createPermissionGroup(input: $i) { permissionGroup { id builtIn } } }',
        { i: { name: '活动专员', permissions: ['RUN_CAMPAIGNS'] } },
      ),
    ) as any;
    const customId = custom.createPermissionGroup.permissionGroup.id;
    const adminB = bankAdmin(2);

    const listB = ok(await sys.gql(adminB, '{ staffInvitations(first: 100) { edges { node { id } } } }')) as any;
    assert.ok(!listB.staffInvitations.edges.some((e: any) => e.node.id === pending.invitation.id));
    const groupsB = ok(await sys.gql(adminB, GROUPS)) as any;
    assert.ok(
      !groupsB.permissionGroups.edges.some((e: any) => e.node.id === customId || e.node.id === groupId('OPERATIONS')),
    );
    assert.equal(errorCode(await sys.gql(adminB, GROUPS, { bankId: '1' })), 'NOT_FOUND');

    const attempts: [string, string, Record<string, unknown>][] = [
      [
        'mutation($i: RevokeStaffInvitationInput!) { revokeStaffInvitation(input: $i) { invitation { id } } }',
        'revoke',
        { staffInvitationId: pending.invitation.id },
      ],
      [
        'mutation($i: SetStaffMemberPermissionGroupsInput!) { setStaffMemberPermissionGroups(input: $i) { staffMember { id } } }',
        'set groups',
        { staffMemberId: member.body.staffMemberId, permissionGroupIds: [] },
      ],
      [
        'mutation($i: RemoveStaffMemberInput!) { removeStaffMember(input: $i) { staffMember { id } } }',
        'remove',
        { staffMemberId: member.body.staffMemberId },
      ],
      [
        'mutation($i: UpdatePermissionGroupInput!) { updatePermissionGroup(input: $i) { permissionGroup { id } } }',
        'update group',
        { permissionGroupId: customId, name: 'x' },
      ],
      [
        'mutation($i: DeletePermissionGroupInput!) { deletePermissionGroup(input: $i) { permissionGroupId } }',
        'delete group',
        { permissionGroupId: customId },
      ],
      [
        INVITE,
        'invite with a foreign group',
        { displayName: 'x', role: 'BANK_OPERATOR', permissionGroupIds: [groupId('OPERATIONS')] },
      ],
      [
        INVITE,
        'invite into the other bank',
        { displayName: 'x', role: 'BANK_OPERATOR', permissionGroupIds: [], bankId: '1' },
      ],
    ];
    for (const [query, what, i] of attempts)
      assert.equal(errorCode(await sys.gql(adminB, query, { i })), 'NOT_FOUND', what);
    // And nothing changed.
    const stillPending = ok(
      await sys.gql(bankAdmin(1), '{ staffInvitations(status: PENDING, first: 100) { edges { node { id } } } }'),
    ) as any;
    assert.ok(stillPending.staffInvitations.edges.some((e: any) => e.node.id === pending.invitation.id));

    // Bank 1's own operator (development token: the operator defaults, without MANAGE_STAFF).
    for (const [query, what, i] of attempts.slice(0, 3))
      assert.equal(errorCode(await sys.gql(bankOperator(1), query, { i })), 'FORBIDDEN', what);
    assert.equal(errorCode(await sys.gql(bankOperator(1), GROUPS)), 'FORBIDDEN');
  });

  it('nobody grants permissions of another kind or more than they hold; built-in groups cannot change', async () => {
    const create =
      'mutation($i: CreatePermissionGroupInput!) { createPermissionGroup(input: $i) { permissionGroup { id permissions } } }';
    const foreign = await sys.gql(bankAdmin(1), create, { i: { name: '发货', permissions: ['SHIP_ORDERS'] } });
    assert.equal(errorCode(foreign), 'BAD_USER_INPUT');
    assert.match(foreign.errors![0]!.message, /SHIP_ORDERS is not a permission of bank staff/);

    // A bank operator whose groups give MANAGE_STAFF and CURATE_LISTINGS only.
    const teamLead: Principal = { ...bankOperator(1), sub: 'lead-1', permissions: ['MANAGE_STAFF', 'CURATE_LISTINGS'] };
    const beyond = await sys.gql(teamLead, INVITE, {
      i: { displayName: 'x', role: 'BANK_OPERATOR', permissionGroupIds: [groupId('OPERATIONS')] },
    });
    assert.equal(errorCode(beyond), 'FORBIDDEN');
    assert.match(beyond.errors![0]!.message, /RUN_CAMPAIGNS/);
    const admin = await sys.gql(teamLead, INVITE, {
      i: { displayName: 'x', role: 'BANK_ADMIN', permissionGroupIds: [] },
    });
    assert.equal(errorCode(admin), 'FORBIDDEN');
    assert.equal(
      errorCode(await sys.gql(teamLead, create, { i: { name: '积分', permissions: ['ADJUST_POINTS'] } })),
      'FORBIDDEN',
    );
    const own = ok(await sys.gql(teamLead, create, { i: { name: '选品', permissions: ['CURATE_LISTINGS'] } })) as any;
    const inv = await invite(teamLead, {
      displayName: '选品员',
      role: 'BANK_OPERATOR',
      permissionGroupIds: [own.createPermissionGroup.permissionGroup.id],
    });
    const accepted = await accept({ token: inv.token, loginName: 'curator.one', password: PASSWORD });
    assert.deepEqual(claimsOf(accepted.body.accessToken).permissions, ['CURATE_LISTINGS']);

    const builtIn = await sys.gql(
      bankAdmin(1),
      'mutation($i: UpdatePermissionGroupInput!) { updatePermissionGroup(input: $i) { permissionGroup { id } } }',
      { i: { permissionGroupId: groupId('FINANCE'), permissions: ['SEE_REPORTS', 'ADJUST_POINTS'] } },
    );
    assert.equal(errorCode(builtIn), 'CONFLICT');

    // Lists are bounded: at most 20 groups per member.
    const many = Array.from({ length: 21 }, (_, i) => String(i + 1));
    const tooMany = await sys.gql(bankAdmin(1), INVITE, {
      i: { displayName: 'x', role: 'BANK_OPERATOR', permissionGroupIds: many },
    });
    assert.equal(errorCode(tooMany), 'BAD_USER_INPUT');
  });

  it('the platform invites the first admin of a supplier; that admin invites a shipping clerk who may only ship', async () => {
    const first = await invite(platform, {
      displayName: '供应商管理员',
      role: 'SUPPLIER_ADMIN',
      permissionGroupIds: [],
      supplierId: '3',
    });
    const admin = await accept({ token: first.token, loginName: 'supplier3.admin', password: PASSWORD });
    assert.equal(admin.status, 200, JSON.stringify(admin.body));
    assert.equal(admin.body.role, 'SUPPLIER_ADMIN');
    // Admins sign in (and enrol TOTP) through the sign-in flow: no tokens from the link.
    assert.equal(admin.body.accessToken, null);
    const made = await (await sys.orm('staff')).em.fork().findOneOrFail(StaffMember, { loginName: 'supplier3.admin' });
    assert.equal(made.supplierId, 3);
    assert.equal(made.bankId, null);

    const groups = ok(await sys.gql(supplierAdmin(3), GROUPS)) as any;
    const clerk = groups.permissionGroups.edges.find((e: any) => e.node.code === 'SHIPPING_CLERK').node;
    assert.deepEqual(clerk.permissions, ['SHIP_ORDERS']);
    const inv = await invite(supplierAdmin(3), {
      displayName: '发货员小刘',
      role: 'SUPPLIER_STAFF',
      permissionGroupIds: [clerk.id],
    });
    const accepted = await accept({ token: inv.token, loginName: 'liu.fh', password: PASSWORD });
    const claims = claimsOf(accepted.body.accessToken);
    assert.equal(claims.supplierId, '3');
    assert.deepEqual(claims.permissions, ['SHIP_ORDERS']);
    // A bank role cannot be invited into a supplier, and another supplier's admin sees none of it.
    const wrongKind = await sys.gql(supplierAdmin(3), INVITE, {
      i: { displayName: 'x', role: 'BANK_OPERATOR', permissionGroupIds: [] },
    });
    assert.equal(errorCode(wrongKind), 'BAD_USER_INPUT');
    assert.equal(
      errorCode(
        await sys.gql(supplierAdmin(4), INVITE, {
          i: { displayName: 'x', role: 'SUPPLIER_STAFF', permissionGroupIds: [clerk.id] },
        }),
      ),
      'NOT_FOUND',
    );
  });
  it('concurrent acceptances of one link create one member; concurrent first uses create the built-ins once', async () => {
    const inv = await invite(bankAdmin(1), { displayName: '并发', role: 'BANK_OPERATOR', permissionGroupIds: [] });
    const results = await Promise.all(
      ['race.a', 'race.b', 'race.c', 'race.d'].map((loginName) =>
        accept({ token: inv.token, loginName, password: PASSWORD }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.status).sort(),
      [200, 409, 409, 409],
      JSON.stringify(results.map((r) => r.body)),
    );
    const em = (await sys.orm('staff')).em.fork();
    assert.equal(await em.count(StaffMember, { loginName: { $like: 'race.%' } }), 1);

    const lists = await Promise.all([1, 2, 3, 4].map(() => sys.gql(platform, GROUPS, { bankId: '7' })));
    for (const r of lists) assert.equal((ok(r) as any).permissionGroups.edges.length, 5);
  });
  it('staffMembers lists only the caller’s own tenant, newest first in keyset pages, filtered by name, status and group', async () => {
    const LIST = `query($first: Int, $after: String, $search: String, $status: StaffMemberStatus, $group: ID, $bankId: ID, $supplierId: ID) {
      staffMembers(first: $first, after: $after, search: $search, status: $status, permissionGroupId: $group, bankId: $bankId, supplierId: $supplierId) {
        edges { cursor node { id loginName displayName status role bank { id } supplier { id } permissionGroups { code } } }
        pageInfo { hasNextPage endCursor } } }`;
    const CREATE = `mutation($i: CreateStaffMemberInput!) { createStaffMember(input: $i) { staffMember { id } } }`;
    const make = async (bankId: number, loginName: string, displayName: string) =>
      (
        ok(
          await sys.gql(platform, CREATE, {
            i: {
              role: 'BANK_OPERATOR',
              bankId: String(bankId),
              loginName,
              displayName,
              password: 'Correct-Horse-42-Battery',
            },
          }),
        ) as any
      ).createStaffMember.staffMember.id as string;
    const a = await make(1, 'list.zhang', '张 列表');
    const b = await make(1, 'list.li', '李 列表');
    const other = await make(2, 'list.other', '王 列表');
    ok(
      await sys.gql(
        bankAdmin(1),
        'mutation($i: SetStaffMemberPermissionGroupsInput!) { setStaffMemberPermissionGroups(input: $i) { staffMember { id } } }',
        {
          i: { staffMemberId: b, permissionGroupIds: [groupId('FINANCE')] },
        },
      ),
    );
    ok(
      await sys.gql(
        bankAdmin(1),
        'mutation($i: RemoveStaffMemberInput!) { removeStaffMember(input: $i) { staffMember { id } } }',
        { i: { staffMemberId: a } },
      ),
    );

    // Every page of bank 1's list, two at a time: only bank 1's people, newest first, each once.
    const seen: any[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page: any = (ok(await sys.gql(bankAdmin(1), LIST, { first: 2, after })) as any).staffMembers;
      seen.push(...page.edges.map((e: any) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    assert.ok(seen.length >= 3, JSON.stringify(seen));
    assert.ok(
      seen.every((m) => m.bank?.id === '1' && m.supplier === null),
      'only bank 1',
    );
    assert.equal(new Set(seen.map((m) => m.id)).size, seen.length, 'no member twice');
    assert.deepEqual(
      seen.map((m) => Number(m.id)),
      [...seen.map((m) => Number(m.id))].sort((x, y) => y - x),
    );
    assert.ok(!seen.some((m) => m.id === other));

    const byName = (ok(await sys.gql(bankAdmin(1), LIST, { search: '列表' })) as any).staffMembers.edges.map(
      (e: any) => e.node,
    );
    assert.deepEqual(
      byName.map((m: any) => m.loginName),
      ['list.li', 'list.zhang'],
    );
    const byLogin = (ok(await sys.gql(bankAdmin(1), LIST, { search: 'LIST.L' })) as any).staffMembers.edges;
    assert.deepEqual(
      byLogin.map((e: any) => e.node.id),
      [b],
    );
    const wildcard = (ok(await sys.gql(bankAdmin(1), LIST, { search: '%' })) as any).staffMembers.edges;
    assert.deepEqual(wildcard, [], '% is a letter, not a wildcard');
    const disabled = (ok(await sys.gql(bankAdmin(1), LIST, { status: 'DISABLED', search: 'list.' })) as any)
      .staffMembers.edges;
    assert.deepEqual(
      disabled.map((e: any) => e.node.id),
      [a],
    );
    const finance = (ok(await sys.gql(bankAdmin(1), LIST, { group: groupId('FINANCE'), search: 'list.' })) as any)
      .staffMembers.edges;
    assert.deepEqual(
      finance.map((e: any) => [e.node.id, e.node.permissionGroups.map((g: any) => g.code)]),
      [[b, ['FINANCE']]],
    );

    // Another tenant: naming bank 2, or bank 2's group, is NOT_FOUND; a supplier admin sees no bank staff.
    assert.equal(errorCode(await sys.gql(bankAdmin(1), LIST, { bankId: '2' })), 'NOT_FOUND');
    const bank2Groups = (ok(await sys.gql(bankAdmin(2), GROUPS)) as any).permissionGroups.edges;
    const bank2Finance = bank2Groups.find((e: any) => e.node.code === 'FINANCE').node.id;
    assert.equal(errorCode(await sys.gql(bankAdmin(1), LIST, { group: bank2Finance })), 'NOT_FOUND');
    const supplierList = (ok(await sys.gql(supplierAdmin(1), LIST, { first: 100 })) as any).staffMembers.edges;
    assert.ok(supplierList.every((e: any) => e.node.supplier?.id === '1' && e.node.bank === null));
    // Without MANAGE_STAFF: FORBIDDEN. The platform picks the tenant.
    assert.equal(errorCode(await sys.gql(bankOperator(1), LIST, {})), 'FORBIDDEN');
    const bank2 = (ok(await sys.gql(platform, LIST, { bankId: '2', search: 'list.' })) as any).staffMembers.edges;
    assert.deepEqual(
      bank2.map((e: any) => e.node.id),
      [other],
    );
    const own = (ok(await sys.gql(platform, LIST, { first: 100 })) as any).staffMembers.edges;
    assert.ok(own.length > 0 && own.every((e: any) => e.node.bank === null && e.node.supplier === null));
    assert.equal(errorCode(await sys.gql(bankAdmin(1), LIST, { after: 'not-a-cursor' })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await sys.gql(bankAdmin(1), LIST, { search: 'x'.repeat(101) })), 'BAD_USER_INPUT');
  });
});
