import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beta, createRng, gamma, normal, poisson, shuffle, weightedIndex } from './random.ts';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const draw = (n: number, f: () => number) => Array.from({ length: n }, f);

test('same seed and stream give the same sequence; others differ', () => {
  const a = draw(5, createRng(42, 'x'));
  assert.deepEqual(a, draw(5, createRng(42, 'x')));
  assert.notDeepEqual(a, draw(5, createRng(43, 'x')));
  assert.notDeepEqual(a, draw(5, createRng(42, 'y')));
  for (const x of draw(10000, createRng(7))) assert.ok(x >= 0 && x < 1);
});

test('distributions have their textbook means', () => {
  const rng = createRng(1);
  const n = 20000;
  assert.ok(Math.abs(mean(draw(n, () => normal(rng, 5, 2))) - 5) < 0.05);
  assert.ok(Math.abs(mean(draw(n, () => gamma(rng, 2, 4))) - 0.5) < 0.02);
  assert.ok(Math.abs(mean(draw(n, () => gamma(rng, 0.5, 1))) - 0.5) < 0.03);
  assert.ok(Math.abs(mean(draw(n, () => beta(rng, 1, 9))) - 0.1) < 0.01);
  assert.ok(Math.abs(mean(draw(n, () => poisson(rng, 3))) - 3) < 0.06);
  assert.ok(Math.abs(mean(draw(n, () => poisson(rng, 50))) - 50) < 0.3);
  const picks = draw(n, () => weightedIndex(rng, [1, 3, 0]));
  assert.ok(Math.abs(picks.filter((i) => i === 1).length / n - 0.75) < 0.02);
  assert.ok(!picks.includes(2));
});

test('shuffle permutes in place', () => {
  const xs = Array.from({ length: 50 }, (_, i) => i);
  const out = shuffle(createRng(3), [...xs]);
  assert.notDeepEqual(out, xs);
  assert.deepEqual([...out].sort((a, b) => a - b), xs);
});
