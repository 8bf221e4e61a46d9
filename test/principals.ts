import type { Principal } from '../core/identity';

/** The callers tests act as. Ids follow the demo plan (banks 1–2, customers 1–20 of bank 1, 21–40 of bank 2). */
export const platform: Principal = { role: 'PLATFORM_ADMIN', sub: 'platform' };
/** Platform staff with their role's default permissions (all but MANAGE_STAFF). */
export const platformStaff: Principal = { role: 'PLATFORM_STAFF', sub: 'platform-staff' };
export const bankAdmin = (bankId: number): Principal => ({
  role: 'BANK_ADMIN',
  sub: `admin-${bankId}`,
  bankId: String(bankId),
});
export const bankOperator = (bankId: number): Principal => ({
  role: 'BANK_OPERATOR',
  sub: `operator-${bankId}`,
  bankId: String(bankId),
});
export const partnerApp = (bankId: number): Principal => ({
  role: 'PARTNER_APP',
  sub: `app-${bankId}`,
  bankId: String(bankId),
  partnerAppId: String(bankId),
});
export const customer = (bankId: number, customerId: number): Principal => ({
  role: 'CUSTOMER',
  sub: `c-${customerId}`,
  bankId: String(bankId),
  customerId: String(customerId),
  partnerAppId: String(bankId),
});
export const supplierAdmin = (supplierId: number): Principal => ({
  role: 'SUPPLIER_ADMIN',
  sub: `s-${supplierId}`,
  supplierId: String(supplierId),
});
export const supplierStaff = (supplierId: number): Principal => ({
  role: 'SUPPLIER_STAFF',
  sub: `staff-${supplierId}`,
  supplierId: String(supplierId),
});
