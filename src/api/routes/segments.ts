// /api/segments/…: the segment models as of a date (RFM, retention classes, pyramid, ABCD, lifecycle,
// clusters), tags, saved dynamic segments and tag rules, members (paged, CSV), snapshots and the
// transition matrix. Definitions: docs/segmentation.md. Staff limited to some stores must name one.
import { z } from 'zod';
import { actorOf, type Principal } from '../../app/auth.ts';
import { computeClusters } from '../../app/segment-clusters.ts';
import { memberPage, membersCsv } from '../../app/segment-export.ts';
import { listSegmentsWithCounts, removeSegment, removeTagRule, saveSegment, saveTagRule } from '../../app/segment-saved.ts';
import { segmentTransitions, takeSnapshot } from '../../app/segment-snapshots.ts';
import { computeScheme, selectMembers, storeIdOf, tagCounts, type SegmentRequest } from '../../app/segments.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import { SEGMENT_FIELDS } from '../../domain/segments/fields.ts';
import { OPS_BY_TYPE } from '../../domain/segments/rule.ts';
import { SCHEMES } from '../../domain/segments/schemes.ts';
import { DEFAULT_SETTINGS, parseSegmentSettings, withOverrides } from '../../domain/segments/settings.ts';
import { listSnapshots, listTagRules } from '../../store/segments-saved.repo.ts';
import { principalOf, type App, type Deps } from '../context.ts';
import { can, inScope } from '../permissions.ts';
import { problemResponses } from '../problem.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const Scope = z.object({
  asOf: date.optional().describe('facts as of this business date, inclusive (default: the day after the last business date)'),
  store: z.string().min(1).max(64).optional().describe('only customers who bought at this store (required for staff limited to some stores)'),
  windowDays: z.coerce.number().int().min(1).max(36600).optional().describe('days back from as-of that F, M and behaviour count (default: all history)'),
  settings: z.string().max(8000).optional().describe('every model setting as JSON, e.g. {"abcd":{"dormantDays":180}} (docs/segmentation.md)'),
});
const Page = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0) });
const Labels = z.object({ en: z.string(), zh: z.string() });
const Count = z.object({ name: z.string(), label: Labels, count: z.number() });
const Head = { asOf: z.string(), store: z.string().nullable() };

const SchemeReport = z.object({
  scheme: z.enum(SCHEMES), ...Head, source: z.enum(['summary', 'activity']).describe('stored summary, or activity tables aggregated as of the date'),
  windowDays: z.number().nullable(), customers: z.number().describe('customers with a purchase on or before as-of; each is in exactly one segment'),
  segments: z.array(Count), notes: z.array(z.string()),
}).meta({ id: 'SegmentSchemeReport' });

const Member = z.object({
  id: z.number(), memberNo: z.string().nullable(), phone: z.string().nullable().describe('masked unless the role may see phones'), name: z.string().nullable(),
  segment: z.string(), firstPurchaseDate: z.string(), lastPurchaseDate: z.string(), recencyDays: z.number(), orders: z.number(), netMinor: z.number(),
});
const MemberPage = z.object({ asOf: z.string(), total: z.number(), limit: z.number(), offset: z.number(), items: z.array(Member) }).meta({ id: 'SegmentMembers' });

const Rule = z.unknown().describe('{"all"|"any": [{"field", "op", "value"} | nested rule]}; fields at GET /api/segments/fields');
const Saved = z.object({
  id: z.number(), name: z.string(), description: z.string().nullable(), rule: Rule, createdBy: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
}).meta({ id: 'SavedSegment' });
const TagRule = z.object({
  id: z.number(), name: z.string(), label: z.string().nullable(), rule: Rule, enabled: z.boolean(), createdBy: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
}).meta({ id: 'TagRule' });
const SnapshotScheme = z.string().min(1).max(40).describe('rfm, retention, pyramid, abcd, lifecycle or saved:<segment id>');
const Id = z.object({ id: z.coerce.number().int().positive() });

