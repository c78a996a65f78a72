// Every model's settings in one JSON-shaped object (a file for the CLI's --config, query parameters in
// the API). Anything left out takes its default; unknown keys are errors, so a typo is never ignored.
import { DEFAULT_ABCD, parseAbcdConfig, type AbcdConfig } from './abcd.ts';
import { DEFAULT_LIFECYCLE, parseLifecycleConfig, type LifecycleConfig } from './lifecycle.ts';
import { DEFAULT_PYRAMID, parsePyramidConfig, type PyramidConfig } from './pyramid.ts';
import { DEFAULT_RFM, parseRfmConfig, type RfmConfig } from './rfm.ts';
import { DEFAULT_RETENTION, parseRetentionConfig, type RetentionConfig } from './rfm-segments.ts';
import { DEFAULT_TAGS, parseTagConfig, type TagConfig } from './tags.ts';
import { onlyKeys, settings, wholeNumber } from './checks.ts';

export interface SegmentSettings {
  /** Days back from as-of that F, M and the behaviour tags count (null: all history). Recency and first purchase always look at all history. */
  windowDays: number | null;
  rfm: RfmConfig;
  retention: RetentionConfig;
  pyramid: PyramidConfig;
  abcd: AbcdConfig;
  lifecycle: LifecycleConfig;
  tags: TagConfig;
}

export const DEFAULT_SETTINGS: SegmentSettings = {
  windowDays: null, rfm: DEFAULT_RFM, retention: DEFAULT_RETENTION, pyramid: DEFAULT_PYRAMID, abcd: DEFAULT_ABCD,
  lifecycle: DEFAULT_LIFECYCLE, tags: DEFAULT_TAGS,
};

export function parseSegmentSettings(input: unknown, field = ''): SegmentSettings {
  const v = settings(field || '/', input);
  onlyKeys(field, v, Object.keys(DEFAULT_SETTINGS));
  return {
    windowDays: v.windowDays === undefined || v.windowDays === null ? null : wholeNumber(`${field}/windowDays`, v.windowDays, 1),
    rfm: parseRfmConfig(v.rfm, `${field}/rfm`),
    retention: parseRetentionConfig(v.retention, `${field}/retention`),
    pyramid: parsePyramidConfig(v.pyramid, `${field}/pyramid`),
    abcd: parseAbcdConfig(v.abcd, `${field}/abcd`),
    lifecycle: parseLifecycleConfig(v.lifecycle, `${field}/lifecycle`),
    tags: parseTagConfig(v.tags, `${field}/tags`),
  };
}

/** Settings with some parts replaced (partial JSON merged over a base, then validated). */
export function withOverrides(base: SegmentSettings, overrides: Record<string, unknown>): SegmentSettings {
  const merged: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) continue;
    const cur = merged[k];
    merged[k] = typeof v === 'object' && v !== null && !Array.isArray(v) && typeof cur === 'object' && cur !== null ? { ...cur, ...v } : v;
  }
  return parseSegmentSettings(merged);
}
