/**
 * Issue 15, onboarding: suppliers apply with the brands they want to sell; the platform approves
 * (creating the supplier and its brand authorisations) or rejects with a reason. A supplier may put
 * products only under brands it is authorised for.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, errorCode, type TestSystem } from '../harness';
import { SupplierBrand } from '../../subgraphs/catalog/entities/supplier-application';
import { bankOperator, ok, platformAdmin, supplierAdmin, supplierStaff } from './helpers';

const SUBMIT =
  'mutation($i: SubmitSupplierApplicationInput!) { submitSupplierApplication(input: $i) { supplierApplication { id status supplierCode companyName newBrandNames brands { id } supplier { id } } } }';
const APPROVE =
  'mutation($i: ApproveSupplierApplicationInput!) { approveSupplierApplication(input: $i) { supplierApplication { id status decidedAt supplier { id code name } } supplier { id code name } } }';
const REJECT =
  'mutation($i: RejectSupplierApplicationInput!) { rejectSupplierApplication(input: $i) { supplierApplication { id status rejectionReason } } }';
const ONE = 'query($id: ID!) { supplierApplication(id: $id) { id status rejectionReason } }';
const LIST =
  'query($s: SupplierApplicationStatus) { supplierApplications(status: $s, first: 100) { edges { node { id supplier { id } } } } }';
const CREATE_PRODUCT =
  'mutation($i: CreateProductInput!) { createProduct(input: $i) { product { id brand { id } supplier { id } } } }';
const BRANDS = 'query { brands(first: 100) { edges { node { id name } } } }';

const company = (code: string, extra: Record<string, unknown> = {}) => ({
  supplierCode: code,
  companyName: '远山茶器有限公司',
  registrationNumber: '91330100MA2H3K4L5P',
  contactName: '王五',
  contactEmail: 'bd@yuanshan.example',
  contactPhone: '+86 571-8888 0000',
  ...extra,
});

describe('supplier applications and brand authorisations', () => {
  let sys: TestSystem;
  const product = (brandId: string, code: string) => ({ code, title: '茶器', brandId, categoryId: '8' });

  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await sys?.stop();
  });

  it("approval creates the supplier with its brands: its admin creates products under them, and not under a brand it wasn't approved for", async () => {
    const submitted = ok(
      await sys.gql(platformAdmin, SUBMIT, {
        i: company('YUANSHAN', { brandIds: ['12'], newBrandNames: ['远山', ' 远山 '], note: '授权书 YS-1' }),
      }),
    ).submitSupplierApplication.supplierApplication;
    assert.deepEqual(
      { ...submitted, id: undefined },
      {
        id: undefined,
        status: 'PENDING',
        supplierCode: 'YUANSHAN',
        companyName: '远山茶器有限公司',
        newBrandNames: ['远山'],
        brands: [{ id: '12' }],
        supplier: null,
      },
    );
    const approved = ok(
      await sys.gql(platformAdmin, APPROVE, { i: { supplierApplicationId: submitted.id } }),
    ).approveSupplierApplication;
    assert.equal(approved.supplierApplication.status, 'APPROVED');
    assert.deepEqual(approved.supplier, approved.supplierApplication.supplier);
    assert.deepEqual([approved.supplier.code, approved.supplier.name], ['YUANSHAN', '远山茶器有限公司']);
    const newBrand = (ok(await sys.gql(bankOperator, BRANDS)).brands.edges as { node: { id: string; name: string } }[])
      .map((e) => e.node)
      .find((b) => b.name === '远山')!;
    assert.ok(newBrand);
    const admin = supplierAdmin(approved.supplier.id);
    for (const [brandId, code] of [
      ['12', 'YS-1'],
      [newBrand.id, 'YS-2'],
    ] as const) {
      const made = ok(await sys.gql(admin, CREATE_PRODUCT, { i: product(brandId, code) })).createProduct.product;
      assert.deepEqual([made.brand.id, made.supplier.id], [brandId, approved.supplier.id]);
    }
    const AUTHORISED = 'query($s: ID!) { authorizedBrands(supplierId: $s) { edges { node { id } } } }';
    const authorised = (who: Parameters<TestSystem['gql']>[0]) => sys.gql(who, AUTHORISED, { s: approved.supplier.id });
    assert.deepEqual(
      ok(await authorised(admin)).authorizedBrands.edges.map((e: { node: { id: string } }) => e.node.id),
      ['12', newBrand.id],
    );
    assert.equal(ok(await authorised(platformAdmin)).authorizedBrands.edges.length, 2);
    assert.equal(errorCode(await authorised(supplierAdmin('1'))), 'NOT_FOUND');
    const refused = await sys.gql(admin, CREATE_PRODUCT, { i: product('1', 'YS-3') });
    assert.equal(errorCode(refused), 'FORBIDDEN');
    assert.match(refused.errors![0]!.message, /not authorised to sell brand 1/);
    // Nor by moving a product to it, nor in a bulk upload.
    const first = ok(
      await sys.gql(admin, '{ supplier(id: "' + approved.supplier.id + '") { products { edges { node { id } } } } }'),
    ).supplier.products.edges[0].node.id;
    assert.equal(
      errorCode(
        await sys.gql(
          admin,
          `mutation { updateProduct(input: { productId: "${first}", brandId: "1" }) { product { id } } }`,
        ),
      ),
      'FORBIDDEN',
    );
    assert.equal(
      errorCode(
        await sys.gql(
          admin,
          'mutation($rows: [ProductRowInput!]!) { bulkUpsertProducts(input: { rows: $rows }) { __typename } }',
          { rows: [product('12', 'YS-4'), product('1', 'YS-5')] },
        ),
      ),
      'FORBIDDEN',
    );
    // Deciding again is CONFLICT.
    assert.equal(
      errorCode(await sys.gql(platformAdmin, APPROVE, { i: { supplierApplicationId: submitted.id } })),
      'CONFLICT',
    );
  });

  it('an existing supplier applies for more brands; the platform rejects with a reason or approves; applications are seen by their supplier and the platform only', async () => {
    const s3 = supplierAdmin('3');
    assert.equal(errorCode(await sys.gql(s3, CREATE_PRODUCT, { i: product('9', 'S3-SB-1') })), 'FORBIDDEN');
    const asked = ok(await sys.gql(s3, SUBMIT, { i: { brandIds: ['9'], note: '星巴克授权' } }))
      .submitSupplierApplication.supplierApplication;
    assert.deepEqual([asked.status, asked.supplier.id, asked.supplierCode], ['PENDING', '3', 'HOMELIFE']);
    const other = ok(await sys.gql(platformAdmin, SUBMIT, { i: company('QINGSHAN', { brandIds: ['1'] }) }))
      .submitSupplierApplication.supplierApplication;
    // Another supplier sees neither; the applicant sees its own, not a new company's.
    for (const id of [asked.id, other.id])
      assert.equal(errorCode(await sys.gql(supplierAdmin('1'), ONE, { id })), 'NOT_FOUND');
    assert.equal(errorCode(await sys.gql(s3, ONE, { id: other.id })), 'NOT_FOUND');
    assert.equal(ok(await sys.gql(s3, ONE, { id: asked.id })).supplierApplication.status, 'PENDING');
    const ids = (who: Parameters<TestSystem['gql']>[0]) =>
      sys
        .gql(who, LIST, {})
        .then((r) => (ok(r).supplierApplications.edges as { node: { id: string } }[]).map((e) => e.node.id));
    assert.deepEqual(await ids(supplierAdmin('1')), []);
    assert.deepEqual(await ids(s3), [asked.id]);
    assert.ok((await ids(platformAdmin)).includes(other.id));
    // Only the platform decides; bank staff have no queue.
    for (const who of [s3, supplierStaff('3'), bankOperator]) {
      assert.equal(errorCode(await sys.gql(who, APPROVE, { i: { supplierApplicationId: asked.id } })), 'FORBIDDEN');
    }
    assert.equal(errorCode(await sys.gql(bankOperator, LIST, {})), 'FORBIDDEN');
    assert.equal(errorCode(await sys.gql(supplierStaff('3'), SUBMIT, { i: { brandIds: ['9'] } })), 'FORBIDDEN');
    const platformWithout = { ...platformAdmin, permissions: ['MANAGE_CARRIERS' as const] };
    assert.equal(
      errorCode(await sys.gql(platformWithout, APPROVE, { i: { supplierApplicationId: asked.id } })),
      'FORBIDDEN',
    );
    assert.equal(
      errorCode(await sys.gql(platformAdmin, REJECT, { i: { supplierApplicationId: other.id, reason: 'x' } })),
      'BAD_USER_INPUT',
    );
    const rejected = ok(
      await sys.gql(platformAdmin, REJECT, {
        i: { supplierApplicationId: other.id, reason: '营业执照信息不符，请核对后重新申请。' },
      }),
    ).rejectSupplierApplication.supplierApplication;
    assert.deepEqual([rejected.status, rejected.rejectionReason], ['REJECTED', '营业执照信息不符，请核对后重新申请。']);
    ok(await sys.gql(platformAdmin, APPROVE, { i: { supplierApplicationId: asked.id } }));
    ok(await sys.gql(s3, CREATE_PRODUCT, { i: product('9', 'S3-SB-1') }));
    assert.equal(await (await sys.orm('catalog')).em.fork().count(SupplierBrand, { supplierId: 3, brandId: 9 }), 1);
  });

  it('applications are validated with BAD_USER_INPUT naming each field; a taken supplier code is CONFLICT', async () => {
    const bad = await sys.gql(platformAdmin, SUBMIT, {
      i: {
        supplierCode: 'lower case',
        registrationNumber: 'ABC',
        contactEmail: 'not-an-email',
        contactPhone: 'call me',
      },
    });
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
    assert.deepEqual((bad.errors![0]!.extensions!.problems as { field: string }[]).map((p) => p.field).sort(), [
      'brandIds',
      'companyName',
      'contactEmail',
      'contactName',
      'contactPhone',
      'registrationNumber',
      'supplierCode',
    ]);
    assert.equal(
      errorCode(await sys.gql(platformAdmin, SUBMIT, { i: company('NEWCO', { brandIds: ['99999'] }) })),
      'BAD_USER_INPUT',
    );
    assert.equal(
      errorCode(
        await sys.gql(platformAdmin, SUBMIT, {
          i: company('NEWCO', { newBrandNames: Array.from({ length: 21 }, (_, i) => `新牌${i}`) }),
        }),
      ),
      'BAD_USER_INPUT',
    );
    assert.equal(
      errorCode(await sys.gql(platformAdmin, SUBMIT, { i: company('JINGXUAN', { brandIds: ['1'] }) })),
      'CONFLICT',
    );
  });
});
