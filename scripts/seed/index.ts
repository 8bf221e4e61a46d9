import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { SubgraphName } from '../../core/config';
import { Category } from '../../subgraphs/catalog/entities/category';
import { Product } from '../../subgraphs/catalog/entities/product';
import { Sku, SkuKind, SkuStatus } from '../../subgraphs/catalog/entities/sku';
import { Stock } from '../../subgraphs/catalog/entities/stock';
import { Supplier } from '../../subgraphs/catalog/entities/supplier';
import { CodeState, VirtualCardCode, VirtualCardKind } from '../../subgraphs/catalog/entities/virtual-card';
import { CodeCipher } from '../../subgraphs/catalog/services/code-crypto';
import { Carrier } from '../../subgraphs/logistics/entities/carrier';
import { CarrierSecrets } from '../../subgraphs/logistics/services/carrier-secrets';
import { PointsAccount } from '../../subgraphs/loyalty/entities/points-account';
import { StaffMember, StaffMemberStatus, StaffRole } from '../../subgraphs/staff/entities/staff-member';
import { hashPassword } from '../../subgraphs/staff/services/passwords';
import { kindOfRole } from '../../subgraphs/staff/services/staff-member.service';
import { TotpSecrets } from '../../subgraphs/staff/services/totp';
import { PermissionGroup } from '../../subgraphs/staff/entities/permission-group';
import { PermissionGroupService } from '../../subgraphs/staff/services/permission-groups.service';
import { staffTenant } from '../../subgraphs/staff/services/staff-tenant';
import { EarnRule } from '../../subgraphs/loyalty/entities/earn-rule';
import { LedgerEntryType, PointsTrack } from '../../subgraphs/loyalty/entities/ledger-entry';
import { PointsLedger } from '../../subgraphs/loyalty/services/ledger';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { catalogSubgraph } from '../../subgraphs/catalog/schema';
import { tenantsSubgraph } from '../../subgraphs/tenants/schema';
import { seedThroughApi } from './through-api';
import { Bank } from '../../subgraphs/tenants/entities/bank';
import { Campaign, CampaignListing, CampaignState, CampaignTemplate } from '../../subgraphs/tenants/entities/campaign';
import { Customer, CustomerTag, Gender } from '../../subgraphs/tenants/entities/customer';
import { Segment } from '../../subgraphs/tenants/entities/segment';
import { Tier } from '../../subgraphs/tenants/entities/tier';
import { ListingTier } from '../../subgraphs/tenants/entities/listing';
import { MembershipService } from '../../subgraphs/tenants/services/membership.service';
import { discounted } from '../../subgraphs/tenants/services/pricing';
import { tierFor } from '../../subgraphs/tenants/services/tier.service';
import { Listing, ListingStatus, PriceMode } from '../../subgraphs/tenants/entities/listing';
import { ALL_PARTNER_SCOPES, PartnerApp } from '../../subgraphs/tenants/entities/partner-app';
import { hashSecret } from '../../subgraphs/tenants/services/partner-app.service';
import {
  BANKS,
  BRANDS,
  CARRIERS,
  CATEGORIES,
  CUSTOMERS_PER_BANK,
  DOUBLE_TWELVE_2026,
  SEGMENTS,
  SUPPLIERS,
  TIERS,
  DEMO_EARN_RULES,
  DEMO_STAFF,
  cardKindOf,
  categoryPath,
  customerAttributes,
  customerId,
  customerRef,
  demoCarrierSecret,
  demoPartnerApp,
  planCardKinds,
  planCatalog,
  planCodes,
  planPointsAccounts,
  planTierPoints,
  prng,
  segmentId,
  tierId,
} from './demo-plan';

const now = () => new Date();

