// The tags' behaviour as the app loads it, on both dialects, against plain loops over the generated
// orders (never against the loader's own output):
// - category preferences: candidates from one range of customer_category_recent (migration 0012),
//   then counted from the candidates' order lines, give the same customers and counts as "orders in
//   the look-back with a merchandise line in the category or below it", counted order by order;
//   categories that only look alike (母婴x, 母婴-玩具, 母婴0, 母/婴) never count;
// - birth date and gender, read apart from the facts (loadSideReads), are the ones written, and none
//   for a merged-away customer;
// - on a SQLite file the side reads on a worker thread equal this thread's, and inside a transaction
//   they are read on the transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { recordSales } from '../src/app/record-sales.ts';
import { mergeCustomers } from '../src/app/merge-customers.ts';
import { evaluate } from '../src/domain/segments/evaluate.ts';
import { seededRandom, randomIndex } from '../src/domain/segments/prng.ts';
import { parseSegmentSettings } from '../src/domain/segments/settings.ts';
import type { CategoryPreference } from '../src/domain/segments/tags.ts';
import { addDays } from '../src/domain/time.ts';
import type { OrderInput } from '../src/domain/orders/types.ts';
import { migrateToLatest, migrator } from '../src/store/migrate.ts';
import { openStore } from '../src/store/db.ts';
import { loadBehaviour, loadSideReads, sideReadsInWorker } from '../src/store/segments-behaviour.repo.ts';
import { loadFacts } from '../src/store/segments.repo.ts';
import type { DB } from '../src/store/schema.ts';
import { upsertStores } from '../src/store/stores.repo.ts';
import { forEachDialect, freshStore } from './support/dialects.ts';
import { line, order } from './support/orders.ts';
import { STORES, FIXTURE_NOW } from './segments-fixture.ts';

const CATEGORIES = ['母婴', '母婴/奶粉', '母婴/纸尿裤/夜用', '母婴x', '母婴-玩具', '母婴0', '母/婴', '服装/上衣', '饮品/奶茶'];
const MEMBERS = 40;
const FIRST_DAY = '2024-01-01';
const DAYS = 150;

/** Seeded orders: 1–4 lines each, on days from FIRST_DAY; some lines are not merchandise. */
function generate(): OrderInput[] {
  const random = seededRandom(20240601);
  const orders: OrderInput[] = [];
  for (let k = 0; k < 400; k++) {
    const member = `G${1 + randomIndex(random, MEMBERS)}`;
    const date = addDays(FIRST_DAY, randomIndex(random, DAYS));
    const lines = Array.from({ length: 1 + randomIndex(random, 4) }, (_, j) => line(`S${j}`, 1, 1000 + randomIndex(random, 5000), {
      category: CATEGORIES[randomIndex(random, CATEGORIES.length)]!, kind: random() < 0.1 ? 'fee' : 'merchandise',
    }));
    orders.push(order(`GO${k}`, member, `${date}T04:00:00.000Z`, lines));
  }
  return orders;
}

/** The profile the tests write for member Gk: every third without a birth date, genders alternating. */
const profileOf = (k: number) => ({ birth_date: k % 3 === 2 ? null : `19${50 + k}-0${1 + (k % 9)}-15`, gender: k % 2 ? 'female' : 'male' });

async function writeProfiles(db: Kysely<DB>, idOf: ReadonlyMap<string, number>): Promise<void> {
  for (let k = 1; k <= MEMBERS; k++) {
    const id = idOf.get(`G${k}`);
    if (id !== undefined) await db.updateTable('customers').set(profileOf(k)).where('id', '=', id).execute();
  }
}

/** The definition, order by order: orders in (asOf − days, asOf] with a merchandise line in the category or below it. */
function plainCounts(orders: readonly OrderInput[], owner: (memberNo: string) => string, pref: CategoryPreference, asOf: string): Map<string, number> {
  const from = addDays(asOf, -pref.days);
  const out = new Map<string, number>();
  for (const o of orders) {
    if (!(o.businessDate > from && o.businessDate <= asOf)) continue;
    const inCategory = o.lines.some((l) => l.kind === 'merchandise' && (l.category === pref.category || l.category!.startsWith(`${pref.category}/`)));
    if (inCategory) { const m = owner(o.customer!.memberNo!); out.set(m, (out.get(m) ?? 0) + 1); }
  }
  return out;
}

