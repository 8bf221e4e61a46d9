import { registerEnumType } from 'type-graphql';
import { badInput, type FieldProblem } from './errors';
import { addDays, daysBetween, isCalendarDay, localDay, localMinute, startOfNamedDay } from './local-time';

/** How a report's series is bucketed (orders' sales, loyalty's points: the same buckets). */
export enum ReportGranularity {
  /** Hours (UTC hours, which are the bank's hours in every zone on a whole-hour offset). */
  HOUR = 'HOUR',
  /** Days of the bank, from local midnight in its time zone. */
  DAY = 'DAY',
  /** Calendar months of the bank, in its time zone. */
  MONTH = 'MONTH',
}
registerEnumType(ReportGranularity, {
  name: 'ReportGranularity',
  description: 'How a sales report is bucketed.',
  valuesConfig: {
    HOUR: { description: "Hours (UTC hours: the bank's own hours in every zone on a whole-hour offset)." },
    DAY: { description: 'Days of the bank, from local midnight in its time zone.' },
    MONTH: { description: 'Calendar months of the bank, in its time zone.' },
  },
});

/** The longest range per granularity, in days (both ends included): a chart stays readable and a request cheap. */
export const MAX_RANGE_DAYS: Record<ReportGranularity, number> = {
  HOUR: 31,
  DAY: 731,
  MONTH: 1096,
};

/** Refuses days that are malformed, reversed, or a range longer than its granularity allows (BAD_USER_INPUT). */
export function validateDays(fromDay: string, toDay: string, granularity: ReportGranularity): void {
  const problems: FieldProblem[] = [];
  if (!isCalendarDay(fromDay)) problems.push({ field: 'input.fromDay', message: 'must be a date YYYY-MM-DD.' });
  if (!isCalendarDay(toDay)) problems.push({ field: 'input.toDay', message: 'must be a date YYYY-MM-DD.' });
  if (problems.length) throw badInput('The date range is not valid.', problems);
  const days = daysBetween(fromDay, toDay) + 1;
  if (days < 1)
    throw badInput('`fromDay` must be on or before `toDay`.', [{ field: 'input.toDay', message: 'before fromDay.' }]);
  const max = MAX_RANGE_DAYS[granularity];
  if (days > max)
    throw badInput(
      `A ${granularity} report covers at most ${max} days (asked: ${days}); pick a shorter range or a coarser granularity.`,
      [{ field: 'input.toDay', message: `at most ${max} days after fromDay.` }],
    );
}

export interface Period {
  periodStart: Date;
  label: string;
}

const HOUR_MS = 3_600_000;
export const ceilHour = (t: number): number => Math.ceil(t / HOUR_MS) * HOUR_MS;

/**
 * The periods of a range of the bank's days, every one present so a chart has no gaps, and the key
 * (a period's `label`, or its start for hours) each UTC hour falls into. An hour belongs to the
 * period its start falls in (in a zone on a half-hour offset, an hour straddles two local hours;
 * its start decides). DST-safe: days and months are cut where local midnight occurs, so a day of a
 * DST change has 23 or 25 hourly periods (two labelled 01:00 when clocks go back; `periodStart`
 * tells them apart). `start`/`end`: local midnight before `fromDay` and after `toDay`.
 */
export function periodsOf(
  fromDay: string,
  toDay: string,
  granularity: ReportGranularity,
  zone: string,
): { periods: Period[]; keyOf: (hour: Date) => string; keyOfPeriod: (p: Period) => string; start: Date; end: Date } {
  const start = startOfNamedDay(fromDay, zone);
  const end = startOfNamedDay(addDays(toDay, 1), zone);
  const periods: Period[] = [];
  if (granularity === ReportGranularity.HOUR) {
    for (let t = ceilHour(start.getTime()); t < ceilHour(end.getTime()); t += HOUR_MS)
      periods.push({ periodStart: new Date(t), label: localMinute(new Date(t), zone) });
    return { periods, keyOf: (h) => h.toISOString(), keyOfPeriod: (p) => p.periodStart.toISOString(), start, end };
  }
  const month = granularity === ReportGranularity.MONTH;
  for (let d = fromDay; d <= toDay; d = addDays(d, 1)) {
    const label = month ? d.slice(0, 7) : d;
    if (periods.at(-1)?.label === label) continue;
    // A month's period starts where the range does when the range starts within it.
    periods.push({ periodStart: startOfNamedDay(d, zone), label });
  }
  return {
    periods,
    keyOf: (h) => (month ? localDay(h, zone).slice(0, 7) : localDay(h, zone)),
    keyOfPeriod: (p) => p.label,
    start,
    end,
  };
}

/** A DATETIME as a driver returns it (mysql2: Date; SQLite: epoch ms or text). */
export function instantOf(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v));
  const s = String(v);
  return new Date(/^\d+$/.test(s) ? Number(s) : s.includes('T') || s.endsWith('Z') ? s : `${s.replace(' ', 'T')}Z`);
}
