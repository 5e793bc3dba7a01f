export type BucketUnit = 'DAY' | 'HOUR';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jan 2" for a day, "Jan 2 10:00" for an hour; times are UTC, as the API buckets them. */
export function bucketLabel(start: string, unit: BucketUnit): string {
  const date = new Date(start);
  if (Number.isNaN(date.getTime())) return start;
  const day = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
  if (unit === 'DAY') return day;
  return `${day} ${String(date.getUTCHours()).padStart(2, '0')}:00`;
}

/** Milliseconds since the epoch of an ISO date; NaN for anything else. */
export function timeOf(iso: string): number {
  return new Date(iso).getTime();
}