forEachDialect('tag behaviour against plain loops', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  const orders = generate();
  const memberOf = new Map<number, string>();
  // G2 is merged into G1 below: its orders count for G1.
  const owner = (memberNo: string) => (memberNo === 'G2' ? 'G1' : memberNo);
  before(async () => {
    store = await freshStore(dialect);
    await upsertStores(store.db, STORES, FIXTURE_NOW);
    await recordSales(store.db, { orders, returns: [] }, { now: FIXTURE_NOW });
    for (const r of await store.db.selectFrom('customers').select(['id', 'member_no']).execute()) memberOf.set(r.id, r.member_no!);
    const idOf = new Map([...memberOf].map(([id, m]) => [m, id]));
    // G2 gets a profile too: it must not show once merged.
    await writeProfiles(store.db, idOf);
    await mergeCustomers(store.db, idOf.get('G1')!, idOf.get('G2')!, { actor: 'test', now: FIXTURE_NOW });
  });
  after(() => store.drop());

  const prefs: CategoryPreference[] = [
    { tag: 'baby', category: '母婴', minOrders: 2, days: 30 },
    { tag: 'baby-long', category: '母婴', minOrders: 3, days: 120 },
    { tag: 'milk', category: '母婴/奶粉', minOrders: 1, days: 60 },
    { tag: 'night', category: '母婴/纸尿裤', minOrders: 1, days: 90 },
  ];

  for (const asOf of [addDays(FIRST_DAY, DAYS), addDays(FIRST_DAY, 100)]) {
    test(`category preferences as of ${asOf} equal the order-by-order count`, async () => {
      const { facts, source, behaviour: summary } = await loadFacts(store.db, { asOf, windowDays: null, costAndUnits: true, behaviour: true });
      assert.equal(source, asOf === addDays(FIRST_DAY, DAYS) ? 'summary' : 'activity');
      const loaded = await loadBehaviour(store.db, facts, { asOf, windowDays: null, summary, parts: { days: true, orders: true, profile: true, categories: prefs } });
      const tags = evaluate({ asOf, facts, behaviour: loaded, settings: parseSegmentSettings({ tags: { categories: prefs } }) }).tags();
      let tagged = 0;
      for (const pref of prefs) {
        const plain = plainCounts(orders, owner, pref, asOf);
        const expected = [...plain].filter(([, n]) => n >= pref.minOrders).map(([m]) => m).sort();
        const got = facts.flatMap((f, i) => (tags[i]!.includes(`category:${pref.tag}`) ? [memberOf.get(f.id)!] : [])).sort();
        assert.deepEqual(got, expected, `${pref.tag} as of ${asOf}`);
        // Counts are exact for every customer who reaches minOrders.
        facts.forEach((f, i) => {
          const n = plain.get(memberOf.get(f.id)!) ?? 0;
          if (n >= pref.minOrders) assert.equal(loaded[i]!.categoryOrders[pref.tag], n, `${pref.tag} count of ${memberOf.get(f.id)}`);
        });
        tagged += expected.length;
      }
      assert.ok(tagged > 10, `the data exercises the tags (${tagged} tagged)`);
    });
  }

  test('birth date and gender read apart from the facts are the ones written; the merged member shows nowhere', async () => {
    const asOf = addDays(FIRST_DAY, DAYS);
    const { facts, behaviour: summary } = await loadFacts(store.db, { asOf, windowDays: null, behaviour: true });
    const side = await loadSideReads(store.db, { categories: [], profile: true, asOf });
    const read = await loadBehaviour(store.db, facts, { asOf, windowDays: null, summary, parts: { profile: true }, side });
    const got = facts.map((f, i) => [memberOf.get(f.id)!, read[i]!.birthDate, read[i]!.gender]);
    const expected = facts.map((f) => { const m = memberOf.get(f.id)!; const p = profileOf(Number(m.slice(1))); return [m, p.birth_date, p.gender]; });
    assert.deepEqual(got, expected);
    assert.equal(got.some(([m]) => m === 'G2'), false, 'merged away: no facts of its own');
    assert.deepEqual(got.find(([m]) => m === 'G1'), ['G1', '1951-02-15', 'female'], 'the survivor keeps its own profile');
    assert.ok(got.some(([, b]) => b === null) && got.some(([, b]) => b !== null));
  });
});

