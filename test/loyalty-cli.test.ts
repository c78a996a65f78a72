// `regulars loyalty …` end to end on a SQLite file: configure from JSON files (versions, bad fields
// named, exit 2), settings, a member's ledger by member number or phone, the expiry job, the liability.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adjustPoints, registerMember } from '../src/app/loyalty/members.ts';
import { openStore } from '../src/store/db.ts';
import { upsertStores } from '../src/store/stores.repo.ts';
import { cliOn } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'regulars-loyalty-'));
const db = join(dir, 'loyalty.db');
const { run, json } = cliOn(db);
const file = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};
let memberId = 0;

before(async () => {
  const store = await openStore(db);
  const now = new Date('2024-06-14T04:00:00.000Z');
  await upsertStores(store.db, [{ code: 'S1', name: '静安店', timeZone: 'Asia/Shanghai', currency: 'CNY', format: null, city: null }], now.toISOString());
  memberId = (await registerMember(store.db, { memberNo: 'M1', phone: '13800138000', storeCode: 'S1' }, { now, actor: 'test', storeIds: null })).customerId;
  await adjustPoints(store.db, memberId, { points: 350, reason: '开卡礼', expiresOn: null }, { now, actor: 'test' });
  await adjustPoints(store.db, memberId, { points: 40, reason: '补偿', expiresOn: '2024-06-20' }, { now, actor: 'test' });
  await store.close();
});

test('configure tiers and promotions from JSON files: new versions; a bad field is named, exit 2', async () => {
  const ladder = { tiers: [{ code: 'normal', name: '普卡' }, { code: 'gold', name: '金卡', criteria: { growth: 5000 }, benefits: { discountBp: 500 } }] };
  assert.deepEqual(await json('loyalty', 'configure', 'tiers', file('tiers.json', ladder)), { kind: 'tiers', version: 1 });
  assert.deepEqual(await json('loyalty', 'configure', 'tiers', file('tiers.json', ladder)), { kind: 'tiers', version: 2 });
  const promos = [
    { id: 'MJ', name: '满100减20', benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }] } },
    { id: 'C20', name: '满100减20券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 2000 }] } },
  ];
  const human = await run('loyalty', 'configure', 'promotions', file('promos.json', promos));
  assert.equal(human.code, 0, human.stderr);
  assert.equal(human.stdout, 'promotion MJ (满100减20) saved as version 1\ncoupon template C20 (满100减20券) saved as version 1\n');

  const bad = await run('loyalty', 'configure', 'tiers', file('bad.json', { tiers: [{ code: 'a', name: 'A' }, { code: 'b', name: 'B', criteria: { spendMinor: -5 } }] }));
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error\[VALIDATION\]: tiers\/1\/criteria\/spendMinor: .*\(tiers\/1\/criteria\/spendMinor\)\n$/);
  const badKind = await run('loyalty', 'configure', 'coupons', file('x.json', {}));
  assert.equal(badKind.code, 2);
  assert.match(badKind.stderr, /^error\[USAGE\]: .*expected one of tiers, earn-rules, policy, promotions/);

  const s = await json<{ versions: Record<string, number>; ladder: { tiers: { code: string }[] }; promotions: unknown[] }>('loyalty', 'settings');
  assert.deepEqual(s.versions, { tiers: 2, earn: 0, policy: 0 });
  assert.deepEqual(s.ladder.tiers.map((t) => t.code), ['normal', 'gold']);
  assert.equal(s.promotions.length, 2);
});

test('ledger by member number or phone', async () => {
  const l = await json<{ customerId: number; balances: { total: number; available: number }; lots: { points: number; expiresOn: string | null }[]; expiringSoon: unknown[] }>(
    'loyalty', 'ledger', 'M1', '--as-of', '2024-06-14');
  assert.equal(l.customerId, memberId);
  assert.deepEqual([l.balances.total, l.balances.available], [390, 390]);
  assert.deepEqual(l.lots.map((x) => [x.points, x.expiresOn]), [[350, null], [40, '2024-06-20']]);
  assert.deepEqual(l.expiringSoon, [{ expiresOn: '2024-06-20', points: 40 }]);
  const byPhone = await run('loyalty', 'ledger', '138 0013 8000', '--as-of', '2024-06-14');
  assert.equal(byPhone.code, 0, byPhone.stderr);
  assert.match(byPhone.stdout, /points: 390 in all — available 390, pending 0/);
  assert.match(byPhone.stdout, /40 expire on 2024-06-20/);
  const nobody = await run('loyalty', 'ledger', 'NOBODY');
  assert.equal(nobody.code, 1);
  assert.match(nobody.stderr, /^error\[NOT_FOUND\]: member not found \(member\)/);
});

test('backtest a proposed ladder without saving it', async () => {
  const proposed = file('proposed.json', { tiers: [{ code: 'normal', name: '普卡' }, { code: 'vip', name: 'VIP', criteria: { growth: 1 } }] });
  const r = await json<{ members: number; distribution: Record<string, number>; movers: unknown[] }>('loyalty', 'backtest', proposed, '--from', '2024-06-01', '--to', '2024-06-30');
  // The one member has no purchases (points by hand only), so stays in the entry tier.
  assert.deepEqual([r.members, r.distribution, r.movers], [1, { normal: 1, vip: 0 }, []]);
  assert.equal((await json<{ versions: { tiers: number } }>('loyalty', 'settings')).versions.tiers, 2);
});

test('the expiry job writes off once; the liability rolls forward', async () => {
  const first = await json<{ members: number; pointsExpired: number }>('loyalty', 'expire', '--date', '2024-06-20');
  assert.deepEqual([first.members, first.pointsExpired], [1, 40]);
  assert.equal((await json<{ pointsExpired: number }>('loyalty', 'expire', '--date', '2024-06-20')).pointsExpired, 0);
  const r = await json<{ months: { month: string; opening: number; adjusted: number; expired: number; closing: number; unexplained: number }[]; outstandingPoints: number; outstandingValueMinor: number }>(
    'loyalty', 'liability', '--from', '2024-05', '--to', '2024-06');
  assert.deepEqual(r.months.map((m) => [m.month, m.opening, m.adjusted, m.expired, m.closing, m.unexplained]), [['2024-05', 0, 0, 0, 0, 0], ['2024-06', 0, 390, -40, 350, 0]]);
  // 350 points at 100 points = ¥10 → ¥35.
  assert.deepEqual([r.outstandingPoints, r.outstandingValueMinor], [350, 3500]);
  const human = await run('loyalty', 'liability', '--from', '2024-06', '--to', '2024-06');
  assert.match(human.stdout, /outstanding 350 points worth 35\.00/);
});
