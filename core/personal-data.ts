import { hasPermission, staffKindOf, type Principal } from './identity';

/**
 * Whether the caller sees customers' personal data (recipients, phones, street addresses, birth
 * years …) in full. Staff without the right permission see it masked rather than being refused, so
 * an operator can still work an order without learning who placed it:
 * - bank staff need SEE_CUSTOMER_DATA;
 * - supplier staff need SHIP_ORDERS (they need an address only to ship to it);
 * - platform staff need SEE_CUSTOMER_DATA (platform admins hold it; support staff get it by group);
 * - partner apps (the bank's own systems), customers (their own data, by tenancy) and services see
 *   it as stored.
 */
export function seesCustomerData(principal: Principal): boolean {
  switch (staffKindOf(principal.role)) {
    case 'bank':
    case 'platform':
      return hasPermission(principal, 'SEE_CUSTOMER_DATA');
    case 'supplier':
      return hasPermission(principal, 'SHIP_ORDERS');
    default:
      return true;
  }
}

/** `13800000000` → `138****0000`: enough to tell two numbers apart on a call, not to dial one. */
export function maskPhone(phone: string): string {
  const chars = [...phone];
  if (chars.length <= 7) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7)}${chars.slice(-4).join('')}`;
}

/** `张三丰` → `张**`: a person's name keeps its first character only. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** Free text such as a street address, hidden whole (its length would say too much). */
export function maskText(text: string): string {
  return text ? '****' : text;
}
