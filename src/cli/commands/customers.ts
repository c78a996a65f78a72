import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { mergeCustomers } from '../../app/merge-customers.ts';
import { notFound } from '../../domain/errors.ts';
import { marginMinor } from '../../domain/customers/summary.ts';
import { consentsOf, getCustomer, searchCustomers } from '../../store/customers.repo.ts';
import { orderHistory } from '../../store/sales.repo.ts';
import { getSummary } from '../../store/summary.repo.ts';
import { nowIso, output, withStore, type GlobalOptions } from '../context.ts';
import { money, table } from '../format.ts';

const id = (v: string): number => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a customer id (digits)');
  return Number(v);
};

export function registerCustomers(program: Command): void {
  const customers = program.command('customers').description('search, show and merge customers');

  customers.command('search').argument('<query>', 'phone (full or partial), member number or name')
    .option('--limit <n>', 'how many', (v) => Number(v), 20)
    .description('find customers')
    .action(async (q: string, opts: { limit: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const found = await searchCustomers(db, { q, limit: opts.limit });
        output(g, found, () => (found.length ? table(['id', 'member no', 'phone', 'name', 'city'], found.map((c) => [c.id, c.memberNo, c.phone, c.name, c.city])) : 'no customers found'));
      });
    });

  customers.command('show').argument('<id>', 'customer id', id).description("a customer's profile, summary and recent orders")
    .action(async (customerId: number, _opts, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const c = await getCustomer(db, customerId);
        if (!c) throw notFound(`customer ${customerId}`);
        const [summary, consents, history] = await Promise.all([getSummary(db, customerId), consentsOf(db, customerId), orderHistory(db, customerId, { limit: 10 })]);
        output(g, { customer: c, summary: summary ?? null, consents, ...history }, () => [
          `#${c.id} ${c.name ?? '(no name)'}  member ${c.memberNo ?? '—'}  phone ${c.phone ?? '—'}${c.mergedIntoId ? `  (merged into #${c.mergedIntoId})` : ''}`,
          summary
            ? `orders ${summary.orders} on ${summary.purchaseDays} days, ${summary.firstPurchaseDate} … ${summary.lastPurchaseDate}; net ${money(summary.netMinor)}; margin ${money(marginMinor(summary))}; returns ${summary.returns}`
            : 'no purchases yet',
          ...(history.orders.length ? ['', table(['date', 'order', 'store', 'items', 'net'], history.orders.map((o) => [o.businessDate, o.externalId, o.storeCode, o.items, money(o.netMinor)]))] : []),
        ].join('\n'));
      });
    });

  customers.command('merge').argument('<survivor>', 'customer id to keep', id).argument('<duplicate>', 'customer id to merge into it', id)
    .description('merge a duplicate customer (same person, two cards/phones) into another')
    .action(async (survivor: number, duplicate: number, _opts, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await mergeCustomers(db, survivor, duplicate, { actor: 'cli', now: nowIso() });
        output(g, r, () => `merged #${r.mergedId} into #${r.survivorId}: ${r.ordersMoved} orders and ${r.returnsMoved} returns moved`);
      });
    });
}
