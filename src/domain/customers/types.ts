// Customer, product and store records as they arrive from imports, the API or the demo generator.

export const GENDERS = ['female', 'male', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

export const CONSENT_CHANNELS = ['sms', 'wechat', 'email', 'phone', 'app_push'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export interface ConsentInput {
  channel: ConsentChannel;
  granted: boolean;
  /** UTC ISO instant the consent was given or withdrawn. */
  at: string;
  /** Where it was recorded: "pos", "miniapp", "import:<file>", … */
  source: string;
}

export interface CustomerInput {
  memberNo: string | null;
  /** Normalised (see domain/phone.ts). */
  phone: string | null;
  name: string | null;
  gender: Gender;
  /** YYYY-MM-DD */
  birthDate: string | null;
  city: string | null;
  region: string | null;
  homeStoreCode: string | null;
  /** Staff guide (导购) code. */
  guideCode: string | null;
  /** UTC ISO instant. */
  registeredAt: string | null;
  registrationChannel: string | null;
  /** The referrer's member number or phone. */
  referrer: string | null;
  consents: ConsentInput[];
  attributes: Record<string, string>;
}

export interface ProductInput {
  sku: string;
  name: string | null;
  /** Levels joined with '/', e.g. "食品/乳品/奶粉". */
  category: string | null;
  brand: string | null;
  listPriceMinor: number | null;
  unitCostMinor: number | null;
}

export interface StoreInput {
  code: string;
  name: string;
  /** IANA zone, e.g. Asia/Shanghai. */
  timeZone: string;
  /** ISO 4217, e.g. CNY. */
  currency: string;
  /** Free text: clothing, tea, supermarket, online … */
  format: string | null;
  city: string | null;
}
