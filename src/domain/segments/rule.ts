// Rules are data: {"all": [...]} or {"any": [...]} over conditions {field, op, value}, nestable. A rule is
// validated against a field catalogue once (clear errors naming the path), then compiled to a predicate.
// Values keep their JSON types: numbers compare as numbers, never as strings ("100" < "20" is the bug
// this avoids); dates are YYYY-MM-DD and compare as dates.
import { invalid } from '../errors.ts';

export const OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in', 'contains', 'not_contains'] as const;
export type Op = (typeof OPS)[number];
export type Scalar = string | number | null;
export interface Condition { field: string; op: Op; value: Scalar | Scalar[] }
export type Rule = { all: RuleItem[] } | { any: RuleItem[] };
export type RuleItem = Rule | Condition;

export type FieldType = 'number' | 'date' | 'string' | 'tags';
export interface FieldSpec { type: FieldType }
/** A field's value on one row: tags are a list of names; null = unknown. */
export type FieldValue = number | string | null | readonly string[];

/** Which operators each field type takes. For tags, `contains` = has the tag, `in` = has any of them. */
export const OPS_BY_TYPE: Readonly<Record<FieldType, readonly Op[]>> = {
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in'],
  date: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between'],
  string: ['eq', 'ne', 'in', 'not_in', 'contains', 'not_contains'],
  tags: ['contains', 'not_contains', 'in', 'not_in'],
};

const MAX_DEPTH = 8;
const MAX_CONDITIONS = 200;
const MAX_LIST = 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isDate = (v: unknown): v is string => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** Validate JSON as a rule over `fields`; throws a VALIDATION error naming the path at fault. */
export function parseRule(input: unknown, fields: Readonly<Record<string, FieldSpec>>, path = '/rule'): Rule {
  let conditions = 0;
  const item = (v: unknown, at: string, depth: number): RuleItem => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(at, 'expected {"all": [...]}, {"any": [...]} or {"field", "op", "value"}');
    const o = v as Record<string, unknown>;
    if ('all' in o || 'any' in o) {
      const key = 'all' in o ? 'all' : 'any';
      if (Object.keys(o).length !== 1) throw invalid(at, `a group has exactly one key, "all" or "any"`);
      if (depth >= MAX_DEPTH) throw invalid(at, `groups nest at most ${MAX_DEPTH} deep`);
      const list = o[key];
      if (!Array.isArray(list) || list.length === 0) throw invalid(`${at}/${key}`, 'expected a non-empty list');
      const items = list.map((x, i) => item(x, `${at}/${key}/${i}`, depth + 1));
      return key === 'all' ? { all: items } : { any: items };
    }
    if (++conditions > MAX_CONDITIONS) throw invalid(at, `at most ${MAX_CONDITIONS} conditions`);
    return condition(o, at, fields);
  };
  const rule = item(input, path, 0);
  if (!('all' in rule) && !('any' in rule)) return { all: [rule] };
  return rule;
}

function condition(o: Record<string, unknown>, at: string, fields: Readonly<Record<string, FieldSpec>>): Condition {
  for (const k of Object.keys(o)) if (k !== 'field' && k !== 'op' && k !== 'value') throw invalid(`${at}/${k}`, `unknown key "${k}"; a condition has field, op and value`);
  const { field, op, value } = o;
  if (typeof field !== 'string' || !Object.hasOwn(fields, field)) {
    throw invalid(`${at}/field`, `unknown field ${JSON.stringify(field)}; fields: ${Object.keys(fields).join(', ')}`);
  }
  const type = fields[field]!.type;
  if (typeof op !== 'string' || !(OPS_BY_TYPE[type] as readonly string[]).includes(op)) {
    throw invalid(`${at}/op`, `${JSON.stringify(op)} does not apply to ${field} (${type}); use one of ${OPS_BY_TYPE[type].join(', ')}`);
  }
  const scalar = (v: unknown, where: string): Scalar => {
    const ok = type === 'number' ? typeof v === 'number' && Number.isFinite(v) : type === 'date' ? isDate(v) : typeof v === 'string' && v.length > 0 && v.length <= 200;
    if (!ok) throw invalid(where, `expected ${type === 'number' ? 'a number' : type === 'date' ? 'a date YYYY-MM-DD' : 'a non-empty text'}, got ${JSON.stringify(v)}`);
    return v as Scalar;
  };
  const at2 = `${at}/value`;
  switch (op as Op) {
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) throw invalid(at2, 'expected [low, high]');
      const [lo, hi] = [scalar(value[0], `${at2}/0`), scalar(value[1], `${at2}/1`)];
      if (lo! > hi!) throw invalid(at2, 'low must not exceed high');
      return { field, op: 'between', value: [lo, hi] };
    }
    case 'in': case 'not_in': {
      if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST) throw invalid(at2, `expected a list of 1–${MAX_LIST} values`);
      return { field, op: op as Op, value: value.map((x, i) => scalar(x, `${at2}/${i}`)) };
    }
    case 'eq': case 'ne':
      // null tests for "unknown" (no cost, no birth date).
      return { field, op: op as Op, value: value === null ? null : scalar(value, at2) };
    default:
      return { field, op: op as Op, value: scalar(value, at2) };
  }
}

/** The fields a rule reads (so the caller loads only what it needs). */
export function ruleFields(rule: RuleItem, out = new Set<string>()): Set<string> {
  if ('all' in rule) for (const r of rule.all) ruleFields(r, out);
  else if ('any' in rule) for (const r of rule.any) ruleFields(r, out);
  else out.add(rule.field);
  return out;
}

/**
 * Compile a parsed rule to a predicate over rows; `get` gives each field's accessor. A field without a
 * value (null) matches only `eq null`, `ne <value>`, `not_in` and `not_contains`.
 */
export function compileRule<Row>(rule: RuleItem, get: (field: string) => (row: Row) => FieldValue): (row: Row) => boolean {
  if ('all' in rule) {
    const parts = rule.all.map((r) => compileRule(r, get));
    return (row) => parts.every((p) => p(row));
  }
  if ('any' in rule) {
    const parts = rule.any.map((r) => compileRule(r, get));
    return (row) => parts.some((p) => p(row));
  }
  const read = get(rule.field);
  const test = predicate(rule);
  return (row) => test(read(row));
}

function predicate(c: Condition): (v: FieldValue) => boolean {
  const x = c.value;
  const list = Array.isArray(x) ? new Set(x) : new Set<Scalar>();
  const isList = (v: FieldValue): v is readonly string[] => typeof v === 'object' && v !== null;
  const has = (v: FieldValue, s: Scalar) => (isList(v) ? typeof s === 'string' && v.includes(s) : typeof v === 'string' && typeof s === 'string' && v.includes(s));
  const anyIn = (v: FieldValue) => (isList(v) ? v.some((t) => list.has(t)) : list.has(v));
  switch (c.op) {
    case 'eq': return (v) => v === x;
    case 'ne': return (v) => v !== x;
    case 'gt': return (v) => v !== null && v > x!;
    case 'gte': return (v) => v !== null && v >= x!;
    case 'lt': return (v) => v !== null && v < x!;
    case 'lte': return (v) => v !== null && v <= x!;
    case 'between': { const [lo, hi] = x as [Scalar, Scalar]; return (v) => v !== null && v >= lo! && v <= hi!; }
    case 'in': return (v) => v !== null && anyIn(v);
    case 'not_in': return (v) => v === null || !anyIn(v);
    case 'contains': return (v) => v !== null && has(v, x as Scalar);
    case 'not_contains': return (v) => v === null || !has(v, x as Scalar);
  }
}
