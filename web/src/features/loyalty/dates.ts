// Month and date arithmetic for the Loyalty page's default ranges, on the API's text forms (no Date:
// business dates are calendar days, not instants).

/** 'YYYY-MM' shifted by whole months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The same calendar day a year earlier ('YYYY-MM-DD'; 29 Feb becomes 28 Feb). */
export function yearBefore(date: string): string {
  const [y, md] = [Number(date.slice(0, 4)) - 1, date.slice(5)];
  return md === '02-29' ? `${y}-02-28` : `${y}-${md}`;
}
