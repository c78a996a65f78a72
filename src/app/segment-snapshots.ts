// Snapshots freeze who was in which segment as of a date; a transition matrix between two dates shows
// the movement (how many dormant customers became active). Without a stored snapshot the assignment is
// recomputed as of that date from today's data and settings, and the result says which it used.
import type { Kysely } from 'kysely';
import { invalid } from '../domain/errors.ts';
import { countSegments, type Labels } from '../domain/segments/facts.ts';
import { isScheme, SCHEME_SPECS, type Scheme } from '../domain/segments/schemes.ts';
import { transitionMatrix } from '../domain/segments/transitions.ts';
import type { DB } from '../store/schema.ts';
import { readSnapshot, replaceSnapshot } from '../store/segments-saved.repo.ts';
import { loadPopulation, resolveAsOf, selectMembers, storeIdOf, type SegmentRequest } from './segments.ts';
import { customersOfStore } from '../store/segments.repo.ts';

/** 'rfm', 'retention', 'pyramid', 'abcd', 'lifecycle' or 'saved:<id>'. */
export type SnapshotScheme = { scheme: Scheme } | { savedId: number };

export function parseSnapshotScheme(name: string, field = '/scheme'): SnapshotScheme {
  if (isScheme(name)) return { scheme: name };
  const m = /^saved:(\d{1,16})$/.exec(name);
  if (m) return { savedId: Number(m[1]) };
  throw invalid(field, `expected one of rfm, retention, pyramid, abcd, lifecycle or saved:<segment id>, got "${name}"`);
}

const nameOf = (s: SnapshotScheme) => ('scheme' in s ? s.scheme : `saved:${s.savedId}`);

/** Customer id → segment as of a date, chain-wide. */
async function assign(db: Kysely<DB>, s: SnapshotScheme, req: SegmentRequest): Promise<{ asOf: string; map: Map<number, string> }> {
  const chainWide = { ...req, store: null };
  if ('scheme' in s) {
    const p = await loadPopulation(db, chainWide, SCHEME_SPECS[s.scheme].needs);
    const segments = p.evaluation.scheme(s.scheme).segments;
    return { asOf: p.asOf, map: new Map(p.evaluation.input.facts.map((f, i) => [f.id, segments[i]!])) };
  }
  const m = await selectMembers(db, { savedId: s.savedId }, chainWide);
  const facts = m.population.evaluation.input.facts;
  return { asOf: m.population.asOf, map: new Map(m.indexes.map((i) => [facts[i]!.id, 'member'])) };
}

export interface SnapshotReport { scheme: string; asOf: string; customers: number; segments: { name: string; label: Labels; count: number }[] }

export async function takeSnapshot(db: Kysely<DB>, schemeName: string, req: SegmentRequest): Promise<SnapshotReport> {
  const s = parseSnapshotScheme(schemeName);
  const { asOf, map } = await assign(db, s, req);
  const name = nameOf(s);
  await db.transaction().execute((trx) => replaceSnapshot(trx, name, asOf, map));
  const catalog = 'scheme' in s ? SCHEME_SPECS[s.scheme].catalog : [{ name: 'member', en: 'Member', zh: '成员' }];
  return { scheme: name, asOf, customers: map.size, segments: countSegments(catalog, [...map.values()]) };
}

export interface TransitionReport {
  scheme: string; store: string | null;
  from: { asOf: string; source: 'snapshot' | 'computed' };
  to: { asOf: string; source: 'snapshot' | 'computed' };
  segments: string[]; counts: number[][]; moves: { from: string; to: string; count: number }[]; customers: number;
}

export async function segmentTransitions(db: Kysely<DB>, schemeName: string, dates: { from: string; to: string }, req: SegmentRequest): Promise<TransitionReport> {
  const s = parseSnapshotScheme(schemeName);
  const name = nameOf(s);
  const side = async (date: string, field: string) => {
    const asOf = await resolveAsOf(db, date, req.today).catch(() => { throw invalid(field, `expected a date YYYY-MM-DD, got "${date}"`); });
    const stored = await readSnapshot(db, name, asOf);
    if (stored) return { asOf, source: 'snapshot' as const, map: stored };
    return { ...(await assign(db, s, { ...req, asOf })), source: 'computed' as const };
  };
  const a = await side(dates.from, '/from');
  const b = await side(dates.to, '/to');
  if (a.asOf > b.asOf) throw invalid('/from', 'from must not be after to');
  const storeId = await storeIdOf(db, req.store);
  if (storeId !== null) {
    // Snapshots are chain-wide; a store's view keeps the customers who had bought there by the later date.
    const keep = await customersOfStore(db, storeId, b.asOf);
    for (const m of [a.map, b.map]) for (const id of m.keys()) if (!keep.has(id)) m.delete(id);
  }
  const order = 'scheme' in s ? SCHEME_SPECS[s.scheme].catalog.map((c) => c.name) : ['member'];
  const t = transitionMatrix(a.map, b.map, order);
  return { scheme: name, store: req.store ?? null, from: { asOf: a.asOf, source: a.source }, to: { asOf: b.asOf, source: b.source }, ...t };
}
