import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { SubgraphName } from '../../core/config';
import { Sku } from '../../subgraphs/catalog/entities/sku';
import { Supplier } from '../../subgraphs/catalog/entities/supplier';
import { Carrier } from '../../subgraphs/logistics/entities/carrier';
import { CarrierSecrets } from '../../subgraphs/logistics/services/carrier-secrets';
import { PartnerEndpoint } from '../../subgraphs/logistics/entities/partner-endpoint';
import { PartnerSecrets } from '../../subgraphs/logistics/services/partner-secrets';
import { PointsAccount } from '../../subgraphs/loyalty/entities/points-account';
import { StaffMember } from '../../subgraphs/staff/entities/staff-member';
import { TotpSecrets } from '../../subgraphs/staff/services/totp';
import { LedgerEntryType, PointsTrack } from '../../subgraphs/loyalty/entities/ledger-entry';
import { PointsLedger } from '../../subgraphs/loyalty/services/ledger';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { catalogSubgraph } from '../../subgraphs/catalog/schema';
import { logisticsSubgraph } from '../../subgraphs/logistics/schema';
import { loyaltySubgraph } from '../../subgraphs/loyalty/schema';
import { staffSubgraph } from '../../subgraphs/staff/schema';
import { tenantsSubgraph } from '../../subgraphs/tenants/schema';
import { SEED_LOYALTY, closeSeedPeers, seedBankAdmin, seedSupplierAdmin, seedThroughApi } from './through-api';
import { Bank } from '../../subgraphs/tenants/entities/bank';
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
  customerAttributes,
  customerId,
  customerRef,
  demoCarrierSecret,
  DEMO_PARTNER_ENDPOINT,
  demoPartnerApp,
  planCardKinds,
  planCatalog,
  planCodes,
  planPerkSkus,
  planPointsAccounts,
  planTierPoints,
  prng,
  segmentId,
  tierId,
} from './demo-plan';

async function seedCatalog(em: EntityManager): Promise<void> {
  if ((await em.count(Supplier, {})) > 0) return;
  const { products } = planCatalog();
  await onboardSuppliers(em, products);
  await createCategories(em);
  await uploadCardPools(em);
  await uploadProducts(em);
  await createPerkSkus(em);
}

/** 卡券通's perks delivered through its API (planPerkSkus), created by its admin like any SKU. */
async function createPerkSkus(em: EntityManager): Promise<void> {
  for (const p of planPerkSkus()) {
    const { createSku } = await seedThroughApi<{ createSku: { sku: { id: string } } }>(
      catalogSubgraph,
      em,
      'mutation($i: CreateSkuInput!) { createSku(input: $i) { sku { id } } }',
      {
        i: {
          code: p.code,
          productCode: `P${String(p.productId).padStart(5, '0')}`,
          specs: Object.entries(p.specs).map(([name, value]) => ({ name, value })),
          supplierPriceFen: p.supplierPriceFen,
          listPriceFen: p.listPriceFen,
          initialStock: 10_000,
          deliveryMode: p.deliveryMode,
          accountRule: p.accountRule,
          partnerProductCode: p.partnerProductCode,
        },
      },
      seedSupplierAdmin(2),
    );
    expectPlanId('perk SKU', p.id, createSku.sku.id);
    // Dated before the plan's first SKU, so the pool's newest-first order starts as it did before them.
    const at = new Date(Date.UTC(2025, 11, 31, 12, p.id % 60));
    await em.nativeUpdate(Sku, { id: p.id }, { createdAt: at, updatedAt: at });
  }
}

