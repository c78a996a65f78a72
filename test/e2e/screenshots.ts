// Screenshots of every dashboard page in Chinese and English, for docs/screenshots/ and the README:
//   npm run screenshots
// A fixed demo chain (seed 42, 3,000 members, history up to 2026-10-31) is loaded into a temporary
// SQLite file with its year of loyalty checkouts (src/app/demo-loyalty.ts), so the pictures are reproducible. Chinese text needs a CJK font: apt-get install fonts-noto-cjk.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../src/api/server.ts';
import { createOwner } from '../../src/app/auth.ts';
import { loadDemoLoyalty } from '../../src/app/demo-loyalty.ts';
import { loadDemo } from '../../src/app/load-demo.ts';
import { fitClv } from '../../src/app/models/clv-fit.ts';
import { openStore } from '../../src/store/db.ts';
import { buildWeb, launchBrowser } from '../support/browser.ts';

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const NOW = '2026-11-01T02:00:00.000Z';
const PASSWORD = 'screenshots only';

/**
 * Page name → path and what to wait for before the picture is taken; `full` takes the whole page,
 * `run` clicks a button first and waits for what it brings.
 */
const PAGES: { name: string; path: string; ready: string; full?: boolean; run?: { click: string; ready: string } }[] = [
  { name: 'overview', path: '/', ready: '[data-testid=chart-sales-by-month] canvas' },
  { name: 'customers', path: '/customers?q=1', ready: 'tbody tr' },
  { name: 'customer-360', path: '/customers/:first', ready: '[data-testid=predictions]' },
  { name: 'segments', path: '/segments', ready: '[data-testid=chart-segments-rfm] canvas' },
  { name: 'retention', path: '/retention', ready: '[data-testid=chart-cohorts-month] canvas' },
  { name: 'baskets', path: '/baskets', ready: '[data-testid^=chart-rules-network] canvas' },
  { name: 'import', path: '/imports', ready: 'input[type=file]' },
  { name: 'loyalty', path: '/loyalty', ready: '[data-testid=chart-loyalty-liability] canvas', full: true,
    run: { click: '[data-testid=backtest-run]', ready: '[data-testid=chart-loyalty-backtest] canvas' } },
];

if (!spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout?.trim()) {
  console.error('no Chinese font: apt-get install fonts-noto-cjk (else 中文 renders as boxes)');
  process.exit(1);
}
buildWeb();
mkdirSync(OUT, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'regulars-shots-'));
const store = await openStore(join(dir, 'shots.db'));
try {
  await loadDemo(store.db, { seed: 42, members: 3000, asOf: '2026-10-31', now: () => NOW });
  // The demo's year of loyalty checkouts, seen from NOW, for 400 best customers (more than the product's 2 %, so the
  // Loyalty page is well filled), before the fit so models see those orders too.
  await loadDemoLoyalty(store.db, { asOf: '2026-10-31', members: 400 });
  await fitClv(store.db, { calibrationEnd: '2026-10-31', period: 'week', now: NOW });
  await createOwner(store.db, { username: 'owner', password: PASSWORD, displayName: '店长' }, { now: NOW });
  const first = await store.db.selectFrom('customer_summary').select('customer_id').orderBy('net_minor', 'desc').limit(1).executeTakeFirstOrThrow();
  const app = await buildServer({ store, config: { REGULARS_SESSION_HOURS: 1, REGULARS_SECURE_COOKIES: false }, now: () => new Date(NOW) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  for (const locale of ['zh-CN', 'en'] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1, locale });
    await context.addInitScript((l) => localStorage.setItem('regulars.locale', l), locale);
    const page = await context.newPage();
    await page.goto(base);
    await page.locator('input[name=username]').fill('owner');
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.locator('.kpi-value').first().waitFor();
    for (const p of PAGES) {
      await page.goto(base + p.path.replace(':first', String(first.customer_id)));
      await page.locator(p.ready).first().waitFor();
      if (p.run) {
        await page.locator(p.run.click).click();
        await page.locator(p.run.ready).first().waitFor();
      }
      await page.waitForTimeout(400); // let charts finish drawing
      const file = join(OUT, `${p.name}.${locale}.png`);
      await page.screenshot({ path: file, fullPage: p.full ?? false });
      console.log(file);
    }
    await context.close();
  }
  await browser.close();
  await app.close();
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
