import { EarnRuleKind, EarnRuleStatus, PayoutSchedule } from '../../subgraphs/loyalty/entities/earn-rule';
import { PointsTrack } from '../../subgraphs/loyalty/entities/ledger-entry';

/**
 * The demo data set, described once so every subgraph's seed agrees on ids. Deterministic: the
 * same plan every time, so `npm start` twice never duplicates and tests can rely on its shape.
 */

/** Small deterministic PRNG (mulberry32) so the demo is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SUPPLIERS = [
  { id: 1, code: 'JINGXUAN', name: '鲸选优品供应链' },
  { id: 2, code: 'KAQUANTONG', name: '卡券通数字权益' },
  { id: 3, code: 'HOMELIFE', name: '家悦生活电器' },
];

export const BRANDS = [
  { id: 1, name: '小米' },
  { id: 2, name: '华为' },
  { id: 3, name: '九阳' },
  { id: 4, name: '苏泊尔' },
  { id: 5, name: '美的' },
  { id: 6, name: '飞利浦' },
  { id: 7, name: '爱奇艺' },
  { id: 8, name: '腾讯视频' },
  { id: 9, name: '星巴克' },
  { id: 10, name: '滴滴出行' },
  { id: 11, name: '龙腾出行' },
  { id: 12, name: '膳魔师' },
];

/** Category tree: [id, name, parentId]. */
export const CATEGORIES: [number, string, number | null][] = [
  [1, '数码', null],
  [2, '耳机音箱', 1],
  [3, '手机配件', 1],
  [4, '家电', null],
  [5, '厨房电器', 4],
  [6, '个护电器', 4],
  [7, '生活', null],
  [8, '杯壶', 7],
  [9, '虚拟卡券', null],
  [10, '视频会员', 9],
  [11, '餐饮券', 9],
  [12, '出行', 9],
  [13, '机场贵宾厅', 9],
];

export function categoryPath(id: number): string {
  const chain: number[] = [];
  let cur: number | null = id;
  while (cur !== null) {
    chain.unshift(cur);
    const c = CATEGORIES.find(([cid]) => cid === cur);
    cur = c ? c[2] : null;
  }
  return `/${chain.join('/')}/`;
}

interface ProductTemplate {
  supplierId: number;
  brandId: number;
  categoryId: number;
  title: string;
  basePriceFen: number;
  virtual?: boolean;
  specs: Record<string, string[]>;
}

const TEMPLATES: ProductTemplate[] = [
  {
    supplierId: 1,
    brandId: 1,
    categoryId: 2,
    title: '小米 蓝牙耳机',
    basePriceFen: 19900,
    specs: { 颜色: ['白色', '黑色', '蓝色'] },
  },
  {
    supplierId: 1,
    brandId: 2,
    categoryId: 2,
    title: '华为 FreeBuds 无线耳机',
    basePriceFen: 59900,
    specs: { 颜色: ['冰霜银', '陶瓷白'] },
  },
  {
    supplierId: 1,
    brandId: 1,
    categoryId: 3,
    title: '小米 充电宝 20000mAh',
    basePriceFen: 12900,
    specs: { 颜色: ['黑色', '银色'] },
  },
  {
    supplierId: 1,
    brandId: 2,
    categoryId: 3,
    title: '华为 66W 快充充电器',
    basePriceFen: 14900,
    specs: { 接口: ['USB-C', 'USB-A'] },
  },
  {
    supplierId: 3,
    brandId: 3,
    categoryId: 5,
    title: '九阳 破壁豆浆机',
    basePriceFen: 39900,
    specs: { 容量: ['1.2L', '1.5L'] },
  },
  {
    supplierId: 3,
    brandId: 4,
    categoryId: 5,
    title: '苏泊尔 电饭煲',
    basePriceFen: 29900,
    specs: { 容量: ['3L', '4L', '5L'] },
  },
  {
    supplierId: 3,
    brandId: 5,
    categoryId: 5,
    title: '美的 空气炸锅',
    basePriceFen: 35900,
    specs: { 容量: ['4L', '6L'] },
  },
  {
    supplierId: 3,
    brandId: 6,
    categoryId: 6,
    title: '飞利浦 电动牙刷',
    basePriceFen: 49900,
    specs: { 颜色: ['白色', '粉色', '黑色'] },
  },
  {
    supplierId: 3,
    brandId: 6,
    categoryId: 6,
    title: '飞利浦 电动剃须刀',
    basePriceFen: 69900,
    specs: { 型号: ['S5000', 'S7000'] },
  },
  {
    supplierId: 1,
    brandId: 12,
    categoryId: 8,
    title: '膳魔师 保温杯',
    basePriceFen: 16900,
    specs: { 容量: ['350ml', '500ml'], 颜色: ['黑色', '白色', '红色'] },
  },
  {
    supplierId: 2,
    brandId: 7,
    categoryId: 10,
    title: '爱奇艺 黄金会员',
    basePriceFen: 2500,
    virtual: true,
    specs: { 时长: ['1个月', '3个月', '12个月'] },
  },
  {
    supplierId: 2,
    brandId: 8,
    categoryId: 10,
    title: '腾讯视频 VIP 会员',
    basePriceFen: 2500,
    virtual: true,
    specs: { 时长: ['1个月', '3个月', '12个月'] },
  },
  {
    supplierId: 2,
    brandId: 9,
    categoryId: 11,
    title: '星巴克 电子饮品券',
    basePriceFen: 3500,
    virtual: true,
    specs: { 面值: ['中杯', '大杯', '超大杯'] },
  },
  {
    supplierId: 2,
    brandId: 10,
    categoryId: 12,
    title: '滴滴出行 打车券',
    basePriceFen: 1000,
    virtual: true,
    specs: { 面值: ['10元', '20元', '50元'] },
  },
  {
    supplierId: 2,
    brandId: 11,
    categoryId: 13,
    title: '龙腾出行 机场贵宾厅单次权益',
    basePriceFen: 19900,
    virtual: true,
    specs: { 区域: ['国内', '国际'] },
  },
];

