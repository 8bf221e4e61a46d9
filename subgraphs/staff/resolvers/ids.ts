import { badInput } from '../../../core/errors';

/** An `…Id` input as the integer key it must be (anything else cannot name a row). */
export function idOf(field: string, value: string): number;
export function idOf(field: string, value: string | null | undefined): number | null;
export function idOf(field: string, value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!/^[1-9]\d{0,9}$/.test(value))
    throw badInput(`${field} must be a positive whole number.`, [{ field, message: 'not an id' }]);
  return Number(value);
}
