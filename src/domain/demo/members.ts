// Members of the demo chain: who they are (the CustomerInput contract) and, kept apart, how they
// behave (purchase rate, dropout, replenishment cycles), which only the simulation sees.
import type { ConsentInput, CustomerInput, Gender } from '../customers/types.ts';
import { addDays } from '../time.ts';
import { FORMULA_SKUS, SHAMPOO_SKUS } from './catalog-mart.ts';
import { TEA_PRODUCTS } from './catalog-tea.ts';
import { HOUR_WEIGHTS, ONLINE_HOUR_WEIGHTS, seasonFactor } from './calendar.ts';
import type { DemoClock } from './clock.ts';
import { personName, uniqueMobile } from './names.ts';
import { PROFILES } from './profiles.ts';
import {
  beta, chance, cumulative, drawCumulative, exponential, gamma, intBetween, normal, pick, weightedChoice,
  weightedIndex, type Rng,
} from './random.ts';
import type { DemoStore } from './stores.ts';

export interface DemoMember {
  store: number;
  customer: CustomerInput;
  /** Drives product choice; also set for members whose recorded gender is unknown. */
  female: boolean;
  birthMonth: number;
  registeredDay: number;
  registeredSecond: number;
  /** First purchase, or null for a sign-up who never buys. */
  firstBuyDay: number | null;
  firstBuySecond: number;
  /** Purchases a day while alive (λ) and the chance of dropping out after each purchase (p). */
  rate: number;
  dropout: number;
  /** Supermarket households with a baby buy formula on a cycle. */
  formulaSku: string | null;
  formulaCycle: number;
  shampooSku: string | null;
  shampooCycle: number;
  /** Tea drinkers' usual drink. */
  favoriteSku: string | null;
}

const CONSENT_SOURCE: Record<string, string> = { 门店: 'pos', 小程序: 'miniapp', 公众号: 'wechat-oa', 活动: 'event' };
const DRINKS = TEA_PRODUCTS.filter((p) => !p.addOnly);
const SIZES_F: readonly (readonly [string, number])[] = [['S', 0.25], ['M', 0.4], ['L', 0.25], ['XL', 0.1]];
const SIZES_M: readonly (readonly [string, number])[] = [['M', 0.2], ['L', 0.4], ['XL', 0.3], ['XXL', 0.1]];
const SWEETNESS: readonly (readonly [string, number])[] = [['无糖', 0.1], ['三分糖', 0.25], ['半糖', 0.35], ['七分糖', 0.2], ['全糖', 0.1]];

const iso = (ms: number): string => new Date(ms).toISOString();
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** A second of the local day drawn from hourly weights. */
export function secondOfDay(rng: Rng, hourWeights: readonly number[]): number {
  return weightedIndex(rng, hourWeights) * 3600 + intBetween(rng, 0, 3599);
}

/**
 * Registration days: 45% in the year before the history, the rest inside it, following the
 * store's traffic (sign-ups happen when shoppers are in).
 */
function registrationDay(rng: Rng, store: DemoStore, clock: DemoClock, days: number): number {
  for (;;) {
    const day = chance(rng, 0.45) ? intBetween(rng, -365, -1) : intBetween(rng, 0, days - 1);
    if (rng() * 3.2 < seasonFactor(store.format, clock.info(day))) return day;
  }
}

