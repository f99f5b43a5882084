/**
 * Days and dates as Switchboard says them, defined once: the customers list, the GDAP views, the
 * access check, the expiry alerts and the relationships CSV all count the days left with `daysLeft`,
 * so a relationship never "ends in 12 days" on screen and in 11 in the export.
 */

export const DAY_MS = 86_400_000;

const toMs = (at: string | Date): number => (typeof at === 'string' ? Date.parse(at) : at.getTime());

/**
 * Whole days from `now` until `end`, rounded up: any time left counts as a day ("ends in 1 day" until
 * the moment it ends), 0 from the end until a full day after it, then minus the whole days since it
 * ended (-1: ended one to two days ago). NaN when `end` is not a date.
 */
export function daysLeft(end: string | Date, now: Date): number {
  const ms = toMs(end) - now.getTime();
  if (Number.isNaN(ms)) return Number.NaN;
  // `+ 0` turns Math.ceil's -0 (less than a day after the end) into 0.
  return Math.ceil(ms / DAY_MS) + 0;
}

/** "in 12 days", "in 1 day", "ended less than a day ago", "ended 3 days ago": a `daysLeft` in words. */
export function describeDaysLeft(days: number): string {
  if (days > 1) return `in ${days} days`;
  if (days === 1) return 'in 1 day';
  if (days === 0) return 'ended less than a day ago';
  if (days === -1) return 'ended 1 day ago';
  return `ended ${-days} days ago`;
}

/** "12 Dec 2027" in the user's locale (or `locale`); "—" without a date or for one that is not a date. */
export function formatDate(
  at: string | Date | null | undefined,
  options: { readonly locale?: string; readonly timeZone?: string } = {},
): string {
  if (at === null || at === undefined) return '—';
  const ms = toMs(at);
  if (Number.isNaN(ms)) return '—';
  return new Date(ms).toLocaleDateString(options.locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
}
