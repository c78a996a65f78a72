// Imports through the API (the web wizard): the file is the raw request body; options are query
// parameters. Rejected rows are kept (import_rejects) so the reject file can be downloaded later.
import { z } from 'zod';
import { actorOf } from '../../app/auth.ts';
import { importFile } from '../../app/import-file.ts';
import { csvLine } from '../../app/csv.ts';
import { notFound } from '../../domain/errors.ts';
import { currencyDigits } from '../../domain/money.ts';
import { DEFAULT_ZONE, isValidZone } from '../../domain/time.ts';
import { previewImport } from '../../import/preview.ts';
import type { RowIssue } from '../../import/rows.ts';
import { chunksFor } from '../../store/batch.ts';
import { principalOf, type App, type Deps } from '../context.ts';
import { problemResponses } from '../problem.ts';

/** Upload size limit: a year of a busy chain's POS export, gzipped, fits easily. */
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/** Rejected rows kept per import; beyond this only the counts are kept. */
const MAX_STORED_REJECTS = 100_000;

const FILE_TYPES = ['application/octet-stream', 'text/csv', 'text/tab-separated-values', 'application/gzip', 'application/x-gzip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel'];

const Query = z.object({
  fileName: z.string().min(1).max(255).default('upload.csv'),
  zone: z.string().default(DEFAULT_ZONE).refine(isValidZone, 'unknown IANA time zone'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. CNY').default('CNY'),
  encoding: z.enum(['auto', 'utf-8', 'gbk', 'gb18030', 'utf-16le']).default('auto'),
  map: z.string().max(2000).optional().describe('explicit columns, e.g. "orderId=单号,customer=会员卡号"'),
  store: z.string().min(1).max(64).default('MAIN').describe('store for rows that name none'),
  source: z.string().min(1).max(64).default('import').describe('namespace of order ids'),
  dateOrder: z.enum(['ymd', 'mdy', 'dmy']).default('ymd'),
});

const Report = z.looseObject({
  importId: z.number(), kind: z.enum(['orders', 'customers', 'products']), fileName: z.string(), rowsRead: z.number(), rowsImported: z.number(),
  rowsUnchanged: z.number(), rowsRejected: z.number(), rejectedByReason: z.record(z.string(), z.number()),
}).meta({ id: 'ImportReport' });

const Preview = z.object({
  file: z.object({ name: z.string(), format: z.string(), gzip: z.boolean(), encoding: z.string().nullable(), delimiter: z.string().nullable() }),
  headerLine: z.number().nullable().describe('1-based line of the header row'),
  columns: z.object({
    headers: z.array(z.string()), found: z.record(z.string(), z.string()).describe('field → header it is read from'),
    missing: z.array(z.string()).describe('required fields no column provides ("unitPrice|amount": either)'), ignored: z.array(z.string()),
  }),
  fields: z.array(z.string()).describe('every field this kind of file can carry'),
  rows: z.array(z.object({ lineNo: z.number(), fields: z.array(z.string()), ok: z.boolean(), reason: z.string().nullable(), detail: z.string().nullable() })),
}).meta({ id: 'ImportPreview' });

export function importRoutes(app: App, deps: Deps): void {
  app.register((scope, _opts, done) => {
    // The body is the file itself, read as bytes.
    scope.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, next) => next(null, body));
    const typed = scope.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>();
    typed.post('/api/imports/:kind/preview', {
      config: { access: 'imports:write' },
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        summary: 'Read the header and first rows of a file without importing it: detected columns, missing fields, sample rows with reasons',
        tags: ['imports'],
        params: z.object({ kind: z.enum(['orders', 'customers', 'products']) }),
        querystring: Query.extend({ rows: z.coerce.number().int().min(1).max(100).default(10) }),
        response: { 200: Preview, ...problemResponses },
      },
    }, async (req) => {
      const q = req.query;
      const p = await previewImport(req.params.kind, req.body as Buffer, {
        encoding: q.encoding, dateOrder: q.dateOrder, currencyDigits: currencyDigits(q.currency), zone: q.zone, rows: q.rows,
        ...(q.map ? { map: q.map } : {}),
      });
      return { ...p, fields: [...p.fields], columns: { headers: p.columns.headers, found: p.columns.found, missing: p.columns.missing, ignored: p.columns.ignored } };
    });
    typed.post('/api/imports/:kind', {
      config: { access: 'imports:write' },
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        summary: 'Import a CSV/TSV/XLSX file (optionally gzipped; UTF-8 or GBK) sent as the raw request body', tags: ['imports'],
        params: z.object({ kind: z.enum(['orders', 'customers', 'products']) }), querystring: Query,
        response: { 200: Report, ...problemResponses },
      },
    }, async (req) => {
      const q = req.query;
      const rejects: RowIssue[] = [];
      const report = await importFile(deps.db, req.body as Buffer, {
        kind: req.params.kind, fileName: q.fileName, now: () => deps.now().toISOString(), zone: q.zone, currency: q.currency,
        defaultStore: q.store, source: q.source, actor: actorOf(principalOf(req)),
        read: { encoding: q.encoding, dateOrder: q.dateOrder, currencyDigits: currencyDigits(q.currency), ...(q.map ? { map: q.map } : {}) },
        reject: (issue) => { if (rejects.length < MAX_STORED_REJECTS) rejects.push(issue); },
      });
      for (const chunk of chunksFor(rejects, 5)) {
        await deps.db.insertInto('import_rejects').values(chunk.map((r) => ({ import_id: report.importId, line_no: r.lineNo, reason: r.reason, detail: r.detail, raw: r.raw }))).execute();
      }
      return { ...report };
    });
    done();
  });

  app.get('/api/imports/:id', {
    config: { access: 'imports:write' },
    schema: { summary: 'The report of an import run', tags: ['imports'], params: z.object({ id: z.coerce.number().int() }), response: { 200: Report, ...problemResponses } },
  }, async (req) => {
    const run = await deps.db.selectFrom('import_runs').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!run?.report) throw notFound(`import ${req.params.id}`, '/id');
    return JSON.parse(run.report) as z.infer<typeof Report>;
  });

  app.get('/api/imports/:id/rejects.csv', {
    config: { access: 'imports:write' },
    schema: { summary: 'The reject file of an import: line, reason, detail, original line (CSV, UTF-8 with BOM)', tags: ['imports'], params: z.object({ id: z.coerce.number().int() }) },
  }, async (req, reply) => {
    const run = await deps.db.selectFrom('import_runs').select('id').where('id', '=', req.params.id).executeTakeFirst();
    if (!run) throw notFound(`import ${req.params.id}`, '/id');
    const rows = await deps.db.selectFrom('import_rejects').selectAll().where('import_id', '=', req.params.id).orderBy('line_no').execute();
    const body = `\ufeff${csvLine(['line', 'reason', 'detail', 'original'])}${rows.map((r) => csvLine([r.line_no, r.reason, r.detail, r.raw])).join('')}`;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="rejects-${req.params.id}.csv"`).send(body);
  });
}
