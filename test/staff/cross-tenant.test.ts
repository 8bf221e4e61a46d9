/**
 * Issue 15, "cross-tenant attempts on every new operation are refused": one table of every query and
 * mutation the issue added (staff, SSO, approvals, audit trail; onboarding in tenants and catalog;
 * partner apps), each called by a principal of another tenant — another bank, another supplier — on
 * objects of bank 1 or supplier 3. An operation that names another tenant's object answers NOT_FOUND
 * (its existence does not leak); one that names none but is not for that kind of caller answers
 * FORBIDDEN. Afterwards bank 1's objects are as they were.
 *
 * Operations of one's own only (`signOut`, `signOutEverywhere`, `mySessions`, `me`) name no object:
 * they are checked to show nothing of another tenant. Internal operations (`@inaccessible`, SERVICE
 * only) are refused to every person by test/foundation/auth.test.ts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, startTestSystem, type TestSystem } from '../harness';
import { bankAdmin, platform, supplierAdmin } from '../principals';
import type { Principal } from '../../core/identity';
import { Mall } from '../../subgraphs/tenants/entities/mall';
import { PartnerApp } from '../../subgraphs/tenants/entities/partner-app';
import { SsoConnection } from '../../subgraphs/staff/entities/sso-connection';
import { signIn } from './helpers';

interface Attempt {
  operation: string;
  as: Principal | string;
  query: string;
  variables: Record<string, unknown>;
  code: 'NOT_FOUND' | 'FORBIDDEN';
}

const mutation = (name: string, inputType: string) =>
  `mutation($i: ${inputType}!) { ${name}(input: $i) { __typename } }`;

describe('cross-tenant attempts on the operations of issue 15', () => {
  let sys: TestSystem;
  const ids: Record<string, string> = {};
  let bank2Token: string;

  const ok = <T = any>(r: { data?: any; errors?: unknown }): T => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data as T;
  };

  before(async () => {
    sys = await startTestSystem();
    const b1 = bankAdmin(1);
    // Bank 1's objects: a staff member with a session, an invitation, a permission group, an
    // approval request (its policy holds large adjustments), an SSO connection, a mall, a partner app.
    const member = ok(
      await sys.gql(
        b1,
        mutation('createStaffMember', 'CreateStaffMemberInput').replace('__typename', 'staffMember { id }'),
        {
          i: {
            displayName: '一行员工',
            loginName: 'xt.bank1.operator',
            password: 'Cross-Tenant-2026!',
            role: 'BANK_OPERATOR',
          },
        },
      ),
    );
    ids.member = member.createStaffMember.staffMember.id;
    ids.session = (await signIn(sys, 'xt.bank1.operator', 'Cross-Tenant-2026!')).sessionId;
    const invitation = ok(
      await sys.gql(b1, 'mutation($i: InviteStaffInput!) { inviteStaff(input: $i) { invitation { id } } }', {
        i: { displayName: '待入职', role: 'BANK_OPERATOR', permissionGroupIds: [] },
      }),
    );
    ids.invitation = invitation.inviteStaff.invitation.id;
    const group = ok(
      await sys.gql(
        b1,
        'mutation($i: CreatePermissionGroupInput!) { createPermissionGroup(input: $i) { permissionGroup { id } } }',
        { i: { name: '跨行测试组', permissions: ['SEE_REPORTS'] } },
      ),
    );
    ids.group = group.createPermissionGroup.permissionGroup.id;
    ok(
      await sys.gql(b1, 'mutation($i: SetApprovalPolicyInput!) { setApprovalPolicy(input: $i) { bankId } }', {
        i: { bankId: '1', pointsAdjustmentAbove: 10_000 },
      }),
    );
    const request = ok(
      await sys.gql(b1, 'mutation($i: RequestApprovalInput!) { requestApproval(input: $i) { id } }', {
        i: {
          note: 'cross-tenant fixture',
          pointsAdjustment: { customerId: '3', track: 'REDEEMABLE', amount: 50_000, reason: 'fixture' },
        },
      }),
    );
    ids.approval = request.requestApproval.id;
    const staffEm = (await sys.orm('staff')).em.fork();
    const connection = staffEm.create(SsoConnection, {
      bankId: 1,
      bankCode: 'LJRCB',
      issuerUrl: 'https://login.bank1.example',
      clientId: 'perkmall',
      clientSecretSealed: 'sealed-fixture',
      scopes: ['openid'],
      groupsClaim: 'groups',
      redirectUris: ['https://console.bank1.example/sso/callback'],
      enabled: true,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await staffEm.persistAndFlush(connection);
    ids.sso = String(connection.id);
    const tenantsEm = (await sys.orm('tenants')).em.fork();
    ids.mall = String((await tenantsEm.findOneOrFail(Mall, { bank: 1 }, { orderBy: { id: 'ASC' } })).id);
    ids.partnerApp = String((await tenantsEm.findOneOrFail(PartnerApp, { bankId: 1 }, { orderBy: { id: 'ASC' } })).id);
    // Supplier 3's application and brands.
    const application = ok(
      await sys.gql(
        supplierAdmin(3),
        'mutation($i: SubmitSupplierApplicationInput!) { submitSupplierApplication(input: $i) { supplierApplication { id } } }',
        { i: { brandIds: ['9'], note: '跨租户测试' } },
      ),
    );
    ids.application = application.submitSupplierApplication.supplierApplication.id;
    // A signed-in person of bank 2 (sessions are only ended by signed-in staff).
    ok(
      await sys.gql(bankAdmin(2), mutation('createStaffMember', 'CreateStaffMemberInput'), {
        i: {
          displayName: '二行员工',
          loginName: 'xt.bank2.operator',
          password: 'Cross-Tenant-2026!',
          role: 'BANK_OPERATOR',
        },
      }),
    );
    bank2Token = (await signIn(sys, 'xt.bank2.operator', 'Cross-Tenant-2026!')).accessToken;
  });
  after(async () => {
    await sys?.stop();
  });

  function attempts(): Attempt[] {
    const bank2 = bankAdmin(2);
    const supplier1 = supplierAdmin(1);
    return [
      // staff: people, invitations, permission groups
      {
        operation: 'createStaffMember',
        as: bank2,
        query: mutation('createStaffMember', 'CreateStaffMemberInput'),
        variables: {
          i: {
            bankId: '1',
            displayName: 'x',
            loginName: 'xt.intruder',
            password: 'Cross-Tenant-2026!',
            role: 'BANK_OPERATOR',
          },
        },
        code: 'NOT_FOUND',
      },
      {
        operation: 'removeStaffMember',
        as: bank2,
        query: mutation('removeStaffMember', 'RemoveStaffMemberInput'),
        variables: { i: { staffMemberId: ids.member } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'inviteStaff',
        as: bank2,
        query: mutation('inviteStaff', 'InviteStaffInput'),
        variables: { i: { bankId: '1', displayName: 'x', role: 'BANK_OPERATOR', permissionGroupIds: [] } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'revokeStaffInvitation',
        as: bank2,
        query: mutation('revokeStaffInvitation', 'RevokeStaffInvitationInput'),
        variables: { i: { staffInvitationId: ids.invitation } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'setStaffMemberPermissionGroups',
        as: bank2,
        query: mutation('setStaffMemberPermissionGroups', 'SetStaffMemberPermissionGroupsInput'),
        variables: { i: { staffMemberId: ids.member, permissionGroupIds: [] } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'createPermissionGroup',
        as: bank2,
        query: mutation('createPermissionGroup', 'CreatePermissionGroupInput'),
        variables: { i: { bankId: '1', name: 'x', permissions: ['SEE_REPORTS'] } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'updatePermissionGroup',
        as: bank2,
        query: mutation('updatePermissionGroup', 'UpdatePermissionGroupInput'),
        variables: { i: { permissionGroupId: ids.group, name: 'x' } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'deletePermissionGroup',
        as: bank2,
        query: mutation('deletePermissionGroup', 'DeletePermissionGroupInput'),
        variables: { i: { permissionGroupId: ids.group } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'staffInvitations',
        as: bank2,
        query: 'query($b: ID) { staffInvitations(bankId: $b) { edges { cursor } } }',
        variables: { b: '1' },
        code: 'NOT_FOUND',
      },
      {
        operation: 'permissionGroups',
        as: bank2,
        query: 'query($b: ID) { permissionGroups(bankId: $b) { edges { cursor } } }',
        variables: { b: '1' },
        code: 'NOT_FOUND',
      },
      {
        operation: 'permissionGroups (supplier)',
        as: supplier1,
        query: 'query($s: ID) { permissionGroups(supplierId: $s) { edges { cursor } } }',
        variables: { s: '3' },
        code: 'NOT_FOUND',
      },
      {
        operation: 'endStaffSession',
        as: bank2Token,
        query: mutation('endStaffSession', 'EndStaffSessionInput'),
        variables: { i: { staffSessionId: ids.session } },
        code: 'NOT_FOUND',
      },
      // maker-checker
      {
        operation: 'approvalPolicy',
        as: bank2,
        query: 'query($b: ID!) { approvalPolicy(bankId: $b) { bankId } }',
        variables: { b: '1' },
        code: 'NOT_FOUND',
      },
      {
        operation: 'setApprovalPolicy',
        as: bank2,
        query: 'mutation($i: SetApprovalPolicyInput!) { setApprovalPolicy(input: $i) { bankId } }',
        variables: { i: { bankId: '1', pointsAdjustmentAbove: 1 } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'approvalRequests',
        as: bank2,
        query: 'query($f: ApprovalRequestFilter) { approvalRequests(filter: $f) { edges { cursor } } }',
        variables: { f: { bankId: '1' } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'approvalRequest',
        as: bank2,
        query: 'query($id: ID!) { approvalRequest(id: $id) { id } }',
        variables: { id: ids.approval },
        code: 'NOT_FOUND',
      },
      {
        operation: 'requestApproval',
        as: bank2,
        query: 'mutation($i: RequestApprovalInput!) { requestApproval(input: $i) { id } }',
        variables: {
          i: {
            bankId: '1',
            note: 'x',
            pointsAdjustment: { customerId: '3', track: 'REDEEMABLE', amount: 50_000, reason: 'x' },
          },
        },
        code: 'NOT_FOUND',
      },
      {
        operation: 'approveRequest',
        as: bank2,
        query: 'mutation($i: ApproveRequestInput!) { approveRequest(input: $i) { id } }',
        variables: { i: { approvalRequestId: ids.approval } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'rejectRequest',
        as: bank2,
        query: 'mutation($i: RejectRequestInput!) { rejectRequest(input: $i) { id } }',
        variables: { i: { approvalRequestId: ids.approval, reason: 'not our request' } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'withdrawApprovalRequest',
        as: bank2,
        query: 'mutation($i: WithdrawApprovalRequestInput!) { withdrawApprovalRequest(input: $i) { id } }',
        variables: { i: { approvalRequestId: ids.approval } },
        code: 'NOT_FOUND',
      },
      // audit trail
      {
        operation: 'auditTrail',
        as: bank2,
        query: 'query($f: AuditTrailFilterInput) { auditTrail(filter: $f) { edges { cursor } } }',
        variables: { f: { bankId: '1' } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'auditTrail (supplier)',
        as: supplier1,
        query: 'query($f: AuditTrailFilterInput) { auditTrail(filter: $f) { edges { cursor } } }',
        variables: { f: { supplierId: '3' } },
        code: 'NOT_FOUND',
      },
      // single sign-on
      {
        operation: 'ssoConnection',
        as: bank2,
        query: 'query($b: ID) { ssoConnection(bankId: $b) { id } }',
        variables: { b: '1' },
        code: 'NOT_FOUND',
      },
      {
        operation: 'registerSsoConnection',
        as: bank2,
        query: mutation('registerSsoConnection', 'RegisterSsoConnectionInput'),
        variables: {
          i: {
            bankId: '1',
            issuerUrl: 'https://login.bank1.example',
            clientId: 'x',
            clientSecret: 'x',
            redirectUris: ['https://x.example/cb'],
            groupMappings: [],
          },
        },
        code: 'NOT_FOUND',
      },
      {
        operation: 'updateSsoConnection',
        as: bank2,
        query: mutation('updateSsoConnection', 'UpdateSsoConnectionInput'),
        variables: { i: { ssoConnectionId: ids.sso, enabled: false } },
        code: 'NOT_FOUND',
      },
      // onboarding in tenants; partner apps
      {
        operation: 'updateBank',
        as: bank2,
        query: mutation('updateBank', 'UpdateBankInput'),
        variables: { i: { bankId: '1', pointsPerYuan: 1 } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'createMall',
        as: bank2,
        query: mutation('createMall', 'CreateMallInput'),
        variables: { i: { bankId: '1', name: '入侵商城' } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'updateMall',
        as: bank2,
        query: mutation('updateMall', 'UpdateMallInput'),
        variables: { i: { mallId: ids.mall, name: '入侵商城' } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'partnerApps',
        as: bank2,
        query: 'query($b: ID) { partnerApps(bankId: $b) { edges { cursor } } }',
        variables: { b: '1' },
        code: 'NOT_FOUND',
      },
      {
        operation: 'rotatePartnerAppSecret',
        as: bank2,
        query: mutation('rotatePartnerAppSecret', 'RotatePartnerAppSecretInput'),
        variables: { i: { partnerAppId: ids.partnerApp, overlapHours: 0 } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'revokePartnerApp',
        as: bank2,
        query: mutation('revokePartnerApp', 'RevokePartnerAppInput'),
        variables: { i: { partnerAppId: ids.partnerApp } },
        code: 'NOT_FOUND',
      },
      {
        operation: 'setPartnerAppScopes',
        as: bank2,
        query: mutation('setPartnerAppScopes', 'SetPartnerAppScopesInput'),
        variables: { i: { partnerAppId: ids.partnerApp, scopes: ['BROWSE'] } },
        code: 'NOT_FOUND',
      },
      { operation: 'banks', as: bank2, query: '{ banks { edges { cursor } } }', variables: {}, code: 'FORBIDDEN' },
      {
        operation: 'createBank',
        as: bank2,
        query: mutation('createBank', 'CreateBankInput'),
        variables: {
          i: {
            code: 'INTRUDER',
            name: '入侵银行',
            timeZone: 'Asia/Shanghai',
            pointsPerYuan: 100,
            maxPointsShareBp: 5000,
            settlementTermDays: 30,
          },
        },
        code: 'FORBIDDEN',
      },
      // onboarding in catalog
      {
        operation: 'supplierApplication',
        as: supplier1,
        query: 'query($id: ID!) { supplierApplication(id: $id) { id } }',
        variables: { id: ids.application },
        code: 'NOT_FOUND',
      },
      {
        operation: 'authorizedBrands',
        as: supplier1,
        query: 'query($s: ID!) { authorizedBrands(supplierId: $s) { edges { cursor } } }',
        variables: { s: '3' },
        code: 'NOT_FOUND',
      },
      {
        operation: 'approveSupplierApplication',
        as: supplier1,
        query: mutation('approveSupplierApplication', 'ApproveSupplierApplicationInput'),
        variables: { i: { supplierApplicationId: ids.application } },
        code: 'FORBIDDEN',
      },
      {
        operation: 'rejectSupplierApplication',
        as: supplier1,
        query: mutation('rejectSupplierApplication', 'RejectSupplierApplicationInput'),
        variables: { i: { supplierApplicationId: ids.application, reason: 'x' } },
        code: 'FORBIDDEN',
      },
      {
        operation: 'authorizeSupplierBrands',
        as: supplier1,
        query: mutation('authorizeSupplierBrands', 'AuthorizeSupplierBrandsInput'),
        variables: { i: { supplierId: '3', brandIds: ['1'] } },
        code: 'FORBIDDEN',
      },
      {
        operation: 'approveSupplierApplication (bank)',
        as: bank2,
        query: mutation('approveSupplierApplication', 'ApproveSupplierApplicationInput'),
        variables: { i: { supplierApplicationId: ids.application } },
        code: 'FORBIDDEN',
      },
    ];
  }

  it('every operation of another tenant’s object answers NOT_FOUND; one not for that caller FORBIDDEN', async () => {
    const wrong: string[] = [];
    for (const a of attempts()) {
      const r = await sys.gql(a.as, a.query, a.variables);
      const code = errorCode(r);
      if (code !== a.code) wrong.push(`${a.operation}: ${code ?? 'answered'} ${JSON.stringify(r.errors ?? r.data)}`);
      else if (r.data && Object.values(r.data).some((v) => v !== null))
        wrong.push(`${a.operation}: refused but answered data ${JSON.stringify(r.data)}`);
    }
    assert.deepEqual(wrong, [], wrong.join('\n'));
  });

  it('after them bank 1’s and supplier 3’s objects are as they were', async () => {
    const b1 = bankAdmin(1);
    const groups = ok(await sys.gql(b1, '{ permissionGroups(first: 100) { edges { node { id name } } } }'));
    assert.ok(groups.permissionGroups.edges.some((e: any) => e.node.id === ids.group && e.node.name === '跨行测试组'));
    const pending = ok(
      await sys.gql(b1, '{ staffInvitations(status: PENDING, first: 100) { edges { node { id } } } }'),
    );
    assert.ok(pending.staffInvitations.edges.some((e: any) => e.node.id === ids.invitation));
    const approval = ok(
      await sys.gql(b1, 'query($id: ID!) { approvalRequest(id: $id) { status } }', { id: ids.approval }),
    );
    assert.equal(approval.approvalRequest.status, 'PENDING');
    const policy = ok(await sys.gql(b1, '{ approvalPolicy(bankId: "1") { pointsAdjustmentAbove } }'));
    assert.equal(policy.approvalPolicy.pointsAdjustmentAbove, 10_000);
    const sso = ok(await sys.gql(b1, '{ ssoConnection { id enabled } }'));
    assert.deepEqual(sso.ssoConnection, { id: ids.sso, enabled: true });
    const apps = ok(
      await sys.gql(b1, '{ partnerApps(first: 100) { edges { node { id revokedAt secretRotatedAt scopes } } } }'),
    );
    const app = apps.partnerApps.edges.find((e: any) => e.node.id === ids.partnerApp).node;
    assert.equal(app.revokedAt, null);
    assert.equal(app.secretRotatedAt, null);
    assert.ok(app.scopes.length > 1, 'scopes unchanged');
    const application = ok(
      await sys.gql(platform, 'query($id: ID!) { supplierApplication(id: $id) { status } }', { id: ids.application }),
    );
    assert.equal(application.supplierApplication.status, 'PENDING');
    // The bank 1 session still works; the bank 2 person sees only their own sessions.
    const mine = ok(await sys.gql(bank2Token, '{ mySessions { edges { node { id } } } }'));
    assert.ok(mine.mySessions.edges.every((e: any) => e.node.id !== ids.session));
  });
});
