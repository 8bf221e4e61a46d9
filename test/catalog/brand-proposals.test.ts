/**
 * Issue 12 item 8: suppliers propose brands, the platform approves or rejects with a reason. A
 * proposal is not a brand: nobody can put a product under it until it is approved, and only its
 * proposer and the platform see it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { Brand, BrandProposal } from '../../subgraphs/catalog/entities/brand';
import { bankOperator, ok, platformAdmin, supplierAdmin, supplierStaff } from './helpers';

const PROPOSE =
  'mutation($i: ProposeBrandInput!) { proposeBrand(input: $i) { brandProposal { id name note status rejectionReason supplier { id } brand { id } } } }';
const APPROVE =
  'mutation($i: ApproveBrandProposalInput!) { approveBrandProposal(input: $i) { brandProposal { id status decidedAt brand { id name } } brand { id name } } }';
const REJECT =
  'mutation($i: RejectBrandProposalInput!) { rejectBrandProposal(input: $i) { brandProposal { id status rejectionReason decidedAt } } }';
const LIST =
  'query($s: BrandProposalStatus) { brandProposals(status: $s, first: 100) { edges { node { id name status rejectionReason supplier { id } } } } }';
const BRANDS = 'query { brands(first: 100) { edges { node { id name } } } }';
const CREATE_PRODUCT =
  'mutation($i: CreateProductInput!) { createProduct(input: $i) { product { id brand { id name } } } }';

describe('brand proposals', () => {
  let sys: TestSystem;
  const s1 = supplierAdmin('1');
  const s2 = supplierAdmin('2');
  const listed = async (who: Parameters<TestSystem['gql']>[0], status = 'PENDING') =>
    (
      ok(await sys.gql(who, LIST, { s: status })).brandProposals.edges as {
        node: { id: string; name: string; status: string; rejectionReason: string | null; supplier: { id: string } };
      }[]
    ).map((e) => e.node);
  const brandNames = async (who: Parameters<TestSystem['gql']>[0] = bankOperator) =>
    (ok(await sys.gql(who, BRANDS)).brands.edges as { node: { name: string } }[]).map((e) => e.node.name);
  const product = (brandId: string, code: string) => ({ code, title: '测试商品', brandId, categoryId: '3' });

  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  it("a supplier proposes; the proposal is PENDING, in its own and the platform's queue only, and is not a brand", async () => {
    const p = ok(
      await sys.gql(supplierStaff('1'), PROPOSE, { i: { name: '  山野茶社 ', note: '品牌授权书编号 A-001' } }),
    ).proposeBrand.brandProposal;
    assert.deepEqual(
      { ...p, id: undefined },
      {
        id: undefined,
        name: '山野茶社',
        note: '品牌授权书编号 A-001',
        status: 'PENDING',
        rejectionReason: null,
        supplier: { id: '1' },
        brand: null,
      },
    );
    assert.ok((await listed(s1)).some((x) => x.id === p.id));
    assert.ok((await listed(platformAdmin)).some((x) => x.id === p.id && x.supplier.id === '1'));
    // Another supplier neither sees it nor is told about it when proposing the same name.
    assert.ok(!(await listed(s2)).some((x) => x.id === p.id));
    const same = ok(await sys.gql(s2, PROPOSE, { i: { name: '山野茶社' } })).proposeBrand.brandProposal;
    assert.equal(same.status, 'PENDING');
    assert.ok(!(await brandNames()).includes('山野茶社'));
    assert.equal(await (await sys.orm('catalog')).em.fork().count(Brand, { name: '山野茶社' }), 0);
    // Bank staff and customers have no queue.
    assert.equal(errorCode(await sys.gql(bankOperator, LIST, {})), 'FORBIDDEN');
  });

  it('a pending proposal gives no brand anyone could put a product under (its proposer included); only the platform decides it', async () => {
    const p = ok(await sys.gql(s1, PROPOSE, { i: { name: '晨曦厨具' } })).proposeBrand.brandProposal;
    // Nothing to reference: no brand row, no brand in any list, no brand on the proposal.
    assert.equal(p.brand, null);
    assert.equal(await (await sys.orm('catalog')).em.fork().count(Brand, { name: '晨曦厨具' }), 0);
    for (const who of [s1, s2, bankOperator]) assert.ok(!(await brandNames(who)).includes('晨曦厨具'));
    for (const who of [s1, supplierStaff('1'), s2, bankOperator]) {
      assert.equal(errorCode(await sys.gql(who, APPROVE, { i: { brandProposalId: p.id } })), 'FORBIDDEN');
      assert.equal(
        errorCode(await sys.gql(who, REJECT, { i: { brandProposalId: p.id, reason: '不行' } })),
        'FORBIDDEN',
      );
    }
    // The platform does not propose; it creates brands directly.
    assert.equal(errorCode(await sys.gql(platformAdmin, PROPOSE, { i: { name: '平台品牌' } })), 'FORBIDDEN');
    assert.equal(
      (await (await sys.orm('catalog')).em.fork().findOneOrFail(BrandProposal, Number(p.id))).status,
      'PENDING',
    );
  });

  it('approval creates the brand once; the proposer can use it at once, other suppliers once authorised for it', async () => {
    const p = ok(await sys.gql(s1, PROPOSE, { i: { name: '北岭咖啡' } })).proposeBrand.brandProposal;
    const approved = ok(await sys.gql(platformAdmin, APPROVE, { i: { brandProposalId: p.id } })).approveBrandProposal;
    assert.equal(approved.brandProposal.status, 'APPROVED');
    assert.ok(approved.brandProposal.decidedAt);
    assert.deepEqual(approved.brandProposal.brand, approved.brand);
    assert.equal(approved.brand.name, '北岭咖啡');
    assert.ok((await brandNames()).includes('北岭咖啡'));
    const made = ok(await sys.gql(s1, CREATE_PRODUCT, { i: product(approved.brand.id, 'APPROVED-BRAND-1') }))
      .createProduct.product;
    assert.deepEqual(made.brand, { id: approved.brand.id, name: '北岭咖啡' });
    // Issue 15: a brand is sold by the suppliers authorised for it (the proposer is; others apply).
    assert.equal(
      errorCode(await sys.gql(s2, CREATE_PRODUCT, { i: product(approved.brand.id, 'APPROVED-BRAND-2') })),
      'FORBIDDEN',
    );
    ok(
      await sys.gql(
        platformAdmin,
        'mutation($i: AuthorizeSupplierBrandsInput!) { authorizeSupplierBrands(input: $i) { supplier { id } } }',
        { i: { supplierId: '2', brandIds: [approved.brand.id] } },
      ),
    );
    ok(await sys.gql(s2, CREATE_PRODUCT, { i: product(approved.brand.id, 'APPROVED-BRAND-2') }));
    // Decided once: a second decision either way is CONFLICT, and it left the queue.
    assert.equal(errorCode(await sys.gql(platformAdmin, APPROVE, { i: { brandProposalId: p.id } })), 'CONFLICT');
    assert.equal(
      errorCode(await sys.gql(platformAdmin, REJECT, { i: { brandProposalId: p.id, reason: '重复' } })),
      'CONFLICT',
    );
    assert.ok(!(await listed(platformAdmin)).some((x) => x.id === p.id));
    assert.ok((await listed(s1, 'APPROVED')).some((x) => x.id === p.id));
    // Now that it exists, proposing it again points to it.
    const again = await sys.gql(s2, PROPOSE, { i: { name: '北岭咖啡' } });
    assert.equal(errorCode(again), 'CONFLICT');
    assert.match(again.errors![0]!.message, new RegExp(`id ${approved.brand.id}`));
  });

  it('two suppliers proposed the same name: approving one makes approving the other CONFLICT, and it is rejected with a reason only its proposer reads', async () => {
    const a = ok(await sys.gql(s1, PROPOSE, { i: { name: '云岫丝绸' } })).proposeBrand.brandProposal;
    const b = ok(await sys.gql(s2, PROPOSE, { i: { name: '云岫丝绸' } })).proposeBrand.brandProposal;
    // A supplier's own duplicate while pending is refused.
    assert.equal(errorCode(await sys.gql(s2, PROPOSE, { i: { name: '云岫丝绸' } })), 'CONFLICT');
    ok(await sys.gql(platformAdmin, APPROVE, { i: { brandProposalId: a.id } }));
    assert.equal(errorCode(await sys.gql(platformAdmin, APPROVE, { i: { brandProposalId: b.id } })), 'CONFLICT');
    const tooShort = await sys.gql(platformAdmin, REJECT, { i: { brandProposalId: b.id, reason: ' ' } });
    assert.equal(errorCode(tooShort), 'BAD_USER_INPUT');
    const rejected = ok(
      await sys.gql(platformAdmin, REJECT, { i: { brandProposalId: b.id, reason: '该品牌已存在，请直接选用' } }),
    ).rejectBrandProposal.brandProposal;
    assert.deepEqual([rejected.status, rejected.rejectionReason], ['REJECTED', '该品牌已存在，请直接选用']);
    assert.deepEqual(
      (await listed(s2, 'REJECTED')).find((x) => x.id === b.id)?.rejectionReason,
      '该品牌已存在，请直接选用',
    );
    assert.ok(!(await listed(s1, 'REJECTED')).some((x) => x.id === b.id));
    assert.equal(await (await sys.orm('catalog')).em.fork().count(Brand, { name: '云岫丝绸' }), 1);
    assert.equal(errorCode(await sys.gql(platformAdmin, APPROVE, { i: { brandProposalId: '99999999' } })), 'NOT_FOUND');
  });

  it('bad input: an empty name, an over-long note; a 500-character note over two lines is fine', async () => {
    const empty = await sys.gql(s1, PROPOSE, { i: { name: '   ' } });
    assert.equal(errorCode(empty), 'BAD_USER_INPUT');
    const note = await sys.gql(s1, PROPOSE, { i: { name: '长备注品牌', note: 'x'.repeat(501) } });
    assert.equal(errorCode(note), 'BAD_USER_INPUT');
    assert.deepEqual(
      (note.errors![0]!.extensions!.problems as { field: string }[]).map((p) => p.field),
      ['input.note'],
    );
    const longNote = `${'授'.repeat(250)}\n${'权'.repeat(249)}`;
    const accepted = ok(await sys.gql(s1, PROPOSE, { i: { name: '长备注品牌', note: longNote } })).proposeBrand
      .brandProposal;
    assert.equal(accepted.status, 'PENDING');
  });
});