/** Each card supplier's kinds and their codes, as the supplier uploads its pools (one call per pool). */
async function uploadCardPools(em: EntityManager): Promise<void> {
  for (const k of planCardKinds()) {
    const admin = seedSupplierAdmin(k.supplierId);
    const { createVirtualCardKind } = await seedThroughApi<{
      createVirtualCardKind: { virtualCardKind: { id: string } };
    }>(
      catalogSubgraph,
      em,
      'mutation($i: CreateVirtualCardKindInput!) { createVirtualCardKind(input: $i) { virtualCardKind { id } } }',
      { i: { name: k.name, faceValueFen: k.faceValueFen, validityDays: k.validityDays, lowPoolThreshold: 10 } },
      admin,
    );
    expectPlanId('virtual card kind', k.id, createVirtualCardKind.virtualCardKind.id);
    const codes = planCodes(k);
    const { uploadCodes } = await seedThroughApi<{ uploadCodes: { inserted: number } }>(
      catalogSubgraph,
      em,
      'mutation($i: UploadCodesInput!) { uploadCodes(input: $i) { inserted } }',
      { i: { virtualCardKindId: String(k.id), codes } },
      admin,
    );
    if (uploadCodes.inserted !== codes.length)
      throw new Error(`seed: card kind ${k.id} took ${uploadCodes.inserted} of ${codes.length} codes.`);
  }
}

/**
 * Products and SKUs, as each supplier's admin uploads them in bulk (bulkUpsertProducts, then
 * bulkUpsertSkus with initial stock). The plan interleaves suppliers, so each run of consecutive
 * rows of one supplier is one upload, in plan order: ids then follow the plan.
 */
async function uploadProducts(em: EntityManager): Promise<void> {
  const { products, skus } = planCatalog();
  const kinds = planCardKinds();
  const nameValues = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));
  for (const run of runsOf(products, (p) => p.supplierId)) {
    const { bulkUpsertProducts } = await seedThroughApi<{ bulkUpsertProducts: { created: { id: string }[] } }>(
      catalogSubgraph,
      em,
      'mutation($i: BulkUpsertProductsInput!) { bulkUpsertProducts(input: $i) { created { id } } }',
      {
        i: {
          rows: run.map((p) => ({
            code: productCode(p.id),
            brandId: String(p.brandId),
            categoryId: String(p.categoryId),
            title: p.title,
            description: `${p.title}，正品行货，全国包邮。`,
            images: [`https://img.perkmall.example/products/${p.id}.jpg`],
            attributes: nameValues(p.virtual ? { 发放方式: '卡密直充' } : { 产地: '中国', 保修: '一年' }),
          })),
        },
      },
      seedSupplierAdmin(run[0]!.supplierId),
    );
    bulkUpsertProducts.created.forEach((c, k) => expectPlanId('product', run[k]!.id, c.id));
  }
  for (const run of runsOf(skus, (s) => s.supplierId)) {
    const { bulkUpsertSkus } = await seedThroughApi<{ bulkUpsertSkus: { created: { id: string }[] } }>(
      catalogSubgraph,
      em,
      'mutation($i: BulkUpsertSkusInput!) { bulkUpsertSkus(input: $i) { created { id } } }',
      {
        i: {
          rows: run.map((s) => ({
            code: `SKU${String(s.id).padStart(6, '0')}`,
            productCode: productCode(s.productId),
            specs: nameValues(s.specs),
            barcode: s.virtual ? null : `69${String(100000000 + s.id * 7919).padStart(11, '0')}`,
            supplierPriceFen: s.supplierPriceFen,
            listPriceFen: s.listPriceFen,
            weightGrams: s.virtual ? 0 : 500,
            // A card SKU's stock is its kind's unissued codes.
            ...(s.virtual ? { virtualCardKindId: String(cardKindOf(s, kinds)!.id) } : { initialStock: s.available }),
          })),
        },
      },
      seedSupplierAdmin(run[0]!.supplierId),
    );
    bulkUpsertSkus.created.forEach((c, k) => expectPlanId('SKU', run[k]!.id, c.id));
  }
  // The demo's SKUs came in one an hour from 1 January (so "newest first" has a stable, spread-out
  // order tests page through). Nobody can backdate a SKU through the API — its creation time is
  // when it arrived — so the seed sets the plan's times on the rows afterwards.
  for (const s of skus) await em.nativeUpdate(Sku, { id: s.id }, { createdAt: s.createdAt, updatedAt: s.createdAt });
}

