import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOT_PRESENT, transitionMatrix } from './transitions.ts';

test('transition matrix between two snapshots, with customers new in the later one', () => {
  const from = new Map([[1, 'dormant'], [2, 'dormant'], [3, 'active'], [4, 'active']]);
  const to = new Map([[1, 'active'], [2, 'dormant'], [3, 'active'], [4, 'dormant'], [5, 'new'], [6, 'new']]);
  const t = transitionMatrix(from, to, ['new', 'active', 'dormant']);
  assert.deepEqual(t.segments, ['new', 'active', 'dormant', NOT_PRESENT]);
  assert.deepEqual(t.counts, [
    [0, 0, 0, 0],
    [0, 1, 1, 0],
    [0, 1, 1, 0],
    [2, 0, 0, 0],
  ]);
  assert.equal(t.customers, 6);
  assert.deepEqual(t.moves[0], { from: NOT_PRESENT, to: 'new', count: 2 });
  assert.ok(t.moves.some((m) => m.from === 'dormant' && m.to === 'active' && m.count === 1), 'one dormant customer became active');
});

test('members leaving a saved segment go to NOT_PRESENT; names outside the given order are kept', () => {
  const t = transitionMatrix(new Map([[1, 'member'], [2, 'member']]), new Map([[2, 'member'], [3, 'member']]));
  assert.deepEqual(t.segments, ['member', NOT_PRESENT]);
  assert.deepEqual(t.counts, [[1, 1], [1, 0]]);
  assert.deepEqual(transitionMatrix(new Map(), new Map()).moves, []);
});
