import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, parseSegmentSettings, withOverrides } from './settings.ts';
import { AppError } from '../errors.ts';

test('defaults round-trip; parts given replace only themselves', () => {
  assert.deepEqual(parseSegmentSettings({}), DEFAULT_SETTINGS);
  assert.deepEqual(parseSegmentSettings(DEFAULT_SETTINGS), DEFAULT_SETTINGS);
  const s = parseSegmentSettings({ windowDays: 365, abcd: { dormantDays: 180 } });
  assert.equal(s.windowDays, 365);
  assert.deepEqual(s.abcd, { dormantDays: 180, cumulativeBp: [2000, 5000] });
  assert.deepEqual(s.pyramid, DEFAULT_SETTINGS.pyramid);
});

test('overrides merge into a base, one level deep, and are validated', () => {
  const base = parseSegmentSettings({ abcd: { dormantDays: 180 } });
  const s = withOverrides(base, { abcd: { cumulativeBp: [1000, 4000] }, windowDays: undefined });
  assert.deepEqual(s.abcd, { dormantDays: 180, cumulativeBp: [1000, 4000] });
  assert.throws(() => withOverrides(base, { windowDays: 0 }), (e: unknown) => e instanceof AppError && e.field === '/windowDays');
});

test('a misspelt setting is an error, not a silent default', () => {
  assert.throws(() => parseSegmentSettings({ window: 30 }), (e: unknown) => e instanceof AppError && e.field === '/window');
  assert.throws(() => parseSegmentSettings([]), (e: unknown) => e instanceof AppError);
});