/** Generate `count` members spread over `stores`, ordered by registration, numbered M00000001…. */
export function generateMembers(
  rng: Rng, count: number, stores: readonly DemoStore[], clocks: readonly DemoClock[], asOf: string, days: number,
): DemoMember[] {
  const storeCum = cumulative(stores.map((s) => s.memberShare));
  const phones = new Set<string>();
  const drafts = Array.from({ length: count }, (_, i) => {
    const store = drawCumulative(rng, storeCum);
    const s = stores[store]!;
    const channel = weightedChoice(rng, PROFILES[s.format].registration);
    const day = registrationDay(rng, s, clocks[store]!, days);
    const second = secondOfDay(rng, channel === '门店' ? HOUR_WEIGHTS[s.format] : ONLINE_HOUR_WEIGHTS);
    return { i, store, channel, day, second };
  });
  drafts.sort((a, b) => a.day - b.day || a.second - b.second || a.i - b.i);

  const byStore: number[][] = stores.map(() => []);
  return drafts.map((d, n) => {
    const s = stores[d.store]!;
    const clock = clocks[d.store]!;
    const profile = PROFILES[s.format];
    const female = chance(rng, profile.femaleShare);
    const gender: Gender = chance(rng, 0.03) ? 'unknown' : female ? 'female' : 'male';
    const age = Math.round(clamp(normal(rng, profile.ageMean, profile.ageSd), 18, 65));
    const birthDate = addDays(asOf, -(365 * age + Math.floor(age / 4) + intBetween(rng, 1, 360)));
    const place = weightedChoice(rng, s.catchment.map((c) => [c, c.weight] as const));
    const registeredMs = clock.utcMs(d.day, d.second);

    const earlier = byStore[d.store]!;
    const referrer = earlier.length > 0 && chance(rng, 0.05) ? `M${String(pick(rng, earlier) + 1).padStart(8, '0')}` : null;
    earlier.push(n);

    const guideCode = s.guides.length > 0 && chance(rng, d.channel === '门店' ? 0.9 : 0.3) ? pick(rng, s.guides) : null;
    const consents = consentsFor(rng, d.channel, registeredMs, clock, days);
    const attributes: Record<string, string> = {};
    const baby = s.format === 'supermarket' && age >= 24 && age <= 40 && chance(rng, 0.35);
    if (s.format === 'clothing') attributes['尺码'] = weightedChoice(rng, female ? SIZES_F : SIZES_M);
    if (s.format === 'tea') attributes['甜度偏好'] = weightedChoice(rng, SWEETNESS);
    if (baby) attributes['家有宝宝'] = '是';

    let firstBuyDay: number | null = d.day;
    let firstBuySecond = Math.min(86399, d.second + intBetween(rng, 60, 900));
    if (d.channel !== '门店') {
      if (chance(rng, profile.neverBuys)) firstBuyDay = null;
      else {
        // Signed up online or at an event: the first visit comes on a later day.
        firstBuyDay = d.day + 1 + Math.floor(exponential(rng, 1 / 10));
        firstBuySecond = secondOfDay(rng, HOUR_WEIGHTS[s.format]);
      }
    }
    const shampoo = s.format === 'supermarket' && chance(rng, 0.45);
    const customer: CustomerInput = {
      memberNo: `M${String(n + 1).padStart(8, '0')}`,
      phone: uniqueMobile(rng, phones),
      name: personName(rng, female),
      gender,
      birthDate,
      city: place.city,
      region: place.region,
      homeStoreCode: s.code,
      guideCode,
      registeredAt: iso(registeredMs),
      registrationChannel: d.channel,
      referrer,
      consents,
      attributes,
    };
    return {
      store: d.store, customer, female, birthMonth: Number(birthDate.slice(5, 7)),
      registeredDay: d.day, registeredSecond: d.second, firstBuyDay, firstBuySecond,
      rate: gamma(rng, profile.rateShape, profile.rateRate),
      dropout: beta(rng, profile.dropA, profile.dropB),
      formulaSku: baby ? (chance(rng, 0.65) ? FORMULA_SKUS[0] : FORMULA_SKUS[1]) : null,
      formulaCycle: Math.round(clamp(normal(rng, 30, 2.5), 25, 35)),
      shampooSku: shampoo ? (chance(rng, 0.6) ? SHAMPOO_SKUS[0] : SHAMPOO_SKUS[1]) : null,
      shampooCycle: Math.round(clamp(normal(rng, 45, 4), 38, 55)),
      favoriteSku: s.format === 'tea' ? weightedChoice(rng, DRINKS.map((p) => [p.sku, p.weight] as const)) : null,
    };
  });
}

/** Consents given at sign-up, a few SMS ones later withdrawn (always before the history ends). */
function consentsFor(rng: Rng, channel: string, registeredMs: number, clock: DemoClock, days: number): ConsentInput[] {
  const at = iso(registeredMs);
  const source = CONSENT_SOURCE[channel] ?? 'pos';
  const out: ConsentInput[] = [];
  const sms = chance(rng, 0.75);
  out.push({ channel: 'sms', granted: sms, at, source });
  const online = channel === '小程序' || channel === '公众号';
  if (chance(rng, online ? 0.85 : 0.35)) out.push({ channel: 'wechat', granted: true, at, source });
  if (chance(rng, 0.08)) out.push({ channel: 'email', granted: true, at, source });
  if (sms && chance(rng, 0.06)) {
    const endMs = clock.utcMs(days - 1, 86399);
    const withdrawnMs = registeredMs + Math.floor(rng() * (endMs - registeredMs));
    if (withdrawnMs > registeredMs) out.push({ channel: 'sms', granted: false, at: iso(withdrawnMs), source: 'sms-reply' });
  }
  return out;
}
