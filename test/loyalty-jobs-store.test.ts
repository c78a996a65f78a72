// The jobs' store queries on both dialects: who a tier review looks at (due, tier gone from the
// ladder, idle — a day whose purchase was returned the same day is not activity), the reviewed tier
// saved only while unchanged, and a ladder change placing members whose tier it no longer has.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { registerMember } from '../src/app/loyalty/members.ts';
import { saveSettings } from '../src/app/loyalty/settings.ts';
import { runTierReviews } from '../src/app/loyalty/tier-review.ts';
import { membersBornOn, membersDueForReview, saveReviewedTier } from '../src/store/loyalty-jobs.repo.ts';
import { addActivity, memberTier } from '../src/store/loyalty-members.repo.ts';
import { upsertStores } from '../src/store/stores.repo.ts';
import { forEachDialect, freshStore } from './support/dialects.ts';

const NOW = new Date('2024-06-14T04:00:00.000Z'); // business date 2024-06-14 in Shanghai
const by = { now: NOW, actor: 'test', storeIds: null };
const day = (date: string, orders: number, spendMinor = 0) => ({ date, spendMinor, orders, interactions: 0, growth: 0 });

forEachDialect('loyalty jobs store', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  const id = { a: 0, b: 0, c: 0 };
  before(async () => {
    store = await freshStore(dialect);
    await upsertStores(store.db, [{ code: 'S1', name: '静安店', timeZone: 'Asia/Shanghai', currency: 'CNY', format: null, city: null }], NOW.toISOString());
    await saveSettings(store.db, 'tiers', { tiers: [{ code: 'normal', name: '普卡' }, { code: 'vip', name: 'VIP', criteria: { spendMinor: 10_000 } }] }, { actor: 'test', now: NOW.toISOString() });
    id.a = (await registerMember(store.db, { memberNo: 'A', birthDate: '1990-02-29' }, by)).customerId;
    id.b = (await registerMember(store.db, { memberNo: 'B', birthDate: '1991-03-01' }, by)).customerId;
    id.c = (await registerMember(store.db, { memberNo: 'C' }, by)).customerId;
    // All three enrolled 2024-06-14 as 'normal' (first review 2025-06-14). Put A and B in 'vip' by hand in the table.
    for (const k of ['a', 'b'] as const) await store.db.updateTable('member_tiers').set({ tier_code: 'vip' }).where('customer_id', '=', id[k]).execute();
    // A bought on 2024-06-20; B bought and returned everything on 2024-06-20 (the day nets to 0 orders).
    await addActivity(store.db, id.a, day('2024-06-20', 1, 20_000));
    await addActivity(store.db, id.b, day('2024-06-20', 1, 20_000));
    await addActivity(store.db, id.b, day('2024-06-20', -1, -20_000));
  });
  after(() => store.drop());

  test('due members: review date, a tier the ladder lacks, idle above the entry tier (a returned day is idle)', async () => {
    const base = { tierCodes: ['normal', 'vip'], entryTier: 'normal', idleCutoff: null };
    assert.deepEqual(await membersDueForReview(store.db, { ...base, date: '2025-06-13' }), []);
    assert.deepEqual(await membersDueForReview(store.db, { ...base, date: '2025-06-14' }), [id.a, id.b, id.c]);
    assert.deepEqual(await membersDueForReview(store.db, { ...base, date: '2024-07-01', tierCodes: ['normal'] }), [id.a, id.b]);
    // Idle since 2024-06-20 or earlier: B (its last active day is enrolment, 2024-06-14), not A (active 2024-06-20 > cutoff 2024-06-19); C is entry tier.
    assert.deepEqual(await membersDueForReview(store.db, { ...base, date: '2024-07-01', idleCutoff: '2024-06-19' }), [id.b]);
    assert.deepEqual(await membersDueForReview(store.db, { ...base, date: '2024-07-01', idleCutoff: '2024-06-20' }), [id.a, id.b]);
  });

  test('a reviewed tier is saved only while the row is what was read', async () => {
    const read = (await memberTier(store.db, id.c))!.state;
    const next = { ...read, reviewOn: '2026-06-14' };
    await store.db.updateTable('member_tiers').set({ review_on: '2025-07-01' }).where('customer_id', '=', id.c).execute(); // a checkout got there first
    assert.equal(await saveReviewedTier(store.db, id.c, read, next, NOW.toISOString()), false);
    assert.equal((await memberTier(store.db, id.c))!.state.reviewOn, '2025-07-01');
    const fresh = (await memberTier(store.db, id.c))!.state;
    assert.equal(await saveReviewedTier(store.db, id.c, fresh, next, NOW.toISOString()), true);
    assert.equal((await memberTier(store.db, id.c))!.state.reviewOn, '2026-06-14');
  });

  test('birthday pre-filter by month-day, 29 February included when asked', async () => {
    assert.deepEqual((await membersBornOn(store.db, ['02-28', '02-29'])).map((m) => [m.customerId, m.birthDate, m.tierCode]), [[id.a, '1990-02-29', 'vip']]);
    assert.deepEqual((await membersBornOn(store.db, ['03-01'])).map((m) => m.customerId), [id.b]);
    assert.deepEqual(await membersBornOn(store.db, []), []);
  });

  test('a ladder without the member\'s tier: the review places them by what they qualify for', async () => {
    await saveSettings(store.db, 'tiers', { tiers: [{ code: 'normal', name: '普卡' }, { code: 'gold', name: '金卡', criteria: { spendMinor: 15_000 } }] }, { actor: 'test', now: NOW.toISOString() });
    const r = await runTierReviews(store.db, { now: NOW, date: '2024-07-01' });
    // A spent ¥200 in the window (≥ ¥150): gold. B's day nets to ¥0: normal.
    assert.deepEqual(r.changes.map((c) => [c.customerId, c.action, c.from, c.to]), [[id.a, 'enter', 'vip', 'gold'], [id.b, 'enter', 'vip', 'normal']]);
    assert.deepEqual((await runTierReviews(store.db, { now: NOW, date: '2024-07-01' })).changes, []);
  });
});
