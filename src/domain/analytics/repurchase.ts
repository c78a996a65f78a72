// Repurchase figures for a period, from the purchase days that fall in it. Returns do not undo an
// order here: like the customer summary, an order counts as placed (refunds lower money, never counts),
// because most POS exports do not link a return to the order it cancels.
import { daysBetween } from '../time.ts';
import { byCustomer, type PurchaseDay } from './days.ts';
import { checkDays, ratio } from './period.ts';

export interface Repurchase {
  /** Customers with ≥1 order in the period. */
  customers: number;
  orders: number;
  /** Customers with ≥2 orders in the period (two orders on one day count: the definition). */
  repeatCustomers: number;
  /** repeatCustomers ÷ customers. */
  repurchaseRate: number | null;
  /** Customers who bought on ≥2 distinct days in the period, and their share: a stricter reading. */
  repeatDayCustomers: number;
  repeatDayRate: number | null;
  /** Orders of the repeat customers ÷ repeat customers: how often a repeat customer buys in the period. */
  ordersPerRepeatCustomer: number | null;
  /** The N of "bought again within N days". */
  withinDays: number;
  /** Customers whose first purchase day in the period lies ≥ withinDays before its end, so a follow-up could be seen (none without a period). */
  eligibleCustomers: number;
  /** Of those, customers who bought again 1…withinDays days after that first purchase day. */
  boughtAgainWithin: number;
  withinRate: number | null;
}

/**
 * Repurchase figures over purchase days already restricted to a period ending on `to` (null: no period, no data).
 * @example repurchase([{ customerId: 1, date: '2024-01-02', orders: 2 }], { to: '2024-03-31' }).repurchaseRate // 1
 */
export function repurchase(days: readonly PurchaseDay[], opts: { to: string | null; withinDays?: number }): Repurchase {
  const withinDays = checkDays('withinDays', opts.withinDays ?? 30);
  let orders = 0, repeatCustomers = 0, repeatOrders = 0, repeatDayCustomers = 0, eligible = 0, again = 0;
  const customers = byCustomer(days);
  for (const c of customers.values()) {
    orders += c.orders;
    if (c.orders >= 2) { repeatCustomers++; repeatOrders += c.orders; }
    if (c.dates.length >= 2) repeatDayCustomers++;
    const first = c.dates[0]!;
    if (opts.to !== null && daysBetween(first, opts.to) >= withinDays) {
      eligible++;
      if (c.dates.length >= 2 && daysBetween(first, c.dates[1]!) <= withinDays) again++;
    }
  }
  return {
    customers: customers.size, orders,
    repeatCustomers, repurchaseRate: ratio(repeatCustomers, customers.size),
    repeatDayCustomers, repeatDayRate: ratio(repeatDayCustomers, customers.size),
    ordersPerRepeatCustomer: ratio(repeatOrders, repeatCustomers),
    withinDays, eligibleCustomers: eligible, boughtAgainWithin: again, withinRate: ratio(again, eligible),
  };
}
