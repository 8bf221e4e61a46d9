/**
 * Chinese festivals and solar terms as Gregorian dates, from the Chinese (lunisolar) calendar of
 * `lunar-javascript` (1.7.x, which ships no types). This file is the only place that touches the
 * library: a typed wrapper over the few calls used, so a library change fails here, not everywhere.
 *
 * Dates are calendar days in China (the calendar is defined for UTC+8); callers decide in which time
 * zone that day starts.
 */

/** A calendar day: year, month 1–12, day 1–31. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

interface SolarDate {
  getYear(): number;
  getMonth(): number;
  getDay(): number;
}
interface LunarDate {
  getSolar(): SolarDate;
  /** Solar terms around this lunar year, keyed by Chinese name (and pinyin for the neighbouring years' ones). */
  getJieQiTable(): Record<string, SolarDate>;
}
interface LunarLibrary {
  Lunar: { fromYmd(lunarYear: number, lunarMonth: number, lunarDay: number): LunarDate };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const library = require('lunar-javascript') as LunarLibrary;

/** Festivals fixed on a day of the Chinese calendar (lunar month, day). */
export const LUNAR_FESTIVALS = {
  SPRING_FESTIVAL: { month: 1, day: 1, name: '春节' },
  LANTERN_FESTIVAL: { month: 1, day: 15, name: '元宵节' },
  DRAGON_BOAT: { month: 5, day: 5, name: '端午节' },
  QIXI: { month: 7, day: 7, name: '七夕' },
  MID_AUTUMN: { month: 8, day: 15, name: '中秋节' },
  DOUBLE_NINTH: { month: 9, day: 9, name: '重阳节' },
} as const;
export type LunarFestival = keyof typeof LUNAR_FESTIVALS;

/** Solar terms used by templates: Chinese name and the pinyin key the library uses for a neighbouring year's term. */
export const SOLAR_TERMS = {
  QINGMING: { name: '清明', pinyin: 'QING_MING' },
  WINTER_SOLSTICE: { name: '冬至', pinyin: 'DONG_ZHI' },
} as const;
export type SolarTerm = keyof typeof SOLAR_TERMS;

const toDay = (s: SolarDate): CalendarDay => ({ year: s.getYear(), month: s.getMonth(), day: s.getDay() });

/**
 * The Gregorian day of a lunar festival in the lunar year that starts in Gregorian `year` (all six
 * fall in the same Gregorian year as their lunar year's first day, or later in it).
 */
export function lunarFestivalDay(festival: LunarFestival, year: number): CalendarDay {
  const { month, day } = LUNAR_FESTIVALS[festival];
  return toDay(library.Lunar.fromYmd(year, month, day).getSolar());
}

/** The Gregorian day of a solar term in Gregorian `year`. */
export function solarTermDay(term: SolarTerm, year: number): CalendarDay {
  const { name, pinyin } = SOLAR_TERMS[term];
  // A lunar year's table spans the neighbouring Gregorian years; pick the entry that falls in `year`.
  for (const lunarYear of [year, year + 1]) {
    const table = library.Lunar.fromYmd(lunarYear, 6, 1).getJieQiTable();
    for (const key of [name, pinyin]) {
      const found = table[key];
      if (found && found.getYear() === year) return toDay(found);
    }
  }
  throw new Error(`solar term ${term} not found in ${year}`);
}

/** Formats a calendar day as YYYY-MM-DD. */
export function isoDay(d: CalendarDay): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
