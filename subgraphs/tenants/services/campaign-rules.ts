/** Campaign timing and templates: pure functions of the stored state and the clock. */
import { CampaignState, CampaignStatus, CampaignTemplate } from '../entities/campaign';

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

export interface TemplateSpec {
  name: string;
  /** Month (1–12) and day of the festival in China; null for CUSTOM. */
  month: number | null;
  day: number | null;
  /** Length of the default window, in days. */
  days: number;
  /** Default discount on the listings' base prices, in basis points. */
  discountBp: number;
}

export const TEMPLATES: Record<CampaignTemplate, TemplateSpec> = {
  [CampaignTemplate.DOUBLE_ELEVEN]: { name: '双十一狂欢节', month: 11, day: 11, days: 1, discountBp: 2000 },
  [CampaignTemplate.DOUBLE_TWELVE]: { name: '双十二年终盛典', month: 12, day: 12, days: 1, discountBp: 2000 },
  // Spring Festival and Mid-Autumn move with the lunar calendar: the defaults are a fixed date the
  // operator is expected to adjust (startsAt/endsAt override them).
  [CampaignTemplate.SPRING_FESTIVAL]: { name: '新春积分节', month: 1, day: 20, days: 14, discountBp: 1500 },
  [CampaignTemplate.MID_AUTUMN]: { name: '中秋团圆季', month: 9, day: 15, days: 7, discountBp: 1000 },
  [CampaignTemplate.CUSTOM]: { name: '', month: null, day: null, days: 7, discountBp: 0 },
};

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * The template's next window that has not ended: midnight China time (UTC+8) on the festival day,
 * for `days` days. CUSTOM has no default window.
 */
export function defaultWindow(template: CampaignTemplate, now: Date): { startsAt: Date; endsAt: Date } | null {
  const spec = TEMPLATES[template];
  if (spec.month === null || spec.day === null) return null;
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  for (const year of [china.getUTCFullYear(), china.getUTCFullYear() + 1]) {
    const startsAt = new Date(Date.UTC(year, spec.month - 1, spec.day) - CHINA_OFFSET_MS);
    const endsAt = new Date(startsAt.getTime() + spec.days * 86_400_000);
    if (endsAt.getTime() > now.getTime()) return { startsAt, endsAt };
  }
  return null;
}
