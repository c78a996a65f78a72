import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildKdTree, fartherFromBox } from './kdtree.ts';

test('every node holds a contiguous run of the reordered points with their true box and sum', () => {
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 3 }).chain((d) => fc.array(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: d, maxLength: d }), { minLength: 1, maxLength: 200 })),
    fc.integer({ min: 1, max: 8 }),
    (rows, leafSize) => {
      const d = rows[0]!.length;
      const tree = buildKdTree({ data: Float64Array.from(rows.flat()), n: rows.length, d }, leafSize);
      assert.deepEqual([...tree.order].sort((a, b) => a - b), rows.map((_, i) => i));
      tree.order.forEach((row, p) => assert.deepEqual([...tree.points.data.subarray(p * d, p * d + d)], rows[row]));
      const check = (node: number) => {
        const members = Array.from({ length: tree.end[node]! - tree.start[node]! }, (_, i) => rows[tree.order[tree.start[node]! + i]!]!);
        for (let t = 0; t < d; t++) {
          const column = members.map((m) => m[t]!);
          assert.equal(tree.low[node * d + t], Math.min(...column));
          assert.equal(tree.high[node * d + t], Math.max(...column));
          assert.equal(tree.sum[node * d + t], column.reduce((s, x) => s + x, 0));
        }
        assert.equal(tree.squares[node], members.flat().reduce((s, x) => s + x * x, 0));
        const child = tree.left[node]!;
        if (child < 0) {
          const flat = members.every((m) => m.join() === members[0]!.join());
          assert.ok(members.length <= leafSize || flat, 'a leaf holds at most leafSize points unless they are all the same');
          return;
        }
        assert.equal(tree.start[child], tree.start[node]);
        assert.equal(tree.end[child], tree.start[child + 1]);
        assert.equal(tree.end[child + 1], tree.end[node]);
        check(child);
        check(child + 1);
      };
      check(0);
    },
  ));
});

test('fartherFromBox: true only when every point of the box is nearer the other centre', () => {
  fc.assert(fc.property(
    fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 8, maxLength: 8 }),
    ([a0, a1, b0, b1, x0, x1, y0, y1]) => {
      const low = Float64Array.from([Math.min(x0!, y0!), Math.min(x1!, y1!)]);
      const high = Float64Array.from([Math.max(x0!, y0!), Math.max(x1!, y1!)]);
      const farther = fartherFromBox(Float64Array.from([a0!, a1!]), 0, Float64Array.from([b0!, b1!]), 0, low, high, 0, 2);
      // Check every point of a fine grid over the box, corners included.
      let always = true;
      for (let u = 0; u <= 4; u++) {
        for (let v = 0; v <= 4; v++) {
          const p = [low[0]! + ((high[0]! - low[0]!) * u) / 4, low[1]! + ((high[1]! - low[1]!) * v) / 4];
          const toA = (p[0]! - a0!) ** 2 + (p[1]! - a1!) ** 2, toB = (p[0]! - b0!) ** 2 + (p[1]! - b1!) ** 2;
          if (!(toA > toB)) always = false;
        }
      }
      // The distance difference is linear in the point, so the grid (which has the corners) decides it.
      assert.equal(farther, always);
    },
  ));
});