async function seedCatalog(em: EntityManager): Promise<void> {
  if ((await em.count(Supplier, {})) > 0) return;
  const { products, skus } = planCatalog();
  const kinds = planCardKinds();
  const codesOf = new Map(kinds.map((k) => [k.id, planCodes(k)]));
  await em.insertMany(
    VirtualCardKind,
    kinds.map((k) => ({
      id: k.id,
      supplierId: k.supplierId,
      name: k.name,
      faceValueFen: k.faceValueFen,
      validityDays: k.validityDays,
      lowPoolThreshold: 10,
      availableCodes: codesOf.get(k.id)!.length /* every seeded code is AVAILABLE */,
      createdAt: now(),
    })),
  );
  const cipher = new CodeCipher();
  await em.insertMany(
    VirtualCardCode,
    kinds.flatMap((k) =>
      codesOf.get(k.id)!.map((code) => ({
        kindId: k.id,
        supplierId: k.supplierId,
        ciphertext: cipher.encrypt(code, k.id),
        codeHash: cipher.hash(code),
        state: CodeState.AVAILABLE,
        createdAt: now(),
      })),
    ),
  );
  await onboardSuppliers(em, products);
  await em.insertMany(
    Category,
    CATEGORIES.map(([id, name, parent]) => ({ id, name, parent: parent ?? null, path: categoryPath(id) })),
  );
  await em.insertMany(
    Product,
    products.map((p) => ({
      id: p.id,
      supplier: p.supplierId,
      code: `P${String(p.id).padStart(5, '0')}`,
      brand: p.brandId,
      category: p.categoryId,
      title: p.title,
      description: `${p.title}，正品行货，全国包邮。`,
      images: [`https://img.perkmall.example/products/${p.id}.jpg`],
      attributes: p.virtual ? { 发放方式: '卡密直充' } : { 产地: '中国', 保修: '一年' },
      createdAt: now(),
      updatedAt: now(),
    })),
  );
  await em.insertMany(
    Sku,
    skus.map((s) => ({
      id: s.id,
      product: s.productId,
      supplierId: s.supplierId,
      code: `SKU${String(s.id).padStart(6, '0')}`,
      virtualCardKindId: cardKindOf(s, kinds)?.id ?? null,
      brandId: s.brandId,
      categoryId: s.categoryId,
      categoryPath: categoryPath(s.categoryId),
      title: s.title,
      kind: s.virtual ? SkuKind.VIRTUAL : SkuKind.PHYSICAL,
      specs: s.specs,
      barcode: s.virtual ? null : `69${String(100000000 + s.id * 7919).padStart(11, '0')}`,
      supplierPriceFen: s.supplierPriceFen,
      listPriceFen: s.listPriceFen,
      weightGrams: s.virtual ? 0 : 500,
      status: SkuStatus.ACTIVE,
      createdAt: s.createdAt,
      updatedAt: s.createdAt,
    })),
  );
  await em.insertMany(
    Stock,
    skus.map((s) => ({
      skuId: s.id,
      available: s.virtual ? 0 : s.available /* a card SKU's stock is its kind's unissued codes */,
      reserved: 0,
      lowStockThreshold: 5,
      updatedAt: now(),
    })),
  );
}

/**
 * Brands and suppliers come in the way a real one does, through the catalog's GraphQL operations:
 * the platform adds the brands, records each supplier's application with the brands it sells, and
 * approves it (creating the supplier and its brand authorisations). Ids follow creation order, so
 * on the fresh database the seed starts from they are the plan's.
 */
async function onboardSuppliers(
  em: EntityManager,
  products: ReturnType<typeof planCatalog>['products'],
): Promise<void> {
  for (const brand of BRANDS) {
    const { createBrand } = await seedThroughApi<{ createBrand: { brand: { id: string } } }>(
      catalogSubgraph,
      em,
      'mutation($i: CreateBrandInput!) { createBrand(input: $i) { brand { id } } }',
      { i: { name: brand.name } },
    );
    expectPlanId('brand', brand.id, createBrand.brand.id);
  }
  for (const supplier of SUPPLIERS) {
    const brandIds = [...new Set(products.filter((p) => p.supplierId === supplier.id).map((p) => String(p.brandId)))];
    const { submitSupplierApplication } = await seedThroughApi<{
      submitSupplierApplication: { supplierApplication: { id: string } };
    }>(
      catalogSubgraph,
      em,
      'mutation($i: SubmitSupplierApplicationInput!) { submitSupplierApplication(input: $i) { supplierApplication { id } } }',
      {
        i: {
          supplierCode: supplier.code,
          companyName: supplier.name,
          registrationNumber: `91330100MA${String(supplier.id).padStart(8, '0')}`,
          contactName: '商务对接人',
          contactEmail: `bd@${supplier.code.toLowerCase()}.example`,
          brandIds,
        },
      },
    );
    const { approveSupplierApplication } = await seedThroughApi<{
      approveSupplierApplication: { supplier: { id: string } };
    }>(
      catalogSubgraph,
      em,
      'mutation($i: ApproveSupplierApplicationInput!) { approveSupplierApplication(input: $i) { supplier { id } } }',
      { i: { supplierApplicationId: submitSupplierApplication.supplierApplication.id } },
    );
    expectPlanId('supplier', supplier.id, approveSupplierApplication.supplier.id);
  }
}

