// The shape most repurchase figures start from: which customer bought on which business date.

/** One customer's orders on one business date (a row of customer_day, or orders grouped the same way). */
export interface PurchaseDay { customerId: number; date: string; orders: number }

/** One customer's purchases: distinct purchase dates, ascending, and the number of orders. */
export interface CustomerDays { dates: string[]; orders: number }

/** Group purchase days by customer; repeated (customer, date) rows merge. */
export function byCustomer(days: readonly PurchaseDay[]): Map<number, CustomerDays> {
  const out = new Map<number, CustomerDays>();
  for (const d of days) {
    let c = out.get(d.customerId);
    if (!c) out.set(d.customerId, (c = { dates: [], orders: 0 }));
    c.dates.push(d.date);
    c.orders += d.orders;
  }
  for (const c of out.values()) c.dates = [...new Set(c.dates)].sort();
  return out;
}