forEachDialect('migration 0012', (dialect) => {
  test('steps down and up on a store with sales; the preference reads the same either way', async () => {
    const store = await freshStore(dialect);
    try {
      const orders = generate();
      await upsertStores(store.db, STORES, FIXTURE_NOW);
      await recordSales(store.db, { orders, returns: [] }, { now: FIXTURE_NOW });
      const asOf = addDays(FIRST_DAY, DAYS);
      const pref = { tag: 'baby', category: '母婴', minOrders: 2, days: 30 };
      const read = async () => {
        const { facts } = await loadFacts(store.db, { asOf, windowDays: null });
        return (await loadBehaviour(store.db, facts, { asOf, windowDays: null, parts: { categories: [pref] } })).map((b) => b.categoryOrders);
      };
      const withIndex = await read();
      const down = await migrator(store.db).migrateTo('0011_customer_trigrams');
      assert.deepEqual(down.results?.filter((r) => r.migrationName === '0012_customer_category_recent').map((r) => [r.direction, r.status]), [['Down', 'Success']]);
      assert.deepEqual(await read(), withIndex);
      await migrateToLatest(store.db);
      assert.deepEqual(await read(), withIndex);
      assert.ok(withIndex.some((c) => (c.baby ?? 0) >= 2));
    } finally {
      await store.drop();
    }
  });
});

test('SQLite file: the side reads on a worker thread equal this thread\'s and the order-by-order count; inside a transaction they are read on the transaction', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-catworker-'));
  const file = join(dir, 'store.db');
  const store = await openStore(file);
  try {
    const orders = generate();
    await upsertStores(store.db, STORES, FIXTURE_NOW);
    await recordSales(store.db, { orders, returns: [] }, { now: FIXTURE_NOW });
    const members = new Map((await store.db.selectFrom('customers').select(['id', 'member_no']).execute()).map((r) => [r.id, r.member_no!]));
    await writeProfiles(store.db, new Map([...members].map(([id, m]) => [m, id])));
    const asOf = addDays(FIRST_DAY, DAYS);
    const prefs: CategoryPreference[] = [{ tag: 'baby', category: '母婴', minOrders: 2, days: 30 }, { tag: 'milk', category: '母婴/奶粉', minOrders: 1, days: 60 }];
    // Counts below minOrders may be left out (the candidates are pruned by bounds): compared from minOrders up.
    const byMember = (counts: ReadonlyMap<number, number> | undefined, min: number) => [...counts ?? []].filter(([, n]) => n >= min)
      .map(([id, n]) => [members.get(id)!, n] as const).sort();
    const side = await sideReadsInWorker(store.db, file, { categories: prefs, profile: true, asOf });
    const worker = side.categoryOrders;
    const { facts } = await loadFacts(store.db, { asOf, windowDays: null });
    const parts = { categories: prefs, profile: true };
    const here = await loadBehaviour(store.db, facts, { asOf, windowDays: null, parts });
    assert.deepEqual(await loadBehaviour(store.db, facts, { asOf, windowDays: null, parts, side }), here, 'worker and this thread: the same records');
    assert.deepEqual(facts.map((f, i) => [here[i]!.birthDate, here[i]!.gender]),
      facts.map((f) => { const p = profileOf(Number(members.get(f.id)!.slice(1))); return [p.birth_date, p.gender]; }));
    for (const pref of prefs) {
      const plain = [...plainCounts(orders, (m) => m, pref, asOf)].filter(([, n]) => n >= pref.minOrders).sort();
      assert.deepEqual(byMember(worker.get(pref.tag), pref.minOrders), plain, pref.tag);
      const loaded = new Map(facts.map((f, i) => [f.id, here[i]!.categoryOrders[pref.tag] ?? 0]));
      assert.deepEqual(byMember(loaded, pref.minOrders), plain);
      assert.ok(plain.length > 0);
    }
    const counts = async (db: Kysely<DB>) => (await loadSideReads(db, { categories: prefs, profile: false, asOf })).categoryOrders;
    assert.deepEqual(await counts(store.db), worker, 'the app\'s entry point');
    // Another connection would not see the transaction's own writes: inside one, the counts are read on it.
    await store.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('order_lines').where('category', 'like', '母婴%').execute();
      const inside = await counts(trx);
      assert.deepEqual(prefs.map((p) => inside.get(p.tag)!.size), [0, 0]);
      throw new Error('roll back');
    }).catch((e: unknown) => { if (!(e instanceof Error && e.message === 'roll back')) throw e; });
    assert.deepEqual(await counts(store.db), worker, 'rolled back');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
