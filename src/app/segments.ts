// Use-cases of the segment models: compute a scheme as of a date, count tags, and select the members
// of a segment (a scheme's segment or a saved dynamic segment). Load the facts once, evaluate purely.
import type { Kysely } from 'kysely';
import { invalid, notFound } from '../domain/errors.ts';
import { evaluate, type CustomTag, type Evaluation } from '../domain/segments/evaluate.ts';
import { countSegments, type Labels } from '../domain/segments/facts.ts';
import { SEGMENT_FIELDS } from '../domain/segments/fields.ts';
import { parseRule, ruleFields, type Rule } from '../domain/segments/rule.ts';
import { mergeNeeds, SCHEME_SPECS, type Needs, type Scheme } from '../domain/segments/schemes.ts';
import type { SegmentSettings } from '../domain/segments/settings.ts';
import { builtInTagCatalog } from '../domain/segments/tags.ts';
import { addDays } from '../domain/time.ts';
import type { DB } from '../store/schema.ts';
import { loadBehaviour, loadSideReads } from '../store/segments-behaviour.repo.ts';
import { getSegment, listTagRules } from '../store/segments-saved.repo.ts';
import { lastDataDate, loadFacts } from '../store/segments.repo.ts';
import { storesByCode } from '../store/stores.repo.ts';

export interface SegmentRequest {
  /** YYYY-MM-DD; default: the day after the last business date in the store (today for an empty store). */
  asOf?: string | null;
  /** Only customers who bought at this store (by code); their facts stay chain-wide. */
  store?: string | null;
  settings: SegmentSettings;
  /** The caller's date, used only as the as-of date of an empty store. */
  today: string;
}

/** A loaded and evaluated population. */
export interface Population { asOf: string; store: string | null; source: 'summary' | 'activity'; evaluation: Evaluation }

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** As-of, validated, or the default: the day after the last business date (so the latest buyers have recency 1). */
export async function resolveAsOf(db: Kysely<DB>, asOf: string | null | undefined, today: string): Promise<string> {
  if (asOf) {
    if (!DATE.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)) || addDays(asOf, 0) !== asOf) throw invalid('/asOf', `expected a date YYYY-MM-DD, got "${asOf}"`);
    return asOf;
  }
  const last = await lastDataDate(db);
  return last ? addDays(last, 1) : today;
}

/** Custom tag rules as compiled-ready rules (they were validated when saved). */
async function customTags(db: Kysely<DB>): Promise<CustomTag[]> {
  return (await listTagRules(db, { enabledOnly: true })).map((t) => ({ name: t.name, rule: parseRule(t.rule, SEGMENT_FIELDS) }));
}

/** What must be loaded to read these fields (and, for tags, what the custom tag rules read). */
export function needsOf(fields: Iterable<string>, tags: readonly CustomTag[] = []): Needs {
  const list = [...fields];
  const needs = list.map((f) => SEGMENT_FIELDS[f]?.needs ?? { costAndUnits: false, behaviour: false });
  if (list.includes('tags')) for (const t of tags) needs.push(needsOf([...ruleFields(t.rule)].filter((f) => f !== 'tags')));
  return mergeNeeds({ costAndUnits: false, behaviour: false }, ...needs);
}

/** Load the facts (and what `needs` asks for) as of the request's date and evaluate them. */
/** The id of a store named by code (null for none). */
export async function storeIdOf(db: Kysely<DB>, code: string | null | undefined): Promise<number | null> {
  if (!code) return null;
  const s = (await storesByCode(db, [code])).get(code);
  if (!s) throw invalid('/store', `unknown store "${code}"`);
  return s.id;
}

export async function loadPopulation(db: Kysely<DB>, req: SegmentRequest, needs: Needs): Promise<Population> {
  const asOf = await resolveAsOf(db, req.asOf, req.today);
  const storeId = await storeIdOf(db, req.store);
  const { windowDays } = req.settings;
  const tags = needs.behaviour ? await customTags(db) : [];
  // Tags read units (price bands); custom tag rules may read cost.
  const costAndUnits = needs.costAndUnits || needs.behaviour;
  // The profile and the category preferences (the only part reading order lines) are read while the facts load.
  const categories = needs.behaviour ? req.settings.tags.categories : [];
  const side = loadSideReads(db, { categories, profile: needs.behaviour, asOf });
  side.catch(() => {}); // awaited below, after the facts
  const { facts, source, behaviour: summary } = await loadFacts(db, { asOf, windowDays, storeId, costAndUnits, behaviour: needs.behaviour });
  const behaviour = needs.behaviour
    ? await loadBehaviour(db, facts, { asOf, windowDays, summary, parts: { days: true, orders: true, profile: true, categories }, side: await side })
    : null;
  return { asOf, store: req.store ?? null, source, evaluation: evaluate({ asOf, facts, behaviour, settings: req.settings, customTags: tags }) };
}