/** Banks and their malls through the tenants GraphQL operations, as the platform onboards a bank. */
async function onboardBanks(em: EntityManager): Promise<void> {
  for (const { id, mallName, ...bank } of BANKS) {
    const { createBank } = await seedThroughApi<{ createBank: { bank: { id: string } } }>(
      tenantsSubgraph,
      em,
      'mutation($i: CreateBankInput!) { createBank(input: $i) { bank { id } } }',
      { i: { ...bank, timeZone: 'Asia/Shanghai' } },
    );
    expectPlanId('bank', id, createBank.bank.id);
    const { createMall } = await seedThroughApi<{ createMall: { mall: { id: string } } }>(
      tenantsSubgraph,
      em,
      'mutation($i: CreateMallInput!) { createMall(input: $i) { mall { id } } }',
      { i: { bankId: String(id), name: mallName } },
    );
    expectPlanId('mall', id, createMall.mall.id);
  }
}

/** The rest of the plan refers to these ids; a database that was not fresh would not match it. */
function expectPlanId(what: string, planned: number, got: string): void {
  if (String(planned) !== got)
    throw new Error(`seed: the demo ${what} got id ${got}, the plan expects ${planned}; seed an empty database.`);
}

async function seedTenants(em: EntityManager): Promise<void> {
  if ((await em.count(Bank, {})) > 0) return;
  const { skus } = planCatalog();
  const rand = prng(7);
  await onboardBanks(em);
  const listings = [];
  for (const bank of BANKS) {
    // Each bank curates about two thirds of the pool, priced from what it pays the supplier.
    for (const sku of skus) {
      if (rand() > 0.66) continue;
      const costPoints = Math.ceil((sku.supplierPriceFen * 115 * bank.pointsPerYuan) / 10_000); // cost + 15%, in points
      const mode = sku.virtual ? PriceMode.POINTS : rand() < 0.3 ? PriceMode.POINTS_PLUS_CASH : PriceMode.POINTS;
      listings.push({
        mall: bank.id,
        bankId: bank.id,
        skuId: sku.id,
        priceMode: mode,
        pricePoints: mode === PriceMode.POINTS ? costPoints : Math.ceil(costPoints / 2),
        priceFen: mode === PriceMode.POINTS ? 0 : Math.ceil((sku.supplierPriceFen * 115) / 200),
        featuredRank: rand() < 0.1 ? 10 : 0,
        status: ListingStatus.ACTIVE,
        createdAt: now(),
        updatedAt: now(),
      });
    }
  }
  await em.insertMany(Listing, listings);
  // Tiers (普通/银卡/金卡/白金) and each customer's tier, from the tier points loyalty seeds.
  await em.insertMany(
    Tier,
    BANKS.flatMap((b) =>
      TIERS.map(([name, rank, minTierPoints, benefits]) => ({
        id: tierId(b.id, rank),
        bankId: b.id,
        name,
        rank,
        minTierPoints,
        benefits,
        createdAt: now(),
      })),
    ),
  );
  const ladder = BANKS.map((b) =>
    TIERS.map(([, rank, minTierPoints]) => ({ id: tierId(b.id, rank), rank, minTierPoints })),
  );
  const tierPoints = planTierPoints();
  const customers = [];
  const tags = [];
  for (const bank of BANKS) {
    for (let n = 1; n <= CUSTOMERS_PER_BANK; n++) {
      const id = customerId(bank.id, n);
      const { tags: customerTags, gender, ...attrs } = customerAttributes(n);
      customers.push({
        id,
        bankId: bank.id,
        externalRef: customerRef(bank.id, n),
        gender: gender as Gender,
        ...attrs,
        tierId: tierFor(ladder[bank.id - 1]!, tierPoints.get(id) ?? 0),
        tierPoints: tierPoints.get(id) ?? 0,
        createdAt: now(),
        updatedAt: now(),
      });
      tags.push(...customerTags.map((tag) => ({ customerId: id, tag })));
    }
  }
  await em.insertMany(Customer, customers);
  await em.insertMany(CustomerTag, tags);
  // Segments by rules; membership is materialised like any later change would do it.
  const segments = BANKS.flatMap((b) =>
    SEGMENTS.map(([name, rules], k) => ({
      id: segmentId(b.id, k),
      bankId: b.id,
      name,
      rules,
      createdAt: now(),
      updatedAt: now(),
    })),
  );
  await em.insertMany(Segment, segments);
  for (const s of await em.find(Segment, {}, { orderBy: { id: 'ASC' } }))
    await new MembershipService(em).recomputeForSegment(s);
  // Airport lounge passes (category 13) are for 金卡 and 白金 customers only.
  const loungeSkus = new Set(skus.filter((s) => s.categoryId === 13).map((s) => s.id));
  const lounge = await em.find(Listing, { skuId: { $in: [...loungeSkus] } }, { orderBy: { id: 'ASC' } });
  await em.insertMany(
    ListingTier,
    lounge.flatMap((l) => [2, 3].map((rank) => ({ listingId: l.id, tierId: tierId(l.bankId, rank) }))),
  );
  await em.nativeUpdate(Listing, { id: { $in: lounge.map((l) => l.id) } }, { tierRestricted: true });
  // 双十二: 20% off the first ten featured listings of each mall, scheduled for December 12.
  for (const bank of BANKS) {
    const featured = await em.find(
      Listing,
      { mall: bank.id, featuredRank: { $gt: 0 }, tierRestricted: false },
      { orderBy: { id: 'ASC' }, limit: 10 },
    );
    const campaign = em.create(Campaign, {
      id: bank.id,
      bankId: bank.id,
      mallId: bank.id,
      name: '双十二年终盛典',
      template: CampaignTemplate.DOUBLE_TWELVE,
      startsAt: DOUBLE_TWELVE_2026.startsAt,
      endsAt: DOUBLE_TWELVE_2026.endsAt,
      state: CampaignState.SCHEDULED,
      segmentRestricted: false,
      budgetFen: DOUBLE_TWELVE_2026.budgetFen,
      createdAt: now(),
      updatedAt: now(),
    });
    await em.flush();
    await em.insertMany(
      CampaignListing,
      featured.map((l) => {
        const p = discounted(
          { priceMode: l.priceMode, points: l.pricePoints, fen: l.priceFen },
          DOUBLE_TWELVE_2026.discountBp,
        );
        return {
          campaignId: campaign.id,
          listingId: l.id,
          priceMode: p.priceMode,
          pricePoints: p.points,
          priceFen: p.fen,
        };
      }),
    );
  }
  for (const bank of BANKS) {
    const app = demoPartnerApp(bank.id);
    await em.insertMany(PartnerApp, [
      {
        id: app.id,
        bankId: bank.id,
        name: `${bank.name} 手机银行`,
        clientId: app.clientId,
        secretHash: await hashSecret(app.clientSecret),
        active: true,
        scopeList: ALL_PARTNER_SCOPES.join(','),
        createdAt: now(),
      },
    ]);
  }
}

