// `regulars segment rfm|retention|pyramid|abcd|lifecycle|clusters` (counts as of a date), `segment members|
// export|snapshot|transitions`, `segments save|list|members|export|delete` (dynamic segments) and `tags`
// (counts, custom tag rules). Definitions and settings: docs/segmentation.md.
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { computeClusters } from '../../app/segment-clusters.ts';
import { memberPage, writeMembersFile } from '../../app/segment-export.ts';
import { listSegmentsWithCounts, removeSegment, removeTagRule, saveSegment, saveTagRule } from '../../app/segment-saved.ts';
import { segmentTransitions, takeSnapshot } from '../../app/segment-snapshots.ts';
import { computeScheme, selectMembers, tagCounts, type SegmentRequest, type Selection } from '../../app/segments.ts';
import { invalid } from '../../domain/errors.ts';
import { SCHEME_SPECS, SCHEMES, type Scheme } from '../../domain/segments/schemes.ts';
import { DEFAULT_SETTINGS, parseSegmentSettings, withOverrides } from '../../domain/segments/settings.ts';
import { listTagRules } from '../../store/segments-saved.repo.ts';
import { nowIso, output, withStore, type GlobalOptions } from '../context.ts';
import { int, money, table } from '../format.ts';

const whole = (v: string): number => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a whole number');
  return Number(v);
};
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');
const by = () => ({ actor: 'cli', now: nowIso() });

interface ScopeOpts { asOf?: string; store?: string; window?: number; config?: string }

/** JSON from the text itself or, with a leading @, from a file. */
function jsonArg(text: string, field: string): unknown {
  const raw = text.startsWith('@') ? readFileSync(text.slice(1), 'utf8') : text;
  try { return JSON.parse(raw); } catch { throw invalid(field, 'not valid JSON'); }
}

function scoped(cmd: Command): Command {
  return cmd.option('--as-of <date>', 'facts as of this business date, inclusive (default: the day after the last business date)')
    .option('--store <code>', 'only customers who bought at this store')
    .option('--window <days>', 'days back from as-of that F, M and behaviour count (default: all history)', whole)
    .option('--config <file>', 'model settings as JSON (see docs/segmentation.md)');
}

function requestOf(o: ScopeOpts): SegmentRequest {
  let settings = o.config ? parseSegmentSettings(jsonArg(`@${o.config}`, '--config'), '--config') : DEFAULT_SETTINGS;
  if (o.window !== undefined) settings = withOverrides(settings, { windowDays: o.window });
  return { asOf: o.asOf ?? null, store: o.store ?? null, settings, today: nowIso().slice(0, 10) };
}

