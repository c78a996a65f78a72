// The fields a dynamic-segment or tag rule may read, with their type, meaning and what must be loaded.
import type { FieldSpec } from './rule.ts';
import type { Needs } from './schemes.ts';
import { SCHEMES } from './schemes.ts';

export interface SegmentField extends FieldSpec { description: string; needs: Needs }

const base: Needs = { costAndUnits: false, behaviour: false };
const units: Needs = { costAndUnits: true, behaviour: false };
const behaviour: Needs = { costAndUnits: false, behaviour: true };

export const SEGMENT_FIELDS: Readonly<Record<string, SegmentField>> = {
  recencyDays: { type: 'number', needs: base, description: 'days from the last purchase to as-of' },
  tenureDays: { type: 'number', needs: base, description: 'days from the first purchase to as-of' },
  firstPurchaseDate: { type: 'date', needs: base, description: 'first purchase (business date)' },
  lastPurchaseDate: { type: 'date', needs: base, description: 'last purchase on or before as-of' },
  orders: { type: 'number', needs: base, description: 'orders in the window' },
  purchaseDays: { type: 'number', needs: base, description: 'distinct purchase days in the window' },
  salesMinor: { type: 'number', needs: base, description: 'sales net of discounts in the window, minor units' },
  returnMinor: { type: 'number', needs: base, description: 'refunds in the window, minor units' },
  netMinor: { type: 'number', needs: base, description: 'sales − refunds in the window, minor units' },
  avgOrderMinor: { type: 'number', needs: base, description: 'sales ÷ orders in the window (rounded), null without orders' },
  categories: { type: 'number', needs: base, description: 'distinct categories bought' },
  marginMinor: { type: 'number', needs: units, description: 'net spend − cost; null unless cost is known for every order in the window' },
  items: { type: 'number', needs: units, description: 'units bought in the window' },
  avgItemPriceMinor: { type: 'number', needs: units, description: 'sales ÷ units in the window (rounded), null without units' },
  discountShareBp: { type: 'number', needs: behaviour, description: 'discounted orders ÷ orders in the window, basis points' },
  weekendShareBp: { type: 'number', needs: behaviour, description: 'weekend orders ÷ orders in the window, basis points' },
  age: { type: 'number', needs: behaviour, description: 'age in whole years at as-of, null when the birth date is unknown' },
  gender: { type: 'string', needs: behaviour, description: 'female, male or unknown' },
  tags: { type: 'tags', needs: behaviour, description: 'built-in and custom tags' },
  r: { type: 'number', needs: base, description: 'RFM recency score 1–5' },
  f: { type: 'number', needs: base, description: 'RFM frequency score 1–5' },
  m: { type: 'number', needs: base, description: 'RFM monetary score 1–5' },
  ...Object.fromEntries(SCHEMES.map((s) => [s, {
    type: 'string', needs: { costAndUnits: s === 'pyramid', behaviour: s === 'lifecycle' }, description: `the customer's ${s} segment name`,
  } satisfies SegmentField])),
};