async function seedLoyalty(em: EntityManager): Promise<void> {
  if ((await em.count(PointsAccount, {})) > 0) return;
  const ledger = new PointsLedger(em as SqlEntityManager);
  const openedAt = new Date(Date.UTC(2026, 0, 1));
  // Opening balances go through the ledger like any other points, so verifyLedger is clean; the
  // numbers are the plan's, which tenants also uses for the customers' tiers.
  for (const plan of planPointsAccounts()) {
    const account = await ledger.ensureAccount(plan.bankId, plan.customerId);
    const source = 'migration:opening-balance';
    const n = plan.customerId % CUSTOMERS_PER_BANK;
    // A tenth of the points expire soon, so "expiring soon" has something to show.
    const soon = Math.floor(plan.redeemable / 10);
    await ledger.credit(
      account,
      {
        type: LedgerEntryType.EARN,
        track: PointsTrack.REDEEMABLE,
        amount: soon,
        source,
        idempotencyKey: `seed:${plan.customerId}:a`,
        occurredAt: openedAt,
      },
      new Date(Date.now() + (10 + n) * 86_400_000),
    );
    await ledger.credit(
      account,
      {
        type: LedgerEntryType.EARN,
        track: PointsTrack.REDEEMABLE,
        amount: plan.redeemable - soon,
        source,
        idempotencyKey: `seed:${plan.customerId}:b`,
        occurredAt: openedAt,
      },
      new Date(Date.UTC(2027, 11, 31)),
    );
    if (plan.tierPoints > 0) {
      await ledger.addTierPoints(account, {
        type: LedgerEntryType.EARN,
        track: PointsTrack.TIER,
        amount: plan.tierPoints,
        source,
        idempotencyKey: `seed:${plan.customerId}:tier`,
        occurredAt: openedAt,
      });
    }
  }
  for (const rule of DEMO_EARN_RULES) em.persist(em.create(EarnRule, { ...rule, createdAt: now() }));
  await em.flush();
}

