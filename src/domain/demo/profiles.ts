// How each store format behaves: the buy-till-you-die parameters (purchase rate λ ~ Gamma(r, α) per
// day while alive, dropout p ~ Beta(a, b) after each purchase), walk-in traffic, channels and the
// kind of people who join. Figures are chosen to look like a Chinese high-street chain, not fitted.

export type DemoFormat = 'clothing' | 'tea' | 'supermarket';

export interface FormatProfile {
  /** Gamma shape r and rate α of the daily purchase rate λ (mean r/α purchases a day). */
  rateShape: number;
  rateRate: number;
  /** Beta(a, b) of the dropout probability after each purchase. */
  dropA: number;
  dropB: number;
  /** Anonymous walk-in orders per day per member of the store, on an ordinary day. */
  walkInsPerMember: number;
  /** Channels of member orders: [channel, weight]. Walk-ins are always 'store'. */
  channels: readonly (readonly [string, number])[];
  /** Registration channels: [channel, weight]. */
  registration: readonly (readonly [string, number])[];
  /** Share of registrations not made at a purchase that never lead to one. */
  neverBuys: number;
  femaleShare: number;
  ageMean: number;
  ageSd: number;
  /** Share of orders partly returned. */
  returnRate: number;
}

export const PROFILES: Record<DemoFormat, FormatProfile> = {
  clothing: {
    rateShape: 1.3, rateRate: 110, dropA: 1, dropB: 5,
    walkInsPerMember: 0.0008,
    channels: [['store', 0.88], ['online', 0.08], ['miniapp', 0.04]],
    registration: [['门店', 0.65], ['小程序', 0.2], ['公众号', 0.08], ['活动', 0.07]],
    neverBuys: 0.25,
    femaleShare: 0.74, ageMean: 33, ageSd: 8,
    returnRate: 0.032,
  },
  tea: {
    rateShape: 1.4, rateRate: 28, dropA: 1.2, dropB: 13,
    walkInsPerMember: 0.0055,
    channels: [['store', 0.55], ['miniapp', 0.27], ['delivery', 0.18]],
    registration: [['门店', 0.35], ['小程序', 0.5], ['公众号', 0.1], ['活动', 0.05]],
    neverBuys: 0.2,
    femaleShare: 0.68, ageMean: 25, ageSd: 5,
    returnRate: 0.002,
  },
  supermarket: {
    rateShape: 2, rateRate: 24, dropA: 1, dropB: 16,
    walkInsPerMember: 0.006,
    channels: [['store', 0.9], ['delivery', 0.06], ['miniapp', 0.04]],
    registration: [['门店', 0.6], ['小程序', 0.25], ['公众号', 0.05], ['活动', 0.1]],
    neverBuys: 0.2,
    femaleShare: 0.6, ageMean: 41, ageSd: 11,
    returnRate: 0.004,
  },
};
