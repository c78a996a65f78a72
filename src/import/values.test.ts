import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMinor } from '../domain/money.ts';
import { businessDate, parseLocalDateTime } from '../domain/time.ts';
import { cleanId, dateReader, isReturnMarker, parseMoney, parseQuantity, parseYesNo } from './values.ts';

test('parseMoney equals parseMinor on any text', () => {
  const text = fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', '-', '+', ',', ' ', '¥', 'e'), maxLength: 14 });
  fc.assert(fc.property(text, fc.constantFrom(0, 2, 3), (t, digits) => {
    assert.equal(parseMoney(t, digits), parseMinor(t, digits), JSON.stringify(t));
  }), { numRuns: 3000, seed: 7 });
  assert.equal(parseMoney('2.55'), 255);
  assert.equal(parseMoney('-11062.06'), -1106206);
});

test('the caching date reader agrees with parseLocalDateTime + businessDate, DST days included', () => {
  const zones = ['Europe/London', 'America/New_York', 'Asia/Shanghai', 'Australia/Lord_Howe', 'America/Sao_Paulo'];
  const when = fc.record({
    y: fc.constantFrom(2010, 2011, 2018, 2024), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 23 }), mi: fc.constantFrom(0, 1, 29, 30, 59), s: fc.constantFrom(0, 59), withTime: fc.boolean(),
  });
  const pad = (n: number) => String(n).padStart(2, '0');
  for (const zone of zones) {
    const reader = dateReader(zone, 'ymd');
    fc.assert(fc.property(when, ({ y, mo, d, h, mi, s, withTime }) => {
      const text = `${y}-${pad(mo)}-${pad(d)}` + (withTime ? ` ${pad(h)}:${pad(mi)}:${pad(s)}` : '');
      const iso = parseLocalDateTime(text, zone);
      assert.deepEqual(reader.read(text), iso === null ? null : { placedAt: iso, businessDate: businessDate(iso, zone) }, `${zone} ${text}`);
    }), { numRuns: 400, seed: 11 });
    // Every minute-hour of the days clocks change.
    for (const day of ['2011-03-27', '2011-10-30', '2024-03-10', '2024-11-03', '2024-04-07', '2024-10-06', '2018-11-04', '2018-02-17']) {
      for (let h = 0; h < 24; h++) {
        for (const mi of [0, 15, 30, 45]) {
          const text = `${day} ${pad(h)}:${pad(mi)}:00`;
          const iso = parseLocalDateTime(text, zone)!;
          assert.deepEqual(reader.read(text), { placedAt: iso, businessDate: businessDate(iso, zone) }, `${zone} ${text}`);
        }
      }
    }
  }
  const r = dateReader('Asia/Shanghai', 'dmy');
  assert.deepEqual(r.read('20240305'), { placedAt: '2024-03-04T16:00:00.000Z', businessDate: '2024-03-05' });
  assert.deepEqual(r.read('05/03/2024 09:15'), { placedAt: '2024-03-05T01:15:00.000Z', businessDate: '2024-03-05' });
  assert.equal(r.read('2024-02-30'), null);
  // Excel serial days: 45356.5 is 2024-03-05 12:00 wall time.
  assert.deepEqual(r.read('45356.5'), { placedAt: '2024-03-05T04:00:00.000Z', businessDate: '2024-03-05' });
});

test('small value readers', () => {
  assert.equal(cleanId(' 17850.0 '), '17850');
  assert.equal(cleanId('C536379'), 'C536379');
  assert.equal(cleanId('10.50'), '10.50');
  assert.deepEqual(['6', '-12', '0.35', '1,200', 'x', ''].map(parseQuantity), [6, -12, 0.35, 1200, null, null]);
  assert.deepEqual(['退货', 'Return', 'R', '是', '销售', 'sale', ''].map(isReturnMarker), [true, true, true, true, false, false, false]);
  assert.deepEqual(['Y', '否', 'TRUE', '0', '?'].map(parseYesNo), [true, false, true, false, null]);
});

test('parseQuantity fast path agrees with the general one', () => {
  const text = fc.string({ unit: fc.constantFrom('0', '1', '7', '9', '-', '.', ',', ' '), maxLength: 11 });
  fc.assert(fc.property(text, (t) => {
    const general = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t.trim().replace(/,/g, '')) ? Number(t.trim().replace(/,/g, '')) : null;
    assert.equal(parseQuantity(t), general, JSON.stringify(t));
  }), { numRuns: 3000, seed: 3 });
});
