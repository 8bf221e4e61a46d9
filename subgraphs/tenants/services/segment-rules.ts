/**
 * Segment rules: every criterion given must hold (AND); criteria left out don't restrict. Rules
 * compile to one SQL boolean expression over `customer` (alias `c`), so membership is recomputed by
 * `INSERT … SELECT` in the database for one customer or for a whole bank alike.
 */
import type { FieldProblem } from '../../../core/errors';
import { Gender } from '../entities/customer';
import { placeholders } from '../../../core/sql';

export interface SegmentRules {
  genders?: Gender[];
  birthYearFrom?: number;
  birthYearTo?: number;
  cities?: string[];
  minAssetBand?: number;
  maxAssetBand?: number;
  /** The customer carries at least one of these tags. */
  tagsAny?: string[];
}

export const MAX_RULE_VALUES = 200;

export function hasRules(rules: SegmentRules): boolean {
  return Object.values(rules).some((v) => v !== undefined && v !== null);
}

/** Drops empty criteria and validates the rest; problems name the field under `prefix`. */
export function normaliseRules(
  input: Record<string, unknown>,
  prefix = 'rules',
): { rules: SegmentRules; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const rules: SegmentRules = {};
  const year = new Date().getUTCFullYear();
  const list = (name: keyof SegmentRules, check: (v: unknown) => boolean, what: string) => {
    const v = input[name];
    if (v === undefined || v === null) return;
    if (!Array.isArray(v) || v.length === 0 || v.length > MAX_RULE_VALUES || !v.every(check)) {
      problems.push({ field: `${prefix}.${name}`, message: `give 1 to ${MAX_RULE_VALUES} ${what}, or leave it out.` });
      return;
    }
    (rules as Record<string, unknown>)[name] = [...new Set(v as unknown[])];
  };
  const int = (name: keyof SegmentRules, min: number, max: number) => {
    const v = input[name];
    if (v === undefined || v === null) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      problems.push({ field: `${prefix}.${name}`, message: `must be an integer from ${min} to ${max}.` });
      return;
    }
    (rules as Record<string, unknown>)[name] = v;
  };
  list('genders', (v) => Object.values(Gender).includes(v as Gender), 'genders');
  list(
    'cities',
    (v) => typeof v === 'string' && v.trim().length > 0 && v.length <= 64,
    'cities (1–64 characters each)',
  );
  list('tagsAny', (v) => typeof v === 'string' && v.trim().length > 0 && v.length <= 32, 'tags (1–32 characters each)');
  int('birthYearFrom', 1900, year);
  int('birthYearTo', 1900, year);
  int('minAssetBand', 0, 9);
  int('maxAssetBand', 0, 9);
  if (rules.birthYearFrom !== undefined && rules.birthYearTo !== undefined && rules.birthYearFrom > rules.birthYearTo) {
    problems.push({ field: `${prefix}.birthYearTo`, message: 'must not be before birthYearFrom.' });
  }
  if (rules.minAssetBand !== undefined && rules.maxAssetBand !== undefined && rules.minAssetBand > rules.maxAssetBand) {
    problems.push({ field: `${prefix}.maxAssetBand`, message: 'must not be below minAssetBand.' });
  }
  return { rules, problems };
}

/**
 * The SQL condition "customer `c` belongs to segment `segmentId`": its rules match (when it has
 * rules) or it is an explicit member. A customer with a null attribute never matches a criterion on
 * that attribute.
 */
export function membershipSql(segmentId: number, rules: SegmentRules): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (rules.genders) {
    parts.push(`c.gender in (${placeholders(rules.genders.length)})`);
    params.push(...rules.genders);
  }
  if (rules.birthYearFrom !== undefined) {
    parts.push('c.birth_year >= ?');
    params.push(rules.birthYearFrom);
  }
  if (rules.birthYearTo !== undefined) {
    parts.push('c.birth_year <= ?');
    params.push(rules.birthYearTo);
  }
  if (rules.cities) {
    parts.push(`c.city in (${placeholders(rules.cities.length)})`);
    params.push(...rules.cities);
  }
  if (rules.minAssetBand !== undefined) {
    parts.push('c.asset_band >= ?');
    params.push(rules.minAssetBand);
  }
  if (rules.maxAssetBand !== undefined) {
    parts.push('c.asset_band <= ?');
    params.push(rules.maxAssetBand);
  }
  if (rules.tagsAny) {
    parts.push(
      `exists (select 1 from customer_tag t where t.customer_id = c.id and t.tag in (${placeholders(rules.tagsAny.length)}))`,
    );
    params.push(...rules.tagsAny);
  }
  const member = 'exists (select 1 from segment_member m where m.segment_id = ? and m.customer_id = c.id)';
  if (parts.length === 0) return { sql: member, params: [segmentId] };
  return { sql: `((${parts.join(' and ')}) or ${member})`, params: [...params, segmentId] };
}
