// Use-cases for saved dynamic segments and custom tag rules: validate, store, list (with member counts
// as of a date), delete. Both are rules over the segment fields (see domain/segments/fields.ts).
import type { Kysely } from 'kysely';
import { invalid, notFound } from '../domain/errors.ts';
import { SEGMENT_FIELDS } from '../domain/segments/fields.ts';
import { parseRule, ruleFields, type Rule } from '../domain/segments/rule.ts';
import type { DB } from '../store/schema.ts';
import { writeAudit } from '../store/audit.repo.ts';
import {
  deleteSegment, deleteTagRule, insertSegment, insertTagRule, listSegments, listTagRules, type SavedSegment, type TagRule,
} from '../store/segments-saved.repo.ts';
import { loadPopulation, needsOf, resolveAsOf, type SegmentRequest } from './segments.ts';

export interface By { actor: string | null; now: string }

const NAME = /^\S(.{0,98}\S)?$/u;
const TAG_NAME = /^[\p{L}\p{N}_.-]{1,64}$/u;
const BUILT_IN = /^(lifecycle|price|age|category):|^(weekend_shopper|weekday_shopper|promotion_sensitive)$/;

function checkName(name: unknown, pattern: RegExp, hint: string): string {
  if (typeof name !== 'string' || !pattern.test(name)) throw invalid('/name', hint);
  return name;
}

export async function saveSegment(db: Kysely<DB>, input: { name: unknown; description?: unknown; rule: unknown }, by: By): Promise<SavedSegment> {
  const name = checkName(input.name, NAME, 'a name of 1–100 characters, not starting or ending with a space');
  if (input.description != null && (typeof input.description !== 'string' || input.description.length > 500)) throw invalid('/description', 'at most 500 characters');
  const rule = parseRule(input.rule, SEGMENT_FIELDS);
  const saved = await insertSegment(db, { name, description: (input.description as string | undefined) ?? null, rule }, by);
  await writeAudit(db, { actor: by.actor, action: 'segment.create', entity: 'segment', entityId: saved.id, at: by.now, details: { name, rule } });
  return saved;
}

export async function removeSegment(db: Kysely<DB>, id: number, by: By): Promise<void> {
  if (!(await deleteSegment(db, id))) throw notFound(`segment ${id}`, '/id');
  await writeAudit(db, { actor: by.actor, action: 'segment.delete', entity: 'segment', entityId: id, at: by.now });
}

/** Saved segments with how many customers each matches as of the request's date (one load for all). */
export async function listSegmentsWithCounts(db: Kysely<DB>, req: SegmentRequest): Promise<{ asOf: string; segments: (SavedSegment & { count: number })[] }> {
  const saved = await listSegments(db);
  if (saved.length === 0) return { asOf: await resolveAsOf(db, req.asOf, req.today), segments: [] };
  const rules: Rule[] = saved.map((s) => parseRule(s.rule, SEGMENT_FIELDS));
  const tags = rules.some((r) => ruleFields(r).has('tags'))
    ? (await listTagRules(db, { enabledOnly: true })).map((t) => ({ name: t.name, rule: parseRule(t.rule, SEGMENT_FIELDS) }))
    : [];
  const population = await loadPopulation(db, req, needsOf(rules.flatMap((r) => [...ruleFields(r)]), tags));
  const n = population.evaluation.input.facts.length;
  return {
    asOf: population.asOf,
    segments: saved.map((s, k) => {
      const test = population.evaluation.matcher(rules[k]!);
      let count = 0;
      for (let i = 0; i < n; i++) if (test(i)) count++;
      return { ...s, count };
    }),
  };
}

export async function saveTagRule(db: Kysely<DB>, input: { name: unknown; label?: unknown; rule: unknown }, by: By): Promise<TagRule> {
  const name = checkName(input.name, TAG_NAME, 'letters, digits, _ . - (at most 64)');
  if (BUILT_IN.test(name)) throw invalid('/name', `"${name}" is a built-in tag name`);
  if (input.label != null && (typeof input.label !== 'string' || input.label.length > 100)) throw invalid('/label', 'at most 100 characters');
  const rule = parseRule(input.rule, SEGMENT_FIELDS);
  const saved = await insertTagRule(db, { name, label: (input.label as string | undefined) ?? null, rule }, by);
  await writeAudit(db, { actor: by.actor, action: 'tag_rule.create', entity: 'tag_rule', entityId: saved.id, at: by.now, details: { name, rule } });
  return saved;
}

export async function removeTagRule(db: Kysely<DB>, id: number, by: By): Promise<void> {
  if (!(await deleteTagRule(db, id))) throw notFound(`tag rule ${id}`, '/id');
  await writeAudit(db, { actor: by.actor, action: 'tag_rule.delete', entity: 'tag_rule', entityId: id, at: by.now });
}