const schemeArg = (v: string): Scheme => {
  if (!(SCHEMES as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected one of ${SCHEMES.join(', ')}`);
  return v as Scheme;
};
const idArg = (v: string): number => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a segment id (digits)');
  return Number(v);
};

type Counted = { segments: { name: string; label: { en: string; zh: string }; count: number }[]; customers: number };
const countTable = (r: Counted) => table(['segment', 'en', 'zh', 'customers', 'share'],
  r.segments.map((s) => [s.name, s.label.en, s.label.zh, int(s.count), pct(s.count, r.customers)]));

export function registerSegment(program: Command): void {
  const segment = program.command('segment').description('segment models as of a date: rfm, retention, pyramid, abcd, lifecycle, clusters');

  for (const scheme of SCHEMES) {
    scoped(segment.command(scheme)).description(`${SCHEME_SPECS[scheme].en} (${SCHEME_SPECS[scheme].zh}): customers per segment`)
      .action(async (opts: ScopeOpts, cmd: Command) => {
        const g = cmd.optsWithGlobals<GlobalOptions>();
        await withStore(g, async ({ db }) => {
          const r = await computeScheme(db, scheme, requestOf(opts));
          output(g, r, () => [
            `${SCHEME_SPECS[scheme].en} as of ${r.asOf}${r.store ? `, store ${r.store}` : ''}: ${int(r.customers)} customers with a purchase`
              + ` (${r.source === 'summary' ? 'from the stored summary' : 'aggregated as of the date'}${r.windowDays ? `; F and M over ${r.windowDays} days` : ''})`,
            countTable(r), ...r.notes,
          ].join('\n'));
        });
      });
  }

  scoped(segment.command('clusters')).description('k-means clusters on log recency, frequency and spend, described in plain words')
    .option('--k <n>', 'number of clusters (default: chosen by silhouette among 3–8)', whole)
    .option('--seed <n>', 'random seed (same seed, same clusters)', whole, 1)
    .action(async (opts: ScopeOpts & { k?: number; seed: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await computeClusters(db, { ...requestOf(opts), seed: opts.seed, ...(opts.k === undefined ? {} : { k: opts.k }) });
        output(g, r, () => (r.customers === 0 ? `no customers with an order as of ${r.asOf}` : [
          `${r.k} clusters of ${int(r.customers)} customers as of ${r.asOf} (silhouette ${r.silhouette.toFixed(3)}; features ${r.features.join(', ')})`,
          table(['cluster', 'customers', 'share', 'centre', 'description'], r.segments.map((s) => [
            s.name, int(s.count), pct(s.count, r.customers),
            Object.entries(s.centroid).map(([k, v]) => `${k} ${k.endsWith('Minor') ? money(Math.round(v)) : v.toFixed(1)}`).join(', '), `${s.label.en} / ${s.label.zh}`,
          ])),
        ].join('\n')));
      });
    });

  const membersOf = (sel: (args: string[]) => Selection, what: string) => (cmd: Command) => scoped(cmd).description(`customers in ${what}, in id order`)
    .option('--limit <n>', 'how many', whole, 50).option('--offset <n>', 'skip this many', whole, 0)
    .action(async (...args: unknown[]) => {
      const c = args[args.length - 1] as Command;
      const opts = c.opts<ScopeOpts & { limit: number; offset: number }>();
      const g = c.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const page = await memberPage(db, await selectMembers(db, sel(args.slice(0, -2) as string[]), requestOf(opts)), { ...opts, maskPhones: false });
        output(g, page, () => [
          `${int(page.total)} customers as of ${page.asOf}; showing ${page.offset + 1}–${page.offset + page.items.length}`,
          table(['id', 'member no', 'phone', 'name', 'last purchase', 'days', 'orders', 'net'],
            page.items.map((m) => [m.id, m.memberNo, m.phone, m.name, m.lastPurchaseDate, m.recencyDays, m.orders, money(m.netMinor)])),
        ].join('\n'));
      });
    });
  const exportOf = (sel: (args: string[]) => Selection, what: string) => (cmd: Command) => scoped(cmd).description(`write the customers in ${what} to CSV (UTF-8 with BOM) or XLSX`)
    .requiredOption('-o, --out <file>', 'output file (.csv or .xlsx)')
    .action(async (...args: unknown[]) => {
      const c = args[args.length - 1] as Command;
      const opts = c.opts<ScopeOpts & { out: string }>();
      const g = c.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const m = await selectMembers(db, sel(args.slice(0, -2) as string[]), requestOf(opts));
        const n = await writeMembersFile(db, m, opts.out, { maskPhones: false });
        output(g, { exported: n, file: opts.out, asOf: m.population.asOf }, () => `${int(n)} customers as of ${m.population.asOf} written to ${opts.out}`);
      });
    });

  const schemeSegment = ([scheme, name]: string[]): Selection => ({ scheme: schemeArg(scheme!), segment: name! });
  membersOf(schemeSegment, 'one segment of a scheme')(segment.command('members').argument('<scheme>', SCHEMES.join('|')).argument('<segment>', 'segment name, e.g. champions'));
  exportOf(schemeSegment, 'one segment of a scheme')(segment.command('export').argument('<scheme>', SCHEMES.join('|')).argument('<segment>', 'segment name, e.g. champions'));

  segment.command('snapshot').argument('<scheme>', `${SCHEMES.join('|')} or saved:<segment id>`)
    .option('--as-of <date>', 'as of this business date (default: the day after the last business date)')
    .option('--window <days>', 'days back from as-of that F and M count', whole)
    .description('store who is in which segment as of a date (replaces that date\'s snapshot), for transition matrices')
    .action(async (scheme: string, opts: ScopeOpts, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await takeSnapshot(db, scheme, requestOf(opts));
        output(g, r, () => [`snapshot ${r.scheme} as of ${r.asOf}: ${int(r.customers)} customers`, countTable(r)].join('\n'));
      });
    });

  segment.command('transitions').argument('<scheme>', `${SCHEMES.join('|')} or saved:<segment id>`)
    .requiredOption('--from <date>', 'the earlier as-of date').requiredOption('--to <date>', 'the later as-of date')
    .option('--store <code>', 'only customers who had bought at this store by the later date')
    .option('--window <days>', 'days back from as-of that F and M count (when recomputed)', whole)
    .option('--config <file>', 'model settings as JSON (when recomputed)')
    .description('transition matrix between two dates: stored snapshots, or recomputed as of each date')
    .action(async (scheme: string, opts: ScopeOpts & { from: string; to: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const t = await segmentTransitions(db, scheme, { from: opts.from, to: opts.to }, requestOf(opts));
        const used = t.segments.filter((_, i) => t.counts[i]!.some((n) => n > 0) || t.counts.some((row) => row[i]! > 0));
        const at = (s: string) => t.segments.indexOf(s);
        output(g, t, () => [
          `${t.scheme}: ${t.from.asOf} (${t.from.source}) → ${t.to.asOf} (${t.to.source}), ${int(t.customers)} customers; rows from, columns to`,
          table(['from \\ to', ...used], used.map((a) => [a, ...used.map((b) => int(t.counts[at(a)]![at(b)]!))])),
        ].join('\n'));
      });
    });

  const segments = program.command('segments').description('saved dynamic segments: rules over customer facts, scores, segments and tags');
  segments.command('save').argument('<name>', 'segment name')
    .requiredOption('--rule <json>', 'the rule as JSON, or @file.json, e.g. {"all":[{"field":"rfm","op":"eq","value":"at_risk"}]}')
    .option('--description <text>', 'what it is for')
    .description('save a dynamic segment')
    .action(async (name: string, opts: { rule: string; description?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const s = await saveSegment(db, { name, description: opts.description ?? null, rule: jsonArg(opts.rule, '--rule') }, by());
        output(g, s, () => `saved segment #${s.id} "${s.name}"`);
      });
    });
  scoped(segments.command('list')).description('saved segments with their member counts as of a date')
    .action(async (opts: ScopeOpts, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await listSegmentsWithCounts(db, requestOf(opts));
        output(g, r, () => (r.segments.length === 0 ? 'no saved segments' : [
          `saved segments, counts as of ${r.asOf}`,
          table(['id', 'name', 'customers', 'rule'], r.segments.map((s) => [s.id, s.name, int(s.count), JSON.stringify(s.rule)])),
        ].join('\n')));
      });
    });
  const saved = ([id]: string[]): Selection => ({ savedId: idArg(id!) });
  membersOf(saved, 'a saved segment')(segments.command('members').argument('<id>', 'segment id'));
  exportOf(saved, 'a saved segment')(segments.command('export').argument('<id>', 'segment id'));
  segments.command('delete').argument('<id>', 'segment id', idArg).description('delete a saved segment and its snapshots')
    .action(async (id: number, _opts, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        await removeSegment(db, id, by());
        output(g, { deleted: id }, () => `deleted segment #${id}`);
      });
    });

  const tags = scoped(program.command('tags')).description('customers per built-in and custom tag as of a date; custom tag rules')
    .action(async (opts: ScopeOpts, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await tagCounts(db, requestOf(opts));
        output(g, r, () => [
          `tags as of ${r.asOf}: ${int(r.customers)} customers with a purchase`,
          table(['tag', 'label', 'customers', 'share', 'rule'], r.tags.map((t) => [t.name, t.label.zh, int(t.count), pct(t.count, r.customers), t.explain])),
        ].join('\n'));
      });
    });
  tags.command('add').argument('<name>', 'tag name (letters, digits, _ . -)')
    .requiredOption('--rule <json>', 'the rule as JSON, or @file.json; it may read the built-in tags')
    .option('--label <text>', 'display label')
    .description('add a custom tag rule')
    .action(async (name: string, opts: { rule: string; label?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const t = await saveTagRule(db, { name, label: opts.label ?? null, rule: jsonArg(opts.rule, '--rule') }, by());
        output(g, t, () => `added tag rule #${t.id} "${t.name}"`);
      });
    });
  tags.command('rules').description('list the custom tag rules')
    .action(async (_opts, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const rules = await listTagRules(db);
        output(g, rules, () => (rules.length ? table(['id', 'name', 'label', 'rule'], rules.map((t) => [t.id, t.name, t.label, JSON.stringify(t.rule)])) : 'no custom tag rules'));
      });
    });
  tags.command('delete').argument('<id>', 'tag rule id', idArg).description('delete a custom tag rule')
    .action(async (id: number, _opts, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        await removeTagRule(db, id, by());
        output(g, { deleted: id }, () => `deleted tag rule #${id}`);
      });
    });
}
