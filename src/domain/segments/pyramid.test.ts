import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePyramidConfig, pyramid } from './pyramid.ts';
import { AppError } from '../errors.ts';

const costed = (netMinor: number, costMinor: number) => ({ netMinor, salesMinor: netMinor, costMinor, costedSalesMinor: netMinor });

test('200 fully costed customers: 2 platinum, 8 gold, 30 iron, 160 lead, ranked by margin', () => {
  const facts = Array.from({ length: 200 }, (_, i) => costed((i + 1) * 100, (i + 1) * 40));
  const p = pyramid(facts);
  assert.equal(p.basis, 'margin');
  const counts = { platinum: 0, gold: 0, iron: 0, lead: 0 };
  for (const s of p.segments) counts[s]++;
  assert.deepEqual(counts, { platinum: 2, gold: 8, iron: 30, lead: 160 });
  assert.deepEqual(p.segments.slice(198), ['platinum', 'platinum']);
});

test('margin and spend rank differently; unknown cost falls back to spend and says so', () => {
  const cuts = parsePyramidConfig({ cumulativeBp: [5000, 7500, 9000] }); // top half of 2 customers = 1
  const x = costed(1000, 900); // margin 100
  const y = costed(500, 100); // margin 400
  assert.deepEqual(pyramid([x, y], cuts).segments, ['lead', 'platinum']);
  const uncostedY = { ...y, costMinor: 0, costedSalesMinor: 0 };
  const p = pyramid([x, uncostedY], cuts);
  assert.equal(p.basis, 'net_spend');
  assert.match(p.note, /cost is unknown for some orders of 1 of 2 customers/);
  assert.deepEqual(p.segments, ['platinum', 'lead']);
  assert.equal(pyramid([x, y], { ...cuts, basis: 'net_spend' }).segments[0], 'platinum');
});

test('returns that cancel a whole order lower the contribution; an empty store has no tiers', () => {
  const cuts = parsePyramidConfig({ cumulativeBp: [5000, 7500, 9000] });
  // Both bought 800 at cost 300; the first returned an order of 600 in full.
  const returned = { netMinor: 200, salesMinor: 800, costMinor: 300, costedSalesMinor: 800 };
  const kept = { netMinor: 800, salesMinor: 800, costMinor: 300, costedSalesMinor: 800 };
  assert.deepEqual(pyramid([returned, kept], cuts).segments, ['lead', 'platinum']);
  assert.deepEqual(pyramid([]).segments, []);
});

test('pyramid cuts are validated', () => {
  assert.throws(() => parsePyramidConfig({ cumulativeBp: [500, 100, 2000] }), (e: unknown) => e instanceof AppError && e.field === '/pyramid/cumulativeBp');
  assert.throws(() => parsePyramidConfig({ cumulativeBp: [100, 500, 20000] }), (e: unknown) => e instanceof AppError && e.field === '/pyramid/cumulativeBp/2');
  assert.throws(() => parsePyramidConfig({ basis: 'margin' }), (e: unknown) => e instanceof AppError && e.field === '/pyramid/basis');
});
