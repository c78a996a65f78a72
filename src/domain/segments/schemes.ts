// The segment schemes by name: their catalogs (segments in display order) and what each needs loaded.
import { ABCD_SEGMENTS } from './abcd.ts';
import type { SegmentCatalog } from './facts.ts';
import { LIFECYCLE_SEGMENTS } from './lifecycle.ts';
import { PYRAMID_SEGMENTS } from './pyramid.ts';
import { CLASSIC_SEGMENTS, RETENTION_SEGMENTS } from './rfm-segments.ts';

export const SCHEMES = ['rfm', 'retention', 'pyramid', 'abcd', 'lifecycle'] as const;
export type Scheme = (typeof SCHEMES)[number];

/**
 * What a computation needs beyond the base facts: cost and units (the pyramid, margin, prices; free from
 * the summary, a pass over orders for a past date) and behaviour (tags, lifecycle).
 */
export interface Needs { costAndUnits: boolean; behaviour: boolean }

export const SCHEME_SPECS: Readonly<Record<Scheme, { catalog: SegmentCatalog; needs: Needs; en: string; zh: string }>> = {
  rfm: { catalog: CLASSIC_SEGMENTS, needs: { costAndUnits: false, behaviour: false }, en: 'RFM: the classic eleven', zh: 'RFM 十一类' },
  retention: { catalog: RETENTION_SEGMENTS, needs: { costAndUnits: false, behaviour: false }, en: 'Retention plan: four classes', zh: '留存计划四类' },
  pyramid: { catalog: PYRAMID_SEGMENTS, needs: { costAndUnits: true, behaviour: false }, en: 'Customer pyramid by profit contribution', zh: '客户金字塔' },
  abcd: { catalog: ABCD_SEGMENTS, needs: { costAndUnits: false, behaviour: false }, en: 'ABCD value classes', zh: 'ABCD 价值分类' },
  lifecycle: { catalog: LIFECYCLE_SEGMENTS, needs: { costAndUnits: false, behaviour: true }, en: 'Lifecycle stage', zh: '生命周期' },
};

export const isScheme = (s: string): s is Scheme => (SCHEMES as readonly string[]).includes(s);

export const mergeNeeds = (...ns: Needs[]): Needs => ({ costAndUnits: ns.some((n) => n.costAndUnits), behaviour: ns.some((n) => n.behaviour) });