export interface PlannedProduct {
  id: number;
  supplierId: number;
  brandId: number;
  categoryId: number;
  title: string;
  virtual: boolean;
}
export interface PlannedSku {
  id: number;
  productId: number;
  supplierId: number;
  brandId: number;
  categoryId: number;
  title: string;
  virtual: boolean;
  specs: Record<string, string>;
  supplierPriceFen: number;
  listPriceFen: number;
  available: number;
  createdAt: Date;
}

function combos(specs: Record<string, string[]>): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const [k, values] of Object.entries(specs)) out = out.flatMap((o) => values.map((v) => ({ ...o, [k]: v })));
  return out;
}

/** Products in four editions (a year's models), each with every spec combination: ~330 SKUs. */
export function planCatalog(): { products: PlannedProduct[]; skus: PlannedSku[] } {
  const rand = prng(20261124);
  const products: PlannedProduct[] = [];
  const skus: PlannedSku[] = [];
  const editions = ['2025款', '2026款', '青春版', 'Pro'];
  const start = Date.UTC(2026, 0, 1);
  for (const edition of editions) {
    for (const t of TEMPLATES) {
      const product: PlannedProduct = {
        id: products.length + 1,
        supplierId: t.supplierId,
        brandId: t.brandId,
        categoryId: t.categoryId,
        title: t.virtual ? `${t.title}（${edition}）` : `${t.title} ${edition}`,
        virtual: Boolean(t.virtual),
      };
      products.push(product);
      for (const spec of combos(t.specs)) {
        const factor = 0.8 + rand() * 0.6;
        const listPriceFen = Math.round((t.basePriceFen * factor) / 100) * 100;
        skus.push({
          id: skus.length + 1,
          productId: product.id,
          supplierId: t.supplierId,
          brandId: t.brandId,
          categoryId: t.categoryId,
          title: `${product.title} ${Object.values(spec).join(' ')}`,
          virtual: product.virtual,
          specs: spec,
          listPriceFen,
          supplierPriceFen: Math.round(listPriceFen * (0.7 + rand() * 0.15)),
          available: t.virtual ? 0 : Math.floor(rand() * 200),
          createdAt: new Date(start + skus.length * 3_600_000),
        });
      }
    }
  }
  return { products, skus };
}

export interface PlannedCardKind {
  id: number;
  supplierId: number;
  brandId: number;
  /** The spec value that picks this kind, e.g. "1个月". */
  specValue: string;
  name: string;
  faceValueFen: number;
  validityDays: number;
}

/**
 * One virtual card kind per virtual product line and spec value (e.g. 爱奇艺 黄金会员 1个月); every
 * edition's SKU of that spec draws codes from the same pool.
 */