export function segmentsRoutes(app: App, deps: Deps): void {
  const tags = ['segments'];
  const today = () => deps.now().toISOString().slice(0, 10);

  /** The request's scope and settings, after making sure a store-limited principal stays within its stores. */
  const scoped = async (p: Principal, q: z.infer<typeof Scope>): Promise<SegmentRequest> => {
    if (p.storeIds !== null) {
      if (q.store === undefined) throw new AppError('FORBIDDEN', 'your access is limited to some stores: name one with ?store=CODE', { field: '/store' });
      const id = await storeIdOf(deps.db, q.store);
      if (id !== null && !inScope(p, id)) throw new AppError('FORBIDDEN', `store ${q.store} is outside your access`, { field: '/store' });
    }
    let settings = DEFAULT_SETTINGS;
    if (q.settings !== undefined) {
      let json: unknown;
      try { json = JSON.parse(q.settings); } catch { throw invalid('/settings', 'not valid JSON'); }
      settings = parseSegmentSettings(json, '/settings');
    }
    if (q.windowDays !== undefined) settings = withOverrides(settings, { windowDays: q.windowDays });
    return { asOf: q.asOf ?? null, store: q.store ?? null, settings, today: today() };
  };
  const maskPhones = (p: Principal) => !can(p.role, 'customers:phone');
  const by = (p: Principal) => ({ actor: actorOf(p), now: deps.now().toISOString() });

  app.get('/api/segments/schemes/:scheme', {
    config: { access: 'segments:read' },
    schema: {
      summary: 'Segment counts of a scheme as of a date: rfm (classic 11), retention (4 classes), pyramid, abcd, lifecycle', tags,
      params: z.object({ scheme: z.enum(SCHEMES) }), querystring: Scope,
      response: { 200: SchemeReport, ...problemResponses },
    },
  }, async (req) => computeScheme(deps.db, req.params.scheme, await scoped(principalOf(req), req.query)));

  app.get('/api/segments/schemes/:scheme/members', {
    config: { access: 'segments:read' },
    schema: {
      summary: 'Customers in one segment of a scheme, in id order, a page at a time', tags,
      params: z.object({ scheme: z.enum(SCHEMES) }), querystring: Scope.extend({ segment: z.string().min(1).max(40) }).extend(Page.shape),
      response: { 200: MemberPage, ...problemResponses },
    },
  }, async (req) => {
    const p = principalOf(req);
    const m = await selectMembers(deps.db, { scheme: req.params.scheme, segment: req.query.segment }, await scoped(p, req.query));
    return memberPage(deps.db, m, { limit: req.query.limit, offset: req.query.offset, maskPhones: maskPhones(p) });
  });

  app.get('/api/segments/schemes/:scheme/members.csv', {
    config: { access: 'segments:read' },
    schema: {
      summary: 'Customers in one segment of a scheme as CSV (UTF-8 with BOM)', tags,
      params: z.object({ scheme: z.enum(SCHEMES) }), querystring: Scope.extend({ segment: z.string().min(1).max(40) }),
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const m = await selectMembers(deps.db, { scheme: req.params.scheme, segment: req.query.segment }, await scoped(p, req.query));
    const file = `${req.params.scheme}-${req.query.segment}-${m.population.asOf}.csv`.replace(/[^\w.-]/g, '_');
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(await membersCsv(deps.db, m, { maskPhones: maskPhones(p) }));
  });

  app.get('/api/segments/clusters', {
    config: { access: 'segments:read' },
    schema: {
      summary: 'k-means clusters on log recency, frequency and spend (k by silhouette unless given), each described in plain words', tags,
      querystring: Scope.extend({
        k: z.coerce.number().int().min(1).max(50).optional(), seed: z.coerce.number().int().min(0).default(1),
      }),
      response: {
        200: z.object({
          scheme: z.literal('clusters'), ...Head, source: z.enum(['summary', 'activity']), customers: z.number(), k: z.number(), silhouette: z.number(),
          inertia: z.number(), features: z.array(z.string()), segments: z.array(Count.extend({ centroid: z.record(z.string(), z.number()) })),
        }).meta({ id: 'ClusterReport' }),
        ...problemResponses,
      },
    },
  }, async (req) => computeClusters(deps.db, {
    ...(await scoped(principalOf(req), req.query)), seed: req.query.seed, ...(req.query.k === undefined ? {} : { k: req.query.k }),
  }));

  app.get('/api/segments/tags', {
    config: { access: 'segments:read' },
    schema: {
      summary: 'How many customers carry each built-in and custom tag, with each rule in words', tags, querystring: Scope,
      response: {
        200: z.object({ ...Head, customers: z.number(), tags: z.array(Count.extend({ explain: z.string() })) }).meta({ id: 'TagReport' }),
        ...problemResponses,
      },
    },
  }, async (req) => tagCounts(deps.db, await scoped(principalOf(req), req.query)));

  app.get('/api/segments/fields', {
    config: { access: 'segments:read' },
    schema: {
      summary: 'The fields a segment or tag rule may use, with their operators', tags,
      response: { 200: z.object({ items: z.array(z.object({ name: z.string(), type: z.string(), ops: z.array(z.string()), description: z.string() })) }), ...problemResponses },
    },
  }, () => ({ items: Object.entries(SEGMENT_FIELDS).map(([name, f]) => ({ name, type: f.type, ops: [...OPS_BY_TYPE[f.type]], description: f.description })) }));

  app.get('/api/segments/saved', {
    config: { access: 'segments:read' },
    schema: {
      summary: 'Saved dynamic segments with their member counts as of a date', tags, querystring: Scope,
      response: { 200: z.object({ asOf: z.string(), items: z.array(Saved.extend({ count: z.number() })) }), ...problemResponses },
    },
  }, async (req) => {
    const r = await listSegmentsWithCounts(deps.db, await scoped(principalOf(req), req.query));
    return { asOf: r.asOf, items: r.segments };
  });

  app.post('/api/segments/saved', {
    config: { access: 'segments:write' },
    schema: {
      summary: 'Save a dynamic segment: a rule over customer facts, scores, segments and tags', tags,
      body: z.object({ name: z.string(), description: z.string().nullable().optional(), rule: Rule }),
      response: { 201: Saved, ...problemResponses },
    },
  }, async (req, reply) => reply.code(201).send(await saveSegment(deps.db, req.body, by(principalOf(req)))));

  app.delete('/api/segments/saved/:id', {
    config: { access: 'segments:write' },
    schema: { summary: 'Delete a saved segment and its snapshots', tags, params: Id, response: { 204: z.null(), ...problemResponses } },
  }, async (req, reply) => {
    await removeSegment(deps.db, req.params.id, by(principalOf(req)));
    return reply.code(204).send(null);
  });

  app.get('/api/segments/saved/:id/members', {
    config: { access: 'segments:read' },
    schema: {
      summary: 'Customers a saved segment matches as of a date, a page at a time', tags, params: Id, querystring: Scope.extend(Page.shape),
      response: { 200: MemberPage, ...problemResponses },
    },
  }, async (req) => {
    const p = principalOf(req);
    const m = await selectMembers(deps.db, { savedId: req.params.id }, await scoped(p, req.query));
    return memberPage(deps.db, m, { limit: req.query.limit, offset: req.query.offset, maskPhones: maskPhones(p) });
  });

  app.get('/api/segments/saved/:id/members.csv', {
    config: { access: 'segments:read' },
    schema: { summary: 'Customers a saved segment matches, as CSV (UTF-8 with BOM)', tags, params: Id, querystring: Scope },
  }, async (req, reply) => {
    const p = principalOf(req);
    const m = await selectMembers(deps.db, { savedId: req.params.id }, await scoped(p, req.query));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="segment-${req.params.id}-${m.population.asOf}.csv"`)
      .send(await membersCsv(deps.db, m, { maskPhones: maskPhones(p) }));
  });

  app.get('/api/segments/tag-rules', {
    config: { access: 'segments:read' },
    schema: { summary: 'Custom tag rules', tags, response: { 200: z.object({ items: z.array(TagRule) }), ...problemResponses } },
  }, async () => ({ items: await listTagRules(deps.db) }));

  app.post('/api/segments/tag-rules', {
    config: { access: 'segments:write' },
    schema: {
      summary: 'Add a custom tag: customers matching the rule carry it (rules may read the built-in tags)', tags,
      body: z.object({ name: z.string(), label: z.string().nullable().optional(), rule: Rule }),
      response: { 201: TagRule, ...problemResponses },
    },
  }, async (req, reply) => reply.code(201).send(await saveTagRule(deps.db, req.body, by(principalOf(req)))));

  app.delete('/api/segments/tag-rules/:id', {
    config: { access: 'segments:write' },
    schema: { summary: 'Delete a custom tag rule', tags, params: Id, response: { 204: z.null(), ...problemResponses } },
  }, async (req, reply) => {
    await removeTagRule(deps.db, req.params.id, by(principalOf(req)));
    return reply.code(204).send(null);
  });

  app.get('/api/segments/snapshots', {
    config: { access: 'segments:read' },
    schema: {
      summary: 'Stored snapshots: scheme, as-of date and customers', tags,
      response: { 200: z.object({ items: z.array(z.object({ scheme: z.string(), asOf: z.string(), customers: z.number() })) }), ...problemResponses },
    },
  }, async () => ({ items: await listSnapshots(deps.db) }));

  app.post('/api/segments/snapshots', {
    config: { access: 'segments:write' },
    schema: {
      summary: "Store who is in which segment of a scheme as of a date (chain-wide; replaces that date's snapshot)", tags,
      body: z.object({ scheme: SnapshotScheme, asOf: date.optional(), windowDays: z.number().int().min(1).max(36600).optional() }),
      response: {
        201: z.object({ scheme: z.string(), asOf: z.string(), customers: z.number(), segments: z.array(Count) }).meta({ id: 'SegmentSnapshot' }),
        ...problemResponses,
      },
    },
  }, async (req, reply) => {
    const settings = req.body.windowDays === undefined ? DEFAULT_SETTINGS : withOverrides(DEFAULT_SETTINGS, { windowDays: req.body.windowDays });
    return reply.code(201).send(await takeSnapshot(deps.db, req.body.scheme, { asOf: req.body.asOf ?? null, settings, today: today() }));
  });

  app.get('/api/segments/transitions', {
    config: { access: 'segments:read' },
    schema: {
      summary: 'Transition matrix of a scheme between two dates (stored snapshots, or recomputed as of each date)', tags,
      querystring: Scope.omit({ asOf: true }).extend({ scheme: SnapshotScheme, from: date, to: date }),
      response: {
        200: z.object({
          scheme: z.string(), store: z.string().nullable(),
          from: z.object({ asOf: z.string(), source: z.enum(['snapshot', 'computed']) }), to: z.object({ asOf: z.string(), source: z.enum(['snapshot', 'computed']) }),
          segments: z.array(z.string()).describe("row and column order; '(none)' = not present"), counts: z.array(z.array(z.number())).describe('counts[from][to]'),
          moves: z.array(z.object({ from: z.string(), to: z.string(), count: z.number() })), customers: z.number(),
        }).meta({ id: 'SegmentTransitions' }),
        ...problemResponses,
      },
    },
  }, async (req) => {
    const q = req.query;
    return segmentTransitions(deps.db, q.scheme, { from: q.from, to: q.to }, await scoped(principalOf(req), q));
  });
}