export interface SchemeReport {
  scheme: Scheme; asOf: string; store: string | null; source: 'summary' | 'activity'; windowDays: number | null;
  /** Customers with a purchase on or before as-of (each in exactly one segment). */
  customers: number;
  segments: { name: string; label: Labels; count: number }[];
  notes: string[];
}

export async function computeScheme(db: Kysely<DB>, scheme: Scheme, req: SegmentRequest): Promise<SchemeReport> {
  const p = await loadPopulation(db, req, SCHEME_SPECS[scheme].needs);
  const result = p.evaluation.scheme(scheme);
  return {
    scheme, asOf: p.asOf, store: p.store, source: p.source, windowDays: req.settings.windowDays, customers: result.segments.length,
    segments: countSegments(SCHEME_SPECS[scheme].catalog, result.segments), notes: result.notes,
  };
}

export interface TagReport { asOf: string; store: string | null; customers: number; tags: { name: string; label: Labels; explain: string; count: number }[] }

/** How many customers carry each built-in and custom tag. */
export async function tagCounts(db: Kysely<DB>, req: SegmentRequest): Promise<TagReport> {
  const p = await loadPopulation(db, req, { costAndUnits: false, behaviour: true });
  const counts = new Map<string, number>();
  for (const list of p.evaluation.tags()) for (const t of list) counts.set(t, (counts.get(t) ?? 0) + 1);
  const custom = await listTagRules(db, { enabledOnly: true });
  const catalog = [
    ...builtInTagCatalog(req.settings.tags).map(({ name, en, zh, explain }) => ({ name, label: { en, zh }, explain })),
    ...custom.map((t) => ({ name: t.name, label: { en: t.label ?? t.name, zh: t.label ?? t.name }, explain: `custom rule ${JSON.stringify(t.rule)}` })),
  ];
  return { asOf: p.asOf, store: p.store, customers: p.evaluation.input.facts.length, tags: catalog.map((t) => ({ ...t, count: counts.get(t.name) ?? 0 })) };
}

/** Whose members: one segment of a scheme, or a saved dynamic segment. */
export type Selection = { scheme: Scheme; segment: string } | { savedId: number };

export interface Members {
  population: Population;
  /** Indexes into the population's facts, in customer id order. */
  indexes: number[];
  /** The segment each member is in (the selected one, or 'member' for a saved segment). */
  label: string;
}

export async function selectMembers(db: Kysely<DB>, selection: Selection, req: SegmentRequest): Promise<Members> {
  if ('scheme' in selection) {
    const { scheme, segment } = selection;
    if (!SCHEME_SPECS[scheme].catalog.some((s) => s.name === segment)) {
      throw invalid('/segment', `"${segment}" is not a ${scheme} segment; expected one of ${SCHEME_SPECS[scheme].catalog.map((s) => s.name).join(', ')}`);
    }
    const population = await loadPopulation(db, req, SCHEME_SPECS[scheme].needs);
    const assigned = population.evaluation.scheme(scheme).segments;
    return { population, indexes: indexesWhere(assigned.length, (i) => assigned[i] === segment), label: segment };
  }
  const saved = await getSegment(db, selection.savedId);
  if (!saved) throw notFound(`segment ${selection.savedId}`, '/id');
  return matching(db, parseRule(saved.rule, SEGMENT_FIELDS), req);
}

/** The customers a rule matches. */
export async function matching(db: Kysely<DB>, rule: Rule, req: SegmentRequest): Promise<Members> {
  const tags = ruleFields(rule).has('tags') ? await customTags(db) : [];
  const population = await loadPopulation(db, req, needsOf(ruleFields(rule), tags));
  const test = population.evaluation.matcher(rule);
  return { population, indexes: indexesWhere(population.evaluation.input.facts.length, test), label: 'member' };
}

function indexesWhere(n: number, test: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (test(i)) out.push(i);
  return out;
}
