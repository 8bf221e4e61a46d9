/**
 * A bank's calendar: its days start at local midnight in its IANA time zone (default
 * Asia/Shanghai), which is where report days and settlement months are cut. Storage stays UTC.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, f);
  }
  return f;
}

/** The wall clock in `zone` at `at`, as the UTC instant with the same digits. */
function wallClock(at: Date, zone: string): number {
  const p = Object.fromEntries(
    format(zone)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
}

/** The local date at `at` in `zone`, YYYY-MM-DD. */
export function localDay(at: Date, zone: string): string {
  return new Date(wallClock(at, zone)).toISOString().slice(0, 10);
}

/** The local month at `at` in `zone`, YYYY-MM. */
export function localMonth(at: Date, zone: string): string {
  return localDay(at, zone).slice(0, 7);
}

/** The instant the local day containing `at` began in `zone` (DST-safe: the offset is re-read at the guess). */
export function startOfLocalDay(at: Date, zone: string): Date {
  const midnight = Date.parse(`${localDay(at, zone)}T00:00:00Z`); // local midnight's digits, as if UTC
  let guess = midnight - offsetAt(at.getTime(), zone);
  for (let i = 0; i < 2; i++) guess = midnight - offsetAt(guess, zone);
  return new Date(guess);
}

/** How far `zone`'s wall clock is ahead of UTC at instant `t` (ms; whole seconds, as the clock shows). */
function offsetAt(t: number, zone: string): number {
  const second = Math.floor(t / 1000) * 1000;
  return wallClock(new Date(second), zone) - second;
}

/** `at` without its milliseconds, as the DATETIME columns keep it: an entity answered from memory reads as stored. */
export function wholeSeconds(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not). */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/** The calendar date `n` days after `day` (zone-free date arithmetic). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (both YYYY-MM-DD; 0 for the same day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The instant the named local day began in `zone`: its midnight, or the first instant after it
 * where a DST jump skips midnight itself (the offset is re-read at each guess, so the day before a
 * change does not lend its offset).
 */
export function startOfNamedDay(day: string, zone: string): Date {
  const midnight = Date.parse(`${day}T00:00:00Z`); // local midnight's digits, as if UTC
  let guess = midnight - offsetAt(midnight, zone);
  for (let i = 0; i < 2; i++) guess = midnight - offsetAt(guess, zone);
  // Midnight skipped by a DST jump: the day starts at the first whole hour that is on it.
  while (localDay(new Date(guess), zone) < day) guess += 3_600_000;
  while (localDay(new Date(guess - 1000), zone) === day) guess -= 3_600_000;
  return new Date(guess);
}

/** The wall-clock time at `at` in `zone`, `YYYY-MM-DD HH:mm` (a chart's axis label). */
export function localMinute(at: Date, zone: string): string {
  return new Date(wallClock(at, zone)).toISOString().slice(0, 16).replace('T', ' ');
}
