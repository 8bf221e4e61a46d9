import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../core/errors';
import { hasRole, requireOneOf, requireRole, ROLES, type Principal, type Role } from '../../core/identity';
import { assertVisible, canSee, visible, type Owners } from '../../core/tenancy';
import {
  bankAdmin,
  bankOperator,
  customer,
  partnerApp,
  platform,
  platformStaff,
  supplierAdmin,
  supplierStaff,
} from '../principals';

const service: Principal = { role: 'SERVICE', sub: 'orders' };

/** Objects of customer 5 of bank 1, fulfilled by supplier 7, and their neighbours in each dimension. */
const OBJECTS = {
  own: { bankId: 1, customerId: 5, supplierId: 7 },
  ownAsStrings: { bankId: '1', customerId: '5', supplierId: '7' },
  otherBank: { bankId: 2, customerId: 5, supplierId: 7 },
  otherCustomer: { bankId: 1, customerId: 6, supplierId: 7 },
  otherSupplier: { bankId: 1, customerId: 5, supplierId: 8 },
  noSupplier: { bankId: 1, customerId: 5 },
  severalSuppliersOneOwn: { bankId: 1, customerId: 5, supplierIds: [8, '7'] },
  severalSuppliersNoneOwn: { bankId: 1, customerId: 5, supplierIds: [8, 9] },
} satisfies Record<string, Owners>;
type Case = keyof typeof OBJECTS;

const ALL: Case[] = Object.keys(OBJECTS) as Case[];
const BANK_1_SEES: Case[] = ALL.filter((c) => c !== 'otherBank');
const SUPPLIER_7_SEES: Case[] = ['own', 'ownAsStrings', 'otherBank', 'otherCustomer', 'severalSuppliersOneOwn'];

const EXPECTED: [string, Principal, Case[]][] = [
  ['PLATFORM_ADMIN', platform, ALL],
  // Platform staff see across tenants like the platform's admins; their permissions limit what they do.
  ['PLATFORM_STAFF', platformStaff, ALL],
  ['SERVICE', service, ALL],
  ['CUSTOMER 5 of bank 1', customer(1, 5), BANK_1_SEES.filter((c) => c !== 'otherCustomer')],
  // Same customer id, other bank: the token's bank must be the object's too.
  ['CUSTOMER 5 of bank 2', customer(2, 5), ['otherBank']],
  ['BANK_ADMIN of bank 1', bankAdmin(1), BANK_1_SEES],
  ['BANK_OPERATOR of bank 1', bankOperator(1), BANK_1_SEES],
  ['PARTNER_APP of bank 1', partnerApp(1), BANK_1_SEES],
  ['BANK_ADMIN of bank 2', bankAdmin(2), ['otherBank']],
  ['SUPPLIER_ADMIN 7', supplierAdmin(7), SUPPLIER_7_SEES],
  ['SUPPLIER_STAFF 7', supplierStaff(7), SUPPLIER_7_SEES],
  ['SUPPLIER_ADMIN 11', supplierAdmin(11), []],
  ['SUPPLIER_STAFF 8', supplierStaff(8), ['otherSupplier', 'severalSuppliersOneOwn', 'severalSuppliersNoneOwn']],
  // A role this code does not know sees nothing, even with every scope claim of the owner.
  ['an unknown role', { role: 'AUDITOR' as Role, sub: 'x', bankId: '1', customerId: '5', supplierId: '7' }, []],
];

describe('tenancy: who may see an object', () => {
  for (const [who, principal, sees] of EXPECTED) {
    it(`${who} sees exactly ${sees.length ? sees.join(', ') : 'nothing'}`, () => {
      const seen = ALL.filter((c) => canSee(principal, OBJECTS[c]));
      assert.deepEqual(seen, sees);
    });
  }

  it('every known role is covered by the table', () => {
    const covered = new Set(EXPECTED.map(([, p]) => p.role));
    for (const role of ROLES) assert.ok(covered.has(role), `${role} is not in the table`);
  });

  it('an object naming no tenant is only for the platform and services', () => {
    const seers = EXPECTED.filter(([, p]) => canSee(p, {})).map(([, p]) => p.role);
    assert.deepEqual(seers, ['PLATFORM_ADMIN', 'PLATFORM_STAFF', 'SERVICE']);
  });

  it('visible keeps the visible items in order', () => {
    const items = [OBJECTS.otherBank, OBJECTS.own, OBJECTS.otherCustomer, OBJECTS.noSupplier];
    assert.deepEqual(visible(customer(1, 5), items), [OBJECTS.own, OBJECTS.noSupplier]);
    assert.deepEqual(visible(supplierStaff(7), items), [OBJECTS.otherBank, OBJECTS.own, OBJECTS.otherCustomer]);
  });

  it('assertVisible returns a visible item and answers NOT_FOUND alike for a foreign and a missing one', () => {
    assert.equal(assertVisible(bankOperator(1), OBJECTS.own, 'Shipment', 3), OBJECTS.own);
    const foreign = captured(() => assertVisible(bankOperator(2), OBJECTS.own, 'Shipment', 3));
    const missing = captured(() => assertVisible(bankOperator(2), null, 'Shipment', 3));
    assert.equal(foreign.extensions.code, 'NOT_FOUND');
    // Existence does not leak: another bank's object reads exactly like one that is not there.
    assert.equal(foreign.message, missing.message);
    assert.deepEqual(foreign.extensions, missing.extensions);
  });
});

describe('role checks', () => {
  it('hasRole is true only for the listed roles', () => {
    assert.equal(hasRole(supplierStaff(7), 'SUPPLIER_ADMIN', 'SUPPLIER_STAFF'), true);
    assert.equal(hasRole(supplierStaff(7), 'SUPPLIER_ADMIN'), false);
  });

  it('requireRole and requireOneOf pass the listed roles and say who may and who you are otherwise', () => {
    assert.equal(requireRole(bankAdmin(1), 'BANK_ADMIN', 'PLATFORM_ADMIN').role, 'BANK_ADMIN');
    const e = captured(() => requireRole(customer(1, 5), 'BANK_ADMIN', 'PLATFORM_ADMIN'));
    assert.equal(e.extensions.code, 'FORBIDDEN');
    assert.match(e.message, /BANK_ADMIN, PLATFORM_ADMIN; you are CUSTOMER/);
    const why = captured(() => requireOneOf(bankAdmin(1), ['CUSTOMER'], 'Only the customer reveals a code'));
    assert.equal(why.extensions.code, 'FORBIDDEN');
    assert.equal(why.message, 'Only the customer reveals a code; you are BANK_ADMIN.');
    assert.equal(captured(() => requireRole(undefined, 'SERVICE')).extensions.code, 'UNAUTHENTICATED');
  });
});

function captured(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an error');
}
