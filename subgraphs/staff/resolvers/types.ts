import { EntityRef } from '../../../core/entity-ref';

/** The bank a staff member works for (tenants). */
export const BankRef = EntityRef('Bank', { resolvable: false });
export type BankRef = InstanceType<typeof BankRef>;

/** The supplier a staff member works for (catalog). */
export const SupplierRef = EntityRef('Supplier', { resolvable: false });
export type SupplierRef = InstanceType<typeof SupplierRef>;
