import { registerEnumType } from 'type-graphql';

/**
 * Delivery modes of virtual perks and the account rules of direct top-ups (issue 18), shared by the
 * catalog (where a supplier sets them on a SKU), orders (checkout checks the customer's account,
 * confirmation routes the line) and logistics (the delivery job).
 */
export enum DeliveryMode {
  /** A pre-loaded code from the card kind's pool, issued at payment (the default). */
  CODE_POOL = 'CODE_POOL',
  /** The supplier's API credits the customer's account at the partner (直充); the account is given at checkout. */
  DIRECT_TOPUP = 'DIRECT_TOPUP',
  /** The supplier's API issues a voucher (code or link) on request. */
  PARTNER_ISSUED = 'PARTNER_ISSUED',
  /** A financial-attribute perk: the bank's own systems deliver it (rate-boost coupon, fee waiver) and acknowledge it. */
  BANK_SYSTEM = 'BANK_SYSTEM',
}
registerEnumType(DeliveryMode, {
  name: 'DeliveryMode',
  description:
    "How a virtual SKU is delivered: CODE_POOL (a code from the pool at payment), DIRECT_TOPUP (the partner credits the customer's account), PARTNER_ISSUED (the partner issues a voucher), BANK_SYSTEM (an event to the bank's systems, acknowledged by the bank).",
});

/** Delivery modes that go through the supplier's API (and need partnerProductCode). */
export const API_DELIVERY_MODES: readonly DeliveryMode[] = [DeliveryMode.DIRECT_TOPUP, DeliveryMode.PARTNER_ISSUED];

export enum AccountRule {
  MOBILE_CN = 'MOBILE_CN',
  QQ_NUMBER = 'QQ_NUMBER',
  EMAIL = 'EMAIL',
  ACCOUNT_ID = 'ACCOUNT_ID',
}
registerEnumType(AccountRule, {
  name: 'AccountRule',
  description:
    'What a DIRECT_TOPUP customer enters at checkout as the account to credit: MOBILE_CN (11-digit mainland mobile number), QQ_NUMBER (5–12 digits), EMAIL, ACCOUNT_ID (3–64 letters, digits, _ . - @).',
});

/** A checked account, or the message a person can act on. */
export type AccountCheck = { ok: true; value: string } | { ok: false; message: string };

const ACCOUNT_RULES: Record<AccountRule, { test: (v: string) => boolean; message: string }> = {
  [AccountRule.MOBILE_CN]: {
    test: (v) => /^1[3-9][0-9]{9}$/.test(v),
    message: 'must be a mainland China mobile number: 11 digits starting with 13–19, e.g. 13800138000',
  },
  [AccountRule.QQ_NUMBER]: {
    test: (v) => /^[1-9][0-9]{4,11}$/.test(v),
    message: 'must be a QQ number: 5 to 12 digits, not starting with 0',
  },
  [AccountRule.EMAIL]: {
    test: (v) => v.length <= 128 && /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}$/.test(v),
    message: 'must be an e-mail address such as name@example.com',
  },
  [AccountRule.ACCOUNT_ID]: {
    test: (v) => /^[A-Za-z0-9][A-Za-z0-9_.@-]{2,63}$/.test(v),
    message: 'must be an account id: 3 to 64 letters, digits, _ . @ or -, starting with a letter or digit',
  },
};

/** Checks (and trims) a recipient account against a SKU's rule. */
export function checkAccount(rule: AccountRule, raw: string): AccountCheck {
  const value = raw.trim();
  const r = ACCOUNT_RULES[rule];
  return r.test(value) ? { ok: true, value } : { ok: false, message: r.message };
}

/** What a viewer without the customer-data permission sees of a recipient account: `138****0000`, `ab****@example.com`. */
export function maskAccount(account: string): string {
  const chars = [...account];
  const at = account.indexOf('@');
  if (at > 0) return `${chars.slice(0, Math.min(2, at)).join('')}****${account.slice(at)}`;
  if (chars.length <= 4) return '*'.repeat(chars.length);
  if (chars.length <= 7) return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7)}${chars.slice(-4).join('')}`;
}
