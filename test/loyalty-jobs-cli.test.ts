// `regulars loyalty review-tiers|birthdays|daily|donate|transfer` end to end on a SQLite file. The
// store is seeded through the use-cases; every figure is worked out by hand in the comments.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitCheckout } from '../src/app/loyalty/commit.ts';
import { adjustPoints, registerMember } from '../src/app/loyalty/members.ts';
import { savePromotionDefinition, saveSettings } from '../src/app/loyalty/settings.ts';
import { openStore } from '../src/store/db.ts';
import { upsertStores } from '../src/store/stores.repo.ts';
import { cliOn } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'regulars-loyalty-jobs-'));
const db = join(dir, 'loyalty.db');
const { run, json } = cliOn(db);
const ids = { m1: 0, m2: 0 };

interface Daily {
  date: string;
  expiry: { members: number; pointsExpired: number };
  tierReviews: { reviewed: number; actions: Record<string, number>; changes: { action: string; from: string; to: string }[] };
  birthdays: { members: number; issued: number; coupons: { templateId: string; customerId: number }[] };
}

before(async () => {
  const store = await openStore(db);
  const now = new Date('2024-06-14T04:00:00.000Z');
  const by = { actor: 'test', now: now.toISOString() };
  await upsertStores(store.db, [{ code: 'S1', name: '静安店', timeZone: 'Asia/Shanghai', currency: 'CNY', format: null, city: null }], by.now);
  await savePromotionDefinition(store.db, 'CAKE', { id: 'CAKE', name: '生日蛋糕券', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 0, offMinor: 3000 }] } }, by);
  // Gold from ¥1,000 spent in 365 days, reviewed every 1 January, no grace. Cake coupons from 3 days before a birthday.
  await saveSettings(store.db, 'tiers', { tiers: [{ code: 'normal', name: '普卡' }, { code: 'gold', name: '金卡', criteria: { spendMinor: 100_000 } }], review: { basis: 'calendar', monthDay: '01-01' } }, by);
  await saveSettings(store.db, 'policy', { autoIssue: [{ id: 'bd', event: 'birthday', templateId: 'CAKE', leadDays: 3 }] }, by);
  const reg = { now, actor: 'test', storeIds: null };
  ids.m1 = (await registerMember(store.db, { memberNo: 'M1', birthDate: '1990-01-03', storeCode: 'S1' }, reg)).customerId;
  ids.m2 = (await registerMember(store.db, { memberNo: 'M2', storeCode: 'S1' }, reg)).customerId;
  // M1 spends ¥1,200 on 2023-03-01: gold (first review 2025-01-01) and 1,200 points void from 2025-01-01 (end of next year).
  await commitCheckout(store.db, { storeCode: 'S1', member: { memberNo: 'M1' }, placedAt: '2023-03-01T04:00:00Z', lines: [{ lineNo: 1, sku: 'COAT', quantity: 1, unitPriceMinor: 120_000 }] },
    { ...reg, key: 'M1-coat' });
  await adjustPoints(store.db, ids.m2, { points: 300, reason: '开卡礼', expiresOn: null }, { now, actor: 'test' });
  await store.close();
});

test('review-tiers and birthdays for a date before anything is due: nothing happens', async () => {
  const r = await run('loyalty', 'review-tiers', '--date', '2024-12-31');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'tier review on 2024-12-31: 0 member(s) due — no changes\n');
  // On 2024-12-30 M1's birthday (2025-01-03) is 4 days off: outside the 3 days' lead.
  const b = await run('loyalty', 'birthdays', '--date', '2024-12-30');
  assert.equal(b.stdout, 'birthdays on 2024-12-30: 0 coupon(s) issued to 0 member(s) with a birthday due\n');
});

test('daily on 2025-01-01: M1\'s points expire, M1 drops from gold, M1 gets the cake coupon; again: nothing more', async () => {
  const d = await json<Daily>('loyalty', 'daily', '--date', '2025-01-01');
  assert.deepEqual([d.date, d.expiry.members, d.expiry.pointsExpired], ['2025-01-01', 1, 1200]);
  // No spend in (2024-01-01, 2025-01-01], no grace: straight down to the entry tier.
  assert.deepEqual([d.tierReviews.reviewed, d.tierReviews.actions, d.tierReviews.changes.map((c) => [c.action, c.from, c.to])], [1, { downgrade: 1 }, [['downgrade', 'gold', 'normal']]]);
  assert.deepEqual([d.birthdays.members, d.birthdays.issued, d.birthdays.coupons.map((c) => [c.customerId, c.templateId])], [1, 1, [[ids.m1, 'CAKE']]]);
  const again = await json<Daily>('loyalty', 'daily', '--date', '2025-01-01');
  assert.deepEqual([again.expiry.pointsExpired, again.tierReviews.reviewed, again.birthdays.issued], [0, 0, 0]);
  const bad = await run('loyalty', 'daily', '--date', '2025-1-1');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error\[USAGE\]: .*YYYY-MM-DD/);
});

test('donate, then transfer: refused while off (exit 1), allowed once the policy turns it on, replayed by key', async () => {
  const d = await run('loyalty', 'donate', 'M2', '--points', '100', '--cause', '希望工程');
  assert.equal(d.code, 0, d.stderr);
  assert.equal(d.stdout, `customer ${ids.m2} donated 100 points to 希望工程; now 200 spendable (200 available, 0 pending, debt 0)\n`);
  const off = await run('loyalty', 'transfer', 'M2', 'M1', '--points', '50');
  assert.equal(off.code, 1);
  assert.equal(off.stderr, 'error[REFUSED]: points transfer is turned off (policy/ledger/transferEnabled)\n');
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ ledger: { transferEnabled: true } }));
  assert.equal((await run('loyalty', 'configure', 'policy', policy)).code, 0);
  const t = await json<{ points: number; from: { balances: { available: number } }; to: { balances: { available: number } }; lots: { points: number; expiresOn: string | null }[] }>(
    'loyalty', 'transfer', 'M2', 'M1', '--points', '50', '--key', 'T1');
  // M2's never-expiring points: the receiver's lot never expires either.
  assert.deepEqual([t.points, t.from.balances.available, t.to.balances.available, t.lots], [50, 150, 50, [{ points: 50, expiresOn: null }]]);
  const replay = await run('loyalty', 'transfer', 'M2', 'M1', '--points', '50', '--key', 'T1');
  assert.match(replay.stdout, /^\(replayed\) 50 points from customer \d+ to customer \d+\n/);
  assert.match(replay.stdout, /giver now 150 spendable/);
  const short = await run('loyalty', 'donate', 'M2', '--points', '151', '--cause', '希望工程');
  assert.deepEqual([short.code, short.stderr], [1, 'error[REFUSED]: only 150 points available (/points)\n']);
});
