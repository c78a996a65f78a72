// One evaluation of the models over a loaded population: scores, schemes and tags are computed on first
// use and kept, so a dynamic segment reading `rfm` and `tags` pays for each once.
import { abcd } from './abcd.ts';
import { dayNumbers, recencyDays, type CustomerBehaviour, type CustomerFacts } from './facts.ts';
import { lifecycleStages } from './lifecycle.ts';
import { pyramid } from './pyramid.ts';
import { rfmScores, type RfmScores } from './rfm.ts';
import { classicSegments, retentionSegments } from './rfm-segments.ts';
import { compileRule, type FieldValue, type Rule } from './rule.ts';
import type { Scheme } from './schemes.ts';
import type { SegmentSettings } from './settings.ts';
import { ageAt, builtInTags } from './tags.ts';

export interface CustomTag { name: string; rule: Rule }

export interface EvaluationInput {
  asOf: string;
  facts: readonly CustomerFacts[];
  /** Aligned with `facts`; null when not loaded (fields and schemes that need it then throw). */
  behaviour: readonly CustomerBehaviour[] | null;
  settings: SegmentSettings;
  customTags?: readonly CustomTag[];
}

export interface SchemeResult { segments: readonly string[]; notes: string[] }

export interface Evaluation {
  readonly input: EvaluationInput;
  scores(): RfmScores;
  scheme(s: Scheme): SchemeResult;
  /** Built-in tags, then custom tags (whose rules see the built-in ones), per customer. */
  tags(): readonly (readonly string[])[];
  /** The value of a rule field for customer i. */
  field(name: string): (i: number) => FieldValue;
  /** A rule as a predicate over customer indexes. */
  matcher(rule: Rule): (i: number) => boolean;
}

export function evaluate(input: EvaluationInput): Evaluation {
  const { asOf, facts, settings } = input;
  const memo = new Map<string, unknown>();
  const once = <T>(key: string, f: () => T): T => {
    if (!memo.has(key)) memo.set(key, f());
    return memo.get(key) as T;
  };
  const behaviour = (): readonly CustomerBehaviour[] => {
    if (!input.behaviour) throw new Error('behaviour facts were not loaded for this evaluation');
    return input.behaviour;
  };
  const recency = () => once('recency', () => recencyDays(facts, asOf));
  const scores = () => once('scores', () => rfmScores(facts, asOf, settings.rfm, recency()));
  const builtIn = () => once('builtIn', () => builtInTags(facts, behaviour(), asOf, settings.tags, settings.lifecycle));

  const scheme = (s: Scheme): SchemeResult => once(`scheme:${s}`, (): SchemeResult => {
    switch (s) {
      case 'rfm': return { segments: classicSegments(scores()), notes: [] };
      case 'retention': return { segments: retentionSegments(facts, scores(), asOf, settings.retention), notes: [] };
      case 'pyramid': { const p = pyramid(facts, settings.pyramid); return { segments: p.segments, notes: [p.note] }; }
      case 'abcd': return { segments: abcd(facts, asOf, settings.abcd, recency()), notes: [] };
      case 'lifecycle': return { segments: lifecycleStages(facts, behaviour(), asOf, settings.lifecycle), notes: [] };
    }
  });

  const day = dayNumbers();
  const end = day(asOf);
  const ratioBp = (num: number, den: number) => (den > 0 ? Math.round((num * 10000) / den) : null);
  const fieldOf = (name: string, tagsNow: () => readonly (readonly string[])[]): ((i: number) => FieldValue) => {
    const f = (i: number) => facts[i]!;
    const b = (i: number) => behaviour()[i]!;
    switch (name) {
      case 'recencyDays': { const r = recency(); return (i) => r[i]!; }
      case 'tenureDays': return (i) => end - day(f(i).firstPurchaseDate);
      case 'firstPurchaseDate': case 'lastPurchaseDate': case 'orders': case 'purchaseDays': case 'salesMinor': case 'returnMinor': case 'netMinor': case 'categories':
        return (i) => f(i)[name];
      case 'avgOrderMinor': return (i) => (f(i).orders > 0 ? Math.round(f(i).salesMinor / f(i).orders) : null);
      case 'marginMinor': return (i) => (f(i).costedSalesMinor === f(i).salesMinor && f(i).orders > 0 ? f(i).netMinor - f(i).costMinor : null);
      case 'items': return (i) => f(i).items;
      case 'avgItemPriceMinor': return (i) => (f(i).items > 0 ? Math.round(f(i).salesMinor / f(i).items) : null);
      case 'discountShareBp': return (i) => ratioBp(b(i).discountedOrders, f(i).orders);
      case 'weekendShareBp': return (i) => ratioBp(b(i).weekendOrders, f(i).orders);
      case 'age': return (i) => ageAt(b(i).birthDate, asOf);
      case 'gender': return (i) => b(i).gender;
      case 'tags': return (i) => tagsNow()[i]!;
      case 'r': case 'f': case 'm': { const s = scores()[name]; return (i) => s[i]!; }
      case 'rfm': case 'retention': case 'pyramid': case 'abcd': case 'lifecycle': { const s = scheme(name).segments; return (i) => s[i]!; }
      default: throw new Error(`unknown field ${name}`);
    }
  };

  const tags = () => once('tags', () => {
    const custom = input.customTags ?? [];
    const own = builtIn();
    if (custom.length === 0) return own;
    const tests = custom.map((t) => ({ name: t.name, test: compileRule(t.rule, (n) => fieldOf(n, builtIn)) }));
    return own.map((list, i) => {
      const extra = tests.filter((t) => t.test(i)).map((t) => t.name);
      return extra.length ? [...list, ...extra] : list;
    });
  });

  return {
    input,
    scores,
    scheme,
    tags,
    field: (name) => fieldOf(name, tags),
    matcher: (rule) => compileRule(rule, (n) => fieldOf(n, tags)),
  };
}