export function planCardKinds(): PlannedCardKind[] {
  const kinds: PlannedCardKind[] = [];
  for (const t of TEMPLATES) {
    if (!t.virtual) continue;
    const values = Object.values(t.specs)[0] ?? [];
    values.forEach((value, i) => {
      kinds.push({
        id: kinds.length + 1,
        supplierId: t.supplierId,
        brandId: t.brandId,
        specValue: value,
        name: `${t.title} ${value}`,
        faceValueFen: t.basePriceFen * (i + 1),
        validityDays: 365,
      });
    });
  }
  return kinds;
}

export function cardKindOf(sku: PlannedSku, kinds: PlannedCardKind[]): PlannedCardKind | undefined {
  if (!sku.virtual) return undefined;
  const value = Object.values(sku.specs)[0];
  return kinds.find((k) => k.brandId === sku.brandId && k.specValue === value);
}

export const CODES_PER_KIND = 40;

/** The demo's card codes: deterministic, distinct, shaped like real ones. */
export function planCodes(kind: PlannedCardKind): string[] {
  const rand = prng(9000 + kind.id);
  const codes: string[] = [];
  for (let n = 1; n <= CODES_PER_KIND; n++) {
    const tail = Array.from({ length: 12 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[Math.floor(rand() * 32)]).join('');
    codes.push(`PM${String(kind.id).padStart(3, '0')}-${String(n).padStart(3, '0')}-${tail}`);
  }
  return codes;
}

export const BANKS = [
  {
    id: 1,
    code: 'LJRCB',
    name: '临江农商银行',
    pointsPerYuan: 100,
    maxPointsShareBp: 10000,
    mallName: '临江银行信用卡积分商城',
  },
  {
    id: 2,
    code: 'QHCB',
    name: '青禾城市银行',
    pointsPerYuan: 200,
    maxPointsShareBp: 7000,
    mallName: '青禾银行借记卡权益商城',
  },
];

export const CUSTOMERS_PER_BANK = 20;
export function customerId(bankId: number, n: number): number {
  return (bankId - 1) * CUSTOMERS_PER_BANK + n;
}
export function customerRef(bankId: number, n: number): string {
  return `${BANKS[bankId - 1]!.code}-C${String(n).padStart(4, '0')}`;
}

/** Each bank's dev partner-app credential (printed by `npm start`; dev only). */
export function demoPartnerApp(bankId: number) {
  return {
    id: bankId,
    clientId: `demo-${BANKS[bankId - 1]!.code.toLowerCase()}-app`,
    clientSecret: `demo-secret-${bankId}-change-me`,
  };
}

/**
 * The demo supplier whose perks are issued through its API: 卡券通 (supplier 2) points its partner
 * endpoint at the supplier simulator `npm start` runs (scripts/supplier-simulator.ts), sharing a
 * well-known dev secret (a real endpoint's is generated and shown once by configurePartnerEndpoint).
 */
export const DEMO_PARTNER_ENDPOINT = {
  supplierId: 2,
  baseUrl: `http://127.0.0.1:${process.env.SUPPLIER_SIM_PORT || 4010}`,
  secret: 'dev-partner-secret-kaquantong',
};

/**
 * Perks the demo supplier 卡券通 delivers through its API (issue 18), created after the plan's SKUs
 * (so their ids follow them) and listed in bank 1's mall: a 腾讯视频 VIP top-up to the customer's
 * mobile number (DIRECT_TOPUP) and a 星巴克 voucher the partner issues (PARTNER_ISSUED). The supplier
 * simulator `npm start` runs delivers both.
 */
export function planPerkSkus() {
  const { products, skus } = planCatalog();
  const productOf = (brandId: number) => products.find((p) => p.supplierId === 2 && p.brandId === brandId)!;
  return [
    {
      id: skus.length + 1,
      code: 'TOPUP-TXVIP-1M',
      productId: productOf(8).id,
      specs: { 时长: '1个月（手机号直充）' },
      supplierPriceFen: 1800,
      listPriceFen: 2500,
      deliveryMode: 'DIRECT_TOPUP',
      accountRule: 'MOBILE_CN',
      partnerProductCode: 'TXVIDEO-VIP-1M',
    },
    {
      id: skus.length + 2,
      code: 'ISSUE-SBUX-TALL',
      productId: productOf(9).id,
      specs: { 面值: '中杯（合作方发券）' },
      supplierPriceFen: 2400,
      listPriceFen: 3500,
      deliveryMode: 'PARTNER_ISSUED',
      accountRule: null,
      partnerProductCode: 'SBUX-TALL',
    },
  ] as const;
}

/** The demo carriers' callback secrets (dev only; a real carrier's is shown once by registerCarrier). */
export function demoCarrierSecret(code: string): string {
  return `dev-callback-secret-${code.toLowerCase()}`;
}

export const CARRIERS = [
  { id: 1, code: 'SF', name: '顺丰速运' },
  { id: 2, code: 'ZTO', name: '中通快递' },
  { id: 3, code: 'YTO', name: '圆通速递' },
  { id: 4, code: 'JD', name: '京东物流' },
];

/** Loyalty earn rules of the demo banks (products are the banks' own product codes). */
export const DEMO_EARN_RULES = [
  {
    bankId: 1,
    name: '一年期定期存款 积分率0.2% 按月发放',
    kind: EarnRuleKind.PRODUCT_RATE,
    track: PointsTrack.REDEEMABLE,
    product: 'TIME_DEPOSIT_1Y',
    rateBasisPoints: 20,
    pointsPerYuan: 0,
    excludedMerchantCategories: [],
    payout: PayoutSchedule.MONTHLY,
    installments: 12,
    budgetTotal: 50_000_000,
    budgetUsed: 0,
    validityDays: 730,
    status: EarnRuleStatus.ACTIVE,
    segmentId: null,
    windowStart: null,
    windowEnd: null,
  },
  {
    bankId: 1,
    name: '信用卡消费 每元1积分（不含批发与缴费类商户）',
    kind: EarnRuleKind.CARD_SPEND,
    track: PointsTrack.REDEEMABLE,
    product: 'CREDIT_CARD',
    rateBasisPoints: 0,
    pointsPerYuan: 1,
    excludedMerchantCategories: ['5300', '4900', '6011'],
    payout: PayoutSchedule.IMMEDIATE,
    installments: 1,
    budgetTotal: null,
    budgetUsed: 0,
    validityDays: 365,
    status: EarnRuleStatus.ACTIVE,
    segmentId: null,
    windowStart: null,
    windowEnd: null,
  },
  {
    bankId: 1,
    name: '信用卡消费 定级积分 每元1分',
    kind: EarnRuleKind.CARD_SPEND,
    track: PointsTrack.TIER,
    product: 'CREDIT_CARD',
    rateBasisPoints: 0,
    pointsPerYuan: 1,
    excludedMerchantCategories: ['6011'],
    payout: PayoutSchedule.IMMEDIATE,
    installments: 1,
    budgetTotal: null,
    budgetUsed: 0,
    validityDays: null,
    status: EarnRuleStatus.ACTIVE,
    segmentId: null,
    windowStart: null,
    windowEnd: null,
  },
  {
    bankId: 2,
    name: '借记卡消费 每10元1积分',
    kind: EarnRuleKind.PRODUCT_RATE,
    track: PointsTrack.REDEEMABLE,
    product: 'DEBIT_CARD',
    rateBasisPoints: 1000,
    pointsPerYuan: 0,
    excludedMerchantCategories: [],
    payout: PayoutSchedule.IMMEDIATE,
    installments: 1,
    budgetTotal: 10_000_000,
    budgetUsed: 0,
    validityDays: 365,
    status: EarnRuleStatus.ACTIVE,
    segmentId: null,
    windowStart: null,
    windowEnd: null,
  },
];

/** Loyalty accounts of the demo customers: the loyalty seed credits these through the ledger. */
export function planPointsAccounts(): { bankId: number; customerId: number; redeemable: number; tierPoints: number }[] {
  const rand = prng(11);
  const out = [];
  for (const bank of BANKS) {
    for (let n = 1; n <= CUSTOMERS_PER_BANK; n++) {
      const redeemable = 5_000 + Math.floor(rand() * 200_000);
      const tierPoints = Math.floor(rand() * 50_000);
      out.push({ bankId: bank.id, customerId: customerId(bank.id, n), redeemable, tierPoints });
    }
  }
  return out;
}

/** Tier points per customer, from the same plan, so each seeded tier matches what loyalty holds. */
export function planTierPoints(): Map<number, number> {
  return new Map(planPointsAccounts().map((a) => [a.customerId, a.tierPoints]));
}

/** Every bank's tier ladder: [name, rank, minTierPoints, benefits]. */
export const TIERS: [string, number, number, string[]][] = [
  ['普通', 0, 0, ['积分兑换']],
  ['银卡', 1, 10_000, ['积分兑换', '生日双倍积分']],
  ['金卡', 2, 25_000, ['积分兑换', '生日双倍积分', '专属客服']],
  ['白金', 3, 40_000, ['积分兑换', '生日三倍积分', '专属客服', '机场贵宾厅']],
];
/** Tier ids are planned: bank b's tier of rank r has id (b − 1) × 4 + r + 1. */
export function tierId(bankId: number, rank: number): number {
  return (bankId - 1) * TIERS.length + rank + 1;
}

export const CITIES = ['杭州', '上海', '北京', '宁波', '苏州'];

/** The attributes segments use, for demo customer n of a bank (deterministic, no real person). */
export function customerAttributes(n: number) {
  return {
    gender: n % 2 === 0 ? 'FEMALE' : 'MALE',
    birthYear: 1960 + ((n * 7) % 45),
    city: CITIES[n % CITIES.length]!,
    assetBand: n % 6,
    tags: [...(n % 3 === 0 ? ['车主'] : []), ...(n % 4 === 0 ? ['新客'] : [])],
  } as const;
}

/** Each bank's segments: [name, rules]; ids are planned like tiers, (b − 1) × 3 + k + 1. */
export const SEGMENTS: [string, Record<string, unknown>][] = [
  ['杭州高净值客户', { cities: ['杭州'], minAssetBand: 3 }],
  ['车主', { tagsAny: ['车主'] }],
  ['90后', { birthYearFrom: 1990, birthYearTo: 1999 }],
];
export function segmentId(bankId: number, k: number): number {
  return (bankId - 1) * SEGMENTS.length + k + 1;
}

/** 双十二: the bank's December 12 festival, midnight to midnight China time. */
export const DOUBLE_TWELVE_2026 = {
  startsAt: new Date('2026-12-11T16:00:00Z'),
  endsAt: new Date('2026-12-12T16:00:00Z'),
  discountBp: 2000,
  /** The subsidy each bank funds: ¥50,000 (20% off ten featured listings, a few hundred redemptions). */
  budgetFen: 5_000_000,
};

/**
 * Demo staff accounts (dev only): one per kind of staff, so a person can sign in at
 * `POST /auth/staff/sign-in`. Admins sign in with TOTP; their demo secrets are fixed (base32) so
 * `npm start` can print them for an authenticator app. Passwords satisfy the staff password rules.
 */
export const DEMO_STAFF = [
  {
    id: 1,
    role: 'PLATFORM_ADMIN',
    bankId: null,
    supplierId: null,
    loginName: 'platform.admin',
    displayName: '平台管理员',
    password: 'Demo-Platform-2026!',
    totpSecret: 'OBSXE23NMFWGYIDEMVWW6IDQNRQXIZRB',
  },
  {
    id: 2,
    role: 'BANK_ADMIN',
    bankId: 1,
    supplierId: null,
    loginName: 'ljrcb.admin',
    displayName: '临江农商银行 管理员',
    password: 'Demo-Bank-Admin-2026!',
    totpSecret: 'OBSXE23NMFWGYIDEMVWW6IDCMFXGWMJB',
  },
  {
    id: 3,
    role: 'BANK_OPERATOR',
    bankId: 1,
    supplierId: null,
    loginName: 'ljrcb.operator',
    displayName: '临江农商银行 运营',
    password: 'Demo-Bank-Operator-2026!',
    totpSecret: null,
    /** Built-in groups (subgraphs/staff/services/permission-groups.service.ts) the member is in. */
    groups: ['OPERATIONS', 'CUSTOMER_SERVICE', 'FINANCE', 'POINTS'],
  },
  {
    id: 4,
    role: 'SUPPLIER_ADMIN',
    bankId: null,
    supplierId: 1,
    loginName: 'jingxuan.admin',
    displayName: '鲸选优品 管理员',
    password: 'Demo-Supplier-2026!',
    totpSecret: 'OBSXE23NMFWGYIDEMVWW6IDTOVYHA3BB',
  },
  {
    // A second operator of the same bank: the checker of the first one's points adjustments
    // (maker-checker needs two people). No CUSTOMER_SERVICE: sees customers' personal data masked.
    id: 5,
    role: 'BANK_OPERATOR',
    bankId: 1,
    supplierId: null,
    loginName: 'ljrcb.checker',
    displayName: '临江农商银行 复核',
    password: 'Demo-Bank-Checker-2026!',
    totpSecret: null,
    groups: ['POINTS', 'FINANCE'],
  },
] as const;
