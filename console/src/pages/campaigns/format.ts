/**
 * Campaign figures as people read them: fen as yuan, prices in their mode, windows in the bank's
 * time zone (campaign windows run from one local midnight to another).
 */
import type { PriceMode } from '../../gql/graphql';

export interface Price {
  priceMode: PriceMode;
  pricePoints: number;
  priceFen: number;
}

export function formatters(language: string, timeZone: string) {
  const yuan = new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' });
  const count = new Intl.NumberFormat(language);
  const share = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'medium' });
  const time = new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  return {
    /** Fen (integers from the API) as yuan with two decimals. */
    yuan: (fen: number) => yuan.format(fen / 100),
    count: (n: number) => count.format(n),
    share: (ratio: number) => share.format(ratio),
    day: (iso: string) => day.format(new Date(iso)),
    time: (iso: string) => time.format(new Date(iso)),
    /** "2027-09-15 – 2027-09-21": the local days a window covers (it ends at a midnight, excluded). */
    window: (startsAt: string, endsAt: string) =>
      `${day.format(new Date(startsAt))} – ${day.format(new Date(new Date(endsAt).getTime() - 1))}`,
    price: (p: Price, pointsWord: string) => {
      const parts: string[] = [];
      if (p.pricePoints > 0 || p.priceMode === 'POINTS') parts.push(`${count.format(p.pricePoints)} ${pointsWord}`);
      if (p.priceFen > 0 || p.priceMode === 'CASH') parts.push(yuan.format(p.priceFen / 100));
      return parts.join(' + ');
    },
  };
}

/** The calendar day (YYYY-MM-DD) an instant falls on in `timeZone`. */
export function dayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The instant a calendar day (YYYY-MM-DD) starts in `timeZone` (asked twice, so a DST day lands on 00:00). */
export function midnightIn(isoDay: string, timeZone: string): Date {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  const offsetAt = (instant: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(instant));
    const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - instant;
  };
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant);
}

/** The template's discount applied as the API does (rounded up, never below 1 where there was a price). */
export function discounted(p: Price, discountBp: number): Price {
  const apply = (v: number) => (v === 0 ? 0 : Math.max(1, Math.ceil((v * (10000 - discountBp)) / 10000)));
  return { priceMode: p.priceMode, pricePoints: apply(p.pricePoints), priceFen: apply(p.priceFen) };
}