function productCode(id: number): string {
  return `P${String(id).padStart(5, '0')}`;
}

/** Consecutive runs of items with the same key, in order. */
function runsOf<T>(items: T[], key: (item: T) => unknown): T[][] {
  const runs: T[][] = [];
  for (const item of items) {
    const last = runs[runs.length - 1];
    if (last && key(last[0]!) === key(item)) last.push(item);
    else runs.push([item]);
  }
  return runs;
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

/** The category tree, as the platform builds it (parents first, so ids follow the plan). */
async function createCategories(em: EntityManager): Promise<void> {
  for (const [id, name, parent] of CATEGORIES) {
    const { createCategory } = await seedThroughApi<{ createCategory: { category: { id: string } } }>(
      catalogSubgraph,
      em,
      'mutation($i: CreateCategoryInput!) { createCategory(input: $i) { category { id } } }',
      { i: { name, parentCategoryId: parent === null ? null : String(parent) } },
    );
    expectPlanId('category', id, createCategory.category.id);
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

/**
 * Each bank's tier ladder, its customers and its segments, the way the bank builds them: its admin
 * creates the tiers (普通/银卡/金卡/白金), sends its customers (upsertCustomers, as the bank's app
 * or admin does), and defines its segments by rules (membership follows, as for any later change).
 * Each customer's tier comes from the tier points loyalty reports (applyTierPoints, loyalty's own
 * call): the seed reports the plan's opening tier points with the lowest version, so loyalty's
 * first real report after start (with its ledger entry's id) replaces it with the same number.
 */
async function onboardCustomers(em: EntityManager): Promise<void> {
  const tierPoints = planTierPoints();
  for (const bank of BANKS) {
    const admin = seedBankAdmin(bank.id);
    for (const [name, rank, minTierPoints, benefits] of TIERS) {
      const { createTier } = await seedThroughApi<{ createTier: { tier: { id: string } } }>(
        tenantsSubgraph,
        em,
        'mutation($i: CreateTierInput!) { createTier(input: $i) { tier { id } } }',
        { i: { name, rank, minTierPoints, benefits } },
        admin,
      );
      expectPlanId('tier', tierId(bank.id, rank), createTier.tier.id);
    }
    const customers = Array.from({ length: CUSTOMERS_PER_BANK }, (_, k) => {
      const { tags, ...attrs } = customerAttributes(k + 1);
      return { externalRef: customerRef(bank.id, k + 1), ...attrs, tags: [...tags] };
    });
    const { upsertCustomers } = await seedThroughApi<{
      upsertCustomers: { customers: { customer: { id: string } }[] };
    }>(
      tenantsSubgraph,
      em,
      'mutation($i: UpsertCustomersInput!) { upsertCustomers(input: $i) { customers { customer { id } } } }',
      { i: { customers } },
      admin,
    );
    upsertCustomers.customers.forEach((c, k) => expectPlanId('customer', customerId(bank.id, k + 1), c.customer.id));
    for (let n = 1; n <= CUSTOMERS_PER_BANK; n++)
      await seedThroughApi(
        tenantsSubgraph,
        em,
        'mutation($c: ID!, $p: SafeInt!) { applyTierPoints(customerId: $c, tierPoints: $p, tierPointsVersion: "1") { tierId } }',
        { c: String(customerId(bank.id, n)), p: tierPoints.get(customerId(bank.id, n)) ?? 0 },
        SEED_LOYALTY,
      );
    for (const [k, [name, rules]] of SEGMENTS.entries()) {
      const { createSegment } = await seedThroughApi<{ createSegment: { segment: { id: string } } }>(
        tenantsSubgraph,
        em,
        'mutation($i: CreateSegmentInput!) { createSegment(input: $i) { segment { id } } }',
        { i: { name, rules } },
        admin,
      );
      expectPlanId('segment', segmentId(bank.id, k), createSegment.segment.id);
    }
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
  await onboardCustomers(em);
  // Each bank curates about two thirds of the pool, priced from what it pays the supplier, as its
  // admin imports a curated price list (createListings: one call per mall, in plan order, so ids
  // follow the plan). Airport lounge passes (category 13) are for 金卡 and 白金 customers only.
  for (const bank of BANKS) {
    const listings = [];
    for (const sku of skus) {
      if (rand() > 0.66) continue;
      const costPoints = Math.ceil((sku.supplierPriceFen * 115 * bank.pointsPerYuan) / 10_000); // cost + 15%, in points
      const mode = sku.virtual ? PriceMode.POINTS : rand() < 0.3 ? PriceMode.POINTS_PLUS_CASH : PriceMode.POINTS;
      listings.push({
        skuId: String(sku.id),
        priceMode: mode,
        pricePoints: mode === PriceMode.POINTS ? costPoints : Math.ceil(costPoints / 2),
        priceFen: mode === PriceMode.POINTS ? 0 : Math.ceil((sku.supplierPriceFen * 115) / 200),
        featuredRank: rand() < 0.1 ? 10 : 0,
        status: ListingStatus.ACTIVE,
        ...(sku.categoryId === 13 ? { visibleTierIds: [2, 3].map((rank) => String(tierId(bank.id, rank))) } : {}),
      });
    }
    await seedThroughApi(
      tenantsSubgraph,
      em,
      'mutation($i: CreateListingsInput!) { createListings(input: $i) { listings { id } } }',
      { i: { mallId: String(bank.id), listings } },
      seedBankAdmin(bank.id),
    );
  }
  // Bank 1 sells 卡券通's API-delivered perks (planPerkSkus) in its mall.
  await seedThroughApi(
    tenantsSubgraph,
    em,
    'mutation($i: CreateListingsInput!) { createListings(input: $i) { listings { id } } }',
    {
      i: {
        mallId: '1',
        listings: planPerkSkus().map((p) => ({
          skuId: String(p.id),
          priceMode: PriceMode.POINTS,
          pricePoints: Math.ceil((p.supplierPriceFen * 115 * BANKS.find((b) => b.id === 1)!.pointsPerYuan) / 10_000),
          priceFen: 0,
          featuredRank: 0,
          status: ListingStatus.ACTIVE,
        })),
      },
    },
    seedBankAdmin(1),
  );
  // 双十二: 20% off the first ten featured listings of each mall, scheduled for December 12.
  for (const bank of BANKS) {
    const featured = await em.find(
      Listing,
      { mall: bank.id, featuredRank: { $gt: 0 }, tierRestricted: false },
      { orderBy: { id: 'ASC' }, limit: 10 },
    );
    const admin = seedBankAdmin(bank.id);
    const { createCampaign } = await seedThroughApi<{ createCampaign: { campaign: { id: string } } }>(
      tenantsSubgraph,
      em,
      'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id } } }',
      {
        i: {
          mallId: String(bank.id),
          template: 'DOUBLE_TWELVE',
          name: '双十二年终盛典',
          startsAt: DOUBLE_TWELVE_2026.startsAt.toISOString(),
          endsAt: DOUBLE_TWELVE_2026.endsAt.toISOString(),
          discountBp: DOUBLE_TWELVE_2026.discountBp,
          budgetFen: DOUBLE_TWELVE_2026.budgetFen,
          listingIds: featured.map((l) => String(l.id)),
        },
      },
      admin,
    );
    expectPlanId('campaign', bank.id, createCampaign.campaign.id);
    await seedThroughApi(
      tenantsSubgraph,
      em,
      'mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { campaign { id } } }',
      { i: { campaignId: createCampaign.campaign.id } },
      admin,
    );
  }
  // Each bank's mobile-banking app, registered by its admin. createPartnerApp returns a random
  // client id and secret once (nobody chooses them through the API); the demo's are well known
  // (`npm start` prints them, tests sign in with them), so the seed then puts those in place of the
  // random ones — the only write here that is not an API operation.
  for (const bank of BANKS) {
    const app = demoPartnerApp(bank.id);
    const { createPartnerApp } = await seedThroughApi<{ createPartnerApp: { partnerAppId: string } }>(
      tenantsSubgraph,
      em,
      'mutation($i: CreatePartnerAppInput!) { createPartnerApp(input: $i) { partnerAppId } }',
      { i: { name: `${bank.name} 手机银行`, scopes: ALL_PARTNER_SCOPES } },
      seedBankAdmin(bank.id),
    );
    expectPlanId('partner app', app.id, createPartnerApp.partnerAppId);
    await em.nativeUpdate(
      PartnerApp,
      { id: app.id },
      { clientId: app.clientId, secretHash: await hashSecret(app.clientSecret) },
    );
  }
}

async function seedLoyalty(em: EntityManager): Promise<void> {
  if ((await em.count(PointsAccount, {})) > 0) return;
  const ledger = new PointsLedger(em as SqlEntityManager);
  const openedAt = new Date(Date.UTC(2026, 0, 1));
  // Opening balances go through the ledger like any other points, so verifyLedger is clean; the
  // numbers are the plan's, which tenants also uses for the customers' tiers.
  //
  // They stay ledger writes rather than an API operation, on purpose: they are balances migrated
  // from the bank's previous system, EARN entries dated 1 January with their own expiry dates (a
  // tenth expiring within weeks, the rest on 31 December 2027) under the migration's source and
  // idempotency keys. The API's ways to add points describe something else: adjustPoints records a
  // staff ADJUSTMENT made now with a validity in days, and recordBankEvent earns by a rule. Either
  // would change the demo's history (entry types, sources, dates, expiry) that statements, expiry
  // and tier tests read. The ledger service is the one every operation writes through.
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
  // Each bank's earn rules, as its admin sets them up.
  for (const { bankId, budgetUsed: _unused, status: _active, ...rule } of DEMO_EARN_RULES)
    await seedThroughApi(
      loyaltySubgraph,
      em,
      'mutation($i: CreateEarnRuleInput!) { createEarnRule(input: $i) { id } }',
      { i: { ...rule, bankId: String(bankId), segmentId: rule.segmentId } },
      seedBankAdmin(bankId),
    );
}

/**
 * Demo carriers, registered as the platform registers a delivery company. registerCarrier returns a
 * random callback secret once (the API never lets anyone choose one); the demo's carriers use
 * well-known dev secrets (`dev-callback-secret-<code>`) that scripts and tests sign callbacks with,
 * so the seed then seals that secret in place of the random one — the one write here that is not
 * an API operation, and only because the secret must be known in advance.
 */
async function seedLogistics(em: EntityManager): Promise<void> {
  await seedPartnerEndpoint(em);
  if ((await em.count(Carrier, {})) > 0) return;
  const secrets = new CarrierSecrets();
  for (const c of CARRIERS) {
    const { registerCarrier } = await seedThroughApi<{ registerCarrier: { carrier: { id: string } } }>(
      logisticsSubgraph,
      em,
      'mutation($i: RegisterCarrierInput!) { registerCarrier(input: $i) { carrier { id } } }',
      { i: { code: c.code, name: c.name } },
    );
    expectPlanId('carrier', c.id, registerCarrier.carrier.id);
    await em.nativeUpdate(Carrier, { id: c.id }, { secretSealed: secrets.seal(c.code, demoCarrierSecret(c.code)) });
  }
}

/**
 * The demo supplier's partner endpoint (issue 18), configured by its admin as any supplier would
 * (configurePartnerEndpoint), pointing at the supplier simulator. The API generates the shared
 * secret; the demo seals its well-known dev secret in its place (the simulator is started with it),
 * like the carriers' callback secrets above. Added to a database seeded before it existed too.
 */
async function seedPartnerEndpoint(em: EntityManager): Promise<void> {
  const { supplierId, baseUrl, secret } = DEMO_PARTNER_ENDPOINT;
  if ((await em.count(PartnerEndpoint, { supplierId })) > 0) return;
  const { configurePartnerEndpoint } = await seedThroughApi<{
    configurePartnerEndpoint: { partnerEndpoint: { id: string } };
  }>(
    logisticsSubgraph,
    em,
    'mutation($i: ConfigurePartnerEndpointInput!) { configurePartnerEndpoint(input: $i) { partnerEndpoint { id } } }',
    { i: { baseUrl, timeoutMs: 3000 } },
    seedSupplierAdmin(supplierId),
  );
  await em.nativeUpdate(
    PartnerEndpoint,
    { id: Number(configurePartnerEndpoint.partnerEndpoint.id) },
    { secretSealed: new PartnerSecrets().seal(supplierId, secret) },
  );
}

/**
 * Demo staff with known passwords, created by the platform (createStaffMember); members who are not
 * admins act through built-in groups (setStaffMemberPermissionGroups), as an invited operator would.
 * Admins sign in with TOTP: enrolment through the API draws a random secret and needs a code from
 * it, but the demo's admins have fixed secrets (`npm start` prints them for an authenticator app),
 * so the seed seals those in place as confirmed — the one staff write that is not an API operation.
 */
async function seedStaff(em: EntityManager): Promise<void> {
  if ((await em.count(StaffMember, {})) > 0) return;
  const secrets = new TotpSecrets();
  for (const s of DEMO_STAFF) {
    const { createStaffMember } = await seedThroughApi<{ createStaffMember: { staffMember: { id: string } } }>(
      staffSubgraph,
      em,
      'mutation($i: CreateStaffMemberInput!) { createStaffMember(input: $i) { staffMember { id } } }',
      {
        i: {
          role: s.role,
          bankId: s.bankId === null ? null : String(s.bankId),
          supplierId: s.supplierId === null ? null : String(s.supplierId),
          loginName: s.loginName,
          displayName: s.displayName,
          password: s.password,
        },
      },
    );
    expectPlanId('staff member', s.id, createStaffMember.staffMember.id);
    if (s.totpSecret)
      await em.nativeUpdate(
        StaffMember,
        { id: s.id },
        { totpSecretSealed: secrets.seal(s.id, s.totpSecret), totpConfirmedAt: new Date() },
      );
    const codes: readonly string[] = 'groups' in s ? s.groups : [];
    if (!codes.length) continue;
    const { permissionGroups } = await seedThroughApi<{
      permissionGroups: { edges: { node: { id: string; code: string | null } }[] };
    }>(
      staffSubgraph,
      em,
      'query($b: ID, $s: ID) { permissionGroups(bankId: $b, supplierId: $s, first: 100) { edges { node { id code } } } }',
      {
        b: s.bankId === null ? null : String(s.bankId),
        s: s.supplierId === null ? null : String(s.supplierId),
      },
    );
    await seedThroughApi(
      staffSubgraph,
      em,
      'mutation($i: SetStaffMemberPermissionGroupsInput!) { setStaffMemberPermissionGroups(input: $i) { staffMember { id } } }',
      {
        i: {
          staffMemberId: String(s.id),
          permissionGroupIds: permissionGroups.edges
            .filter((e) => e.node.code !== null && codes.includes(e.node.code))
            .map((e) => e.node.id),
        },
      },
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
  try {
    await orm.em.fork().transactional((em) => seeder(em));
  } finally {
    await closeSeedPeers();
  }
}