/** Demo carriers with well-known dev secrets (`dev-callback-secret-<code>`), sealed like real ones. */
async function seedLogistics(em: EntityManager): Promise<void> {
  if ((await em.count(Carrier, {})) > 0) return;
  const secrets = new CarrierSecrets();
  await em.insertMany(
    Carrier,
    CARRIERS.map((c) => ({ ...c, active: true, secretSealed: secrets.seal(c.code, demoCarrierSecret(c.code)) })),
  );
}

/** Demo staff with known passwords; admins with a confirmed TOTP secret (printed by `npm start`). */
async function seedStaff(em: EntityManager): Promise<void> {
  if ((await em.count(StaffMember, {})) > 0) return;
  const secrets = new TotpSecrets();
  const now = new Date();
  for (const s of DEMO_STAFF) {
    em.persist(
      em.create(StaffMember, {
        id: s.id,
        kind: kindOfRole(s.role as StaffRole),
        bankId: s.bankId,
        supplierId: s.supplierId,
        loginName: s.loginName,
        displayName: s.displayName,
        role: s.role as StaffRole,
        status: StaffMemberStatus.ACTIVE,
        passwordHash: await hashPassword(s.password),
        passwordChangedAt: now,
        totpSecretSealed: s.totpSecret ? secrets.seal(s.id, s.totpSecret) : null,
        totpConfirmedAt: s.totpSecret ? now : null,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }
  await em.flush();
  // Members who are not admins act through built-in groups, as an invited operator would.
  const groups = new PermissionGroupService(em as SqlEntityManager, { role: 'SERVICE', sub: 'seed' });
  for (const s of DEMO_STAFF) {
    const codes = 'groups' in s ? s.groups : [];
    if (!codes.length) continue;
    const member = await em.findOneOrFail(StaffMember, s.id);
    const tenant = staffTenant(member.kind, member.bankId ?? null, member.supplierId ?? null);
    await groups.ensureBuiltInGroups(tenant);
    await groups.setMemberships(
      member,
      await em.find(PermissionGroup, { tenantKey: tenant.key, code: { $in: codes } }),
    );
  }
}

const SEEDERS: Partial<Record<SubgraphName, (em: EntityManager) => Promise<void>>> = {
  catalog: seedCatalog,
  tenants: seedTenants,
  loyalty: seedLoyalty,
  logistics: seedLogistics,
  staff: seedStaff,
};

/** Seeds one subgraph's own database with its part of the demo; a second run changes nothing. */
export async function seedSubgraph(name: SubgraphName, orm: MikroORM): Promise<void> {
  const seeder = SEEDERS[name];
  if (!seeder) return;
  await orm.em.fork().transactional((em) => seeder(em));
}
