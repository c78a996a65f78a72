// Customer housekeeping for owners and managers: merging duplicates and exporting the base.
import { z } from 'zod';
import { actorOf } from '../../app/auth.ts';
import { csvLine } from '../../app/csv.ts';
import { CUSTOMER_EXPORT_COLUMNS, customerExportRows } from '../../app/export-customers.ts';
import { mergeCustomers } from '../../app/merge-customers.ts';
import { can } from '../permissions.ts';
import { principalOf, type App, type Deps } from '../context.ts';
import { problemResponses } from '../problem.ts';

const MergeResult = z.object({ survivorId: z.number(), mergedId: z.number(), ordersMoved: z.number(), returnsMoved: z.number() }).meta({ id: 'MergeResult' });

export function adminRoutes(app: App, deps: Deps): void {
  app.post('/api/customers/:id/merge', {
    config: { access: 'customers:merge' },
    schema: {
      summary: 'Merge a duplicate customer into this one: orders, returns, consents and referrals move here; audited', tags: ['customers'],
      params: z.object({ id: z.coerce.number().int() }), body: z.object({ duplicateId: z.number().int() }),
      response: { 200: MergeResult, ...problemResponses },
    },
  }, async (req) => mergeCustomers(deps.db, req.params.id, req.body.duplicateId, { actor: actorOf(principalOf(req)), now: deps.now().toISOString() }));

  app.get('/api/exports/customers.csv', {
    config: { access: 'exports:read' },
    schema: { summary: 'All customers with their summary as CSV (UTF-8 with BOM); phones masked unless the role may see them', tags: ['customers'] },
  }, async (req, reply) => {
    const maskPhones = !can(principalOf(req).role, 'customers:phone');
    let body = `\ufeff${csvLine(CUSTOMER_EXPORT_COLUMNS)}`;
    for await (const cells of customerExportRows(deps.db, { maskPhones })) body += csvLine(cells);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="customers.csv"').send(body);
  });
}
