// When each shopper comes in. Members follow a buy-till-you-die process: while alive they buy as a
// Poisson process with their own rate λ, bent by the calendar (thinning), and after each purchase they
// drop out for good with probability p. Replenishment (formula, shampoo) rides on those trips, and
// anonymous walk-ins fill the tills day by day.
import { promoPeriod, seasonFactor, HOUR_WEIGHTS, ONLINE_HOUR_WEIGHTS } from './calendar.ts';
import type { DemoClock } from './clock.ts';
import { secondOfDay, type DemoMember } from './members.ts';
import { PROFILES, type DemoFormat } from './profiles.ts';
import { chance, exponential, intBetween, poisson, weightedChoice, type Rng } from './random.ts';
import type { DemoStore } from './stores.ts';

/** The trip includes the household's baby formula / shampoo. */
export const FORMULA = 1;
export const SHAMPOO = 2;

export interface Trip {
  /** UTC epoch ms. */
  ms: number;
  day: number;
  store: number;
  /** Index into the member list, -1 for an anonymous walk-in. */
  member: number;
  channel: string;
  flags: number;
}

/** Calendar multipliers for days [-365, days), scaled to average 1 over the history. */
export interface Seasonality {
  factor(day: number): number;
  max: number;
}

export function seasonality(format: DemoFormat, clock: DemoClock, days: number): Seasonality {
  const raw: number[] = [];
  for (let day = -365; day < days; day++) raw.push(seasonFactor(format, clock.info(day)));
  const inHistory = raw.slice(365);
  const mean = inHistory.reduce((a, b) => a + b, 0) / inHistory.length;
  const scaled = raw.map((f) => f / mean);
  return { factor: (day) => scaled[day + 365] ?? 1, max: Math.max(...scaled) };
}

const ONLINE = new Set(['online']);

function memberChannel(rng: Rng, store: DemoStore, clock: DemoClock, day: number): string {
  const channels = PROFILES[store.format].channels;
  const promo = promoPeriod(clock.info(day));
  // 618 and 双11 pull clothing shoppers online.
  if (store.format === 'clothing' && (promo === '618' || promo === 'double11')) {
    return weightedChoice(rng, channels.map(([c, w]) => [c, ONLINE.has(c) ? w * 4 : w] as const));
  }
  return weightedChoice(rng, channels);
}

function tripSecond(rng: Rng, store: DemoStore, channel: string): number {
  return secondOfDay(rng, ONLINE.has(channel) ? ONLINE_HOUR_WEIGHTS : HOUR_WEIGHTS[store.format]);
}

/** Purchase days of one member: the BTYD process from the first purchase until dropout or the end. */
function purchaseDays(rng: Rng, m: DemoMember, season: Seasonality, days: number): { days: number[]; alive: boolean } {
  if (m.firstBuyDay === null || m.firstBuyDay >= days) return { days: [], alive: true };
  const out = [m.firstBuyDay];
  let t = m.firstBuyDay + m.firstBuySecond / 86400;
  for (;;) {
    if (chance(rng, m.dropout)) return { days: out, alive: false };
    for (;;) {
      t += exponential(rng, m.rate * season.max);
      if (t >= days) return { days: out, alive: true };
      if (rng() * season.max < season.factor(Math.floor(t))) break;
    }
    out.push(Math.floor(t));
  }
}

interface Visit { day: number; flags: number; dedicated: boolean }

/**
 * Mark the visits that restock a cycled product; with `topUp`, a household that runs out before its
 * next visit makes a dedicated trip (often a delivery) so the cycle survives irregular shopping.
 */
function replenish(rng: Rng, visits: Visit[], cycle: number, flag: number, topUp: boolean, until: number): Visit[] {
  // Shoppers restock a few days early when they happen to be in the shop.
  const early = topUp ? 3 : 7;
  if (visits.length === 0) return visits;
  const out: Visit[] = [];
  let due = visits[0]!.day + (topUp ? 0 : intBetween(rng, 0, cycle));
  const next = (from: number) => from + cycle + intBetween(rng, -2, 2);
  for (const v of visits) {
    while (topUp && due + 3 < v.day) {
      const day = due + intBetween(rng, 0, 3);
      out.push({ day, flags: flag, dedicated: true });
      due = next(day);
    }
    if (v.day >= due - early) {
      v.flags |= flag;
      due = next(v.day);
    }
    out.push(v);
  }
  while (topUp && due < until) {
    const day = due + intBetween(rng, 0, 3);
    if (day >= until) break;
    out.push({ day, flags: flag, dedicated: true });
    due = next(day);
  }
  return out;
}

/** All trips of the history (days 0 … days-1), in time order. */
export function scheduleTrips(
  rng: Rng, members: readonly DemoMember[], stores: readonly DemoStore[], clocks: readonly DemoClock[], days: number,
): Trip[] {
  const seasons = stores.map((s, i) => seasonality(s.format, clocks[i]!, days));
  const trips: Trip[] = [];
  const membersAt = stores.map(() => 0);

  members.forEach((m, index) => {
    const store = stores[m.store]!;
    const clock = clocks[m.store]!;
    membersAt[m.store]!++;
    const { days: buyDays, alive } = purchaseDays(rng, m, seasons[m.store]!, days);
    let visits: Visit[] = buyDays.map((day) => ({ day, flags: 0, dedicated: false }));
    const lastDay = buyDays.length > 0 ? buyDays[buyDays.length - 1]! : 0;
    if (m.formulaSku) visits = replenish(rng, visits, m.formulaCycle, FORMULA, true, alive ? days : lastDay);
    if (m.shampooSku) visits = replenish(rng, visits, m.shampooCycle, SHAMPOO, false, days);
    visits.forEach((v, k) => {
      if (v.day < 0 || v.day >= days) return;
      const first = k === 0 && !v.dedicated && v.day === m.firstBuyDay;
      const channel = first && m.customer.registrationChannel === '门店' ? 'store'
        : v.dedicated ? weightedChoice(rng, [['store', 0.4], ['delivery', 0.35], ['miniapp', 0.25]] as const)
          : memberChannel(rng, store, clock, v.day);
      let second = first ? m.firstBuySecond : tripSecond(rng, store, channel);
      // Another visit on the sign-up day comes after signing up.
      if (!first && v.day === m.registeredDay && second <= m.firstBuySecond) second = Math.min(86399, m.firstBuySecond + intBetween(rng, 600, 3600));
      trips.push({ ms: clock.utcMs(v.day, second), day: v.day, store: m.store, member: index, channel, flags: v.flags });
    });
  });

  stores.forEach((store, si) => {
    const season = seasons[si]!;
    const clock = clocks[si]!;
    const perDay = PROFILES[store.format].walkInsPerMember * membersAt[si]!;
    for (let day = 0; day < days; day++) {
      const n = poisson(rng, perDay * season.factor(day));
      for (let k = 0; k < n; k++) {
        // Delivery platforms pass on no member identity, so some tea deliveries are anonymous too.
        const channel = store.format === 'tea' && chance(rng, 0.15) ? 'delivery' : 'store';
        trips.push({ ms: clock.utcMs(day, tripSecond(rng, store, channel)), day, store: si, member: -1, channel, flags: 0 });
      }
    }
  });
  return trips.sort((a, b) => a.ms - b.ms);
}
