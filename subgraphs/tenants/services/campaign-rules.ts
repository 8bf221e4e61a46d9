/** Campaign timing and templates: pure functions of the stored state and the clock. */
import { CampaignState, CampaignStatus, CampaignTemplate } from '../entities/campaign';
import {
  lunarFestivalDay,
  solarTermDay,
  type CalendarDay,
  type LunarFestival,
  type SolarTerm,
} from '../../../core/chinese-calendar';

/**
 * The status is derived on read rather than swept: SCHEDULED plus "now inside the window" is LIVE,
 * after the window ENDED. That is exact at every instant, needs no background job or restart to
 * "go live", and the SQL that applies campaign prices uses the same rule
 * (`state = 'SCHEDULED' AND starts_at <= now AND ends_at > now`). Only operator decisions
 * (DRAFT, SCHEDULED, CANCELLED) are stored.
 */
export function campaignStatus(state: CampaignState, startsAt: Date, endsAt: Date, now: Date): CampaignStatus {
  if (state === CampaignState.DRAFT) return CampaignStatus.DRAFT;
  if (state === CampaignState.CANCELLED) return CampaignStatus.CANCELLED;
  if (now.getTime() >= endsAt.getTime()) return CampaignStatus.ENDED;
  if (now.getTime() >= startsAt.getTime()) return CampaignStatus.LIVE;
  return CampaignStatus.SCHEDULED;
}

/** When a template's festival falls: a fixed Gregorian day, a Chinese-calendar festival, or a solar term. */
export type FestivalDay = { fixed: { month: number; day: number } } | { lunar: LunarFestival } | { term: SolarTerm };

export interface TemplateSpec {
  name: string;
  /** The festival day the default window starts on; null for CUSTOM. */
  festival: FestivalDay | null;
  /** Length of the default window, in days. */
  days: number;
  /** Default discount on the listings' base prices, in basis points. */
  discountBp: number;
}

export const TEMPLATES: Record<CampaignTemplate, TemplateSpec> = {
  [CampaignTemplate.DOUBLE_ELEVEN]: {
    name: '双十一狂欢节',
    festival: { fixed: { month: 11, day: 11 } },
    days: 1,
    discountBp: 2000,
  },
  [CampaignTemplate.DOUBLE_TWELVE]: {
    name: '双十二年终盛典',
    festival: { fixed: { month: 12, day: 12 } },
    days: 1,
    discountBp: 2000,
  },
  [CampaignTemplate.SPRING_FESTIVAL]: {
    name: '新春积分节',
    festival: { lunar: 'SPRING_FESTIVAL' },
    days: 14,
    discountBp: 1500,
  },
  [CampaignTemplate.LANTERN_FESTIVAL]: {
    name: '元宵喜乐会',
    festival: { lunar: 'LANTERN_FESTIVAL' },
    days: 3,
    discountBp: 1000,
  },
  [CampaignTemplate.QINGMING]: { name: '清明踏青季', festival: { term: 'QINGMING' }, days: 3, discountBp: 800 },
  [CampaignTemplate.DRAGON_BOAT]: { name: '端午安康节', festival: { lunar: 'DRAGON_BOAT' }, days: 3, discountBp: 1000 },
  [CampaignTemplate.QIXI]: { name: '七夕甜蜜礼', festival: { lunar: 'QIXI' }, days: 3, discountBp: 1000 },
  [CampaignTemplate.MID_AUTUMN]: { name: '中秋团圆季', festival: { lunar: 'MID_AUTUMN' }, days: 7, discountBp: 1000 },
  [CampaignTemplate.DOUBLE_NINTH]: {
    name: '重阳敬老月',
    festival: { lunar: 'DOUBLE_NINTH' },
    days: 7,
    discountBp: 1000,
  },
  [CampaignTemplate.WINTER_SOLSTICE]: {
    name: '冬至暖心节',
    festival: { term: 'WINTER_SOLSTICE' },
    days: 3,
    discountBp: 800,
  },
  [CampaignTemplate.CUSTOM]: { name: '', festival: null, days: 7, discountBp: 0 },
};

/** Campaign windows start at midnight in the bank's time zone; Chinese banks' default. */
export const DEFAULT_BANK_TIME_ZONE = 'Asia/Shanghai';

/** The festival's day in Gregorian `year`. */
export function festivalDay(festival: FestivalDay, year: number): CalendarDay {
  if ('fixed' in festival) return { year, ...festival.fixed };
  if ('lunar' in festival) return lunarFestivalDay(festival.lunar, year);
  return solarTermDay(festival.term, year);
}

/** The calendar day `at` falls on in `timeZone`. */
export function dayIn(at: Date, timeZone: string): CalendarDay {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** The instant a calendar day starts (00:00) in `timeZone`. */
export function midnightIn(day: CalendarDay, timeZone: string): Date {
  const wall = Date.UTC(day.year, day.month - 1, day.day);
  // The zone's offset at that wall time; asked twice so a DST change on the day still lands on 00:00.
  const offsetAt = (instant: number) => {
    const d = dayIn(new Date(instant), timeZone);
    const t = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(instant));
    const n = (type: string) => Number(t.find((p) => p.type === type)!.value);
    return Date.UTC(d.year, d.month - 1, d.day, n('hour'), n('minute'), n('second')) - instant;
  };
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant);
}

const compareDays = (a: CalendarDay, b: CalendarDay) => a.year - b.year || a.month - b.month || a.day - b.day;

/**
 * The template's default window: from midnight (bank's time zone) on its next festival day — today
 * if today is the festival, otherwise the first one after today — for `days` days. CUSTOM has none.
 */
export function defaultWindow(
  template: CampaignTemplate,
  now: Date,
  timeZone = DEFAULT_BANK_TIME_ZONE,
): { startsAt: Date; endsAt: Date } | null {
  const spec = TEMPLATES[template];
  if (!spec.festival) return null;
  const today = dayIn(now, timeZone);
  for (const year of [today.year, today.year + 1]) {
    const day = festivalDay(spec.festival, year);
    if (compareDays(day, today) < 0) continue;
    const startsAt = midnightIn(day, timeZone);
    const next = new Date(Date.UTC(day.year, day.month - 1, day.day + spec.days));
    const endsAt = midnightIn(
      { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() },
      timeZone,
    );
    return { startsAt, endsAt };
  }
  return null;
}
