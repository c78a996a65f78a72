// The dashboard in a real browser against the real server over HTTP: log in, import a small CSV
// through the wizard, see its numbers on the overview, open a customer's 360 view, switch language,
// and check that a clerk sees a masked phone; then the Loyalty page against the API's figures.
import { after, before, suite, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { seedLoyalty } from '../../src/app/demo-loyalty.ts';
import { apiFixture, NOW, PASSWORD, type Api } from '../support/api.ts';
import { buildWeb, hasChromium, launchBrowser, NO_CHROMIUM } from '../support/browser.ts';

const CSV = [
  '单号,会员卡号,手机号,商品编码,商品名称,品类,数量,单价,销售时间,门店',
  'A1,VIP1,13800138000,TEE-1,纯棉T恤,服装/上衣,2,59.90,2024-03-05 14:30:00,S1',
  'A2,VIP1,13800138000,JEAN-1,牛仔裤,服装/裤装,1,199.00,2024-04-02 11:00:00,S1',
  'A3,VIP2,13900139000,TEE-1,纯棉T恤,服装/上衣,1,59.90,2024-04-03 16:10:00,S1',
  'A4,VIP2,13900139000,GIFT,赠品,赠品,1,0,2024-04-03 16:10:00,S1',
].join('\n');

suite('dashboard in Chromium', { skip: hasChromium ? false : NO_CHROMIUM }, () => {
  let api: Api;
  let base: string;
  let browser: Browser;
  before(async () => {
    buildWeb();
    api = await apiFixture('sqlite');
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await api?.close();
  });

  async function logIn(page: Page, username: string): Promise<void> {
    await page.goto(base);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
  }

  const kpi = (page: Page, label: string) => page.locator('.kpi', { hasText: label }).locator('.kpi-value');

  test('an owner imports a CSV through the wizard, sees it on the overview and opens a 360 view, in Chinese and English', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await logIn(page, 'owner');
    await page.getByRole('heading', { name: '经营概览' }).waitFor();
    assert.equal(await kpi(page, '订单数').textContent(), '0');

    await page.getByRole('link', { name: '导入数据' }).click();
    await page.getByTestId('import-file').setInputFiles({ name: 'pos.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    assert.equal(await preview.locator('tbody tr').count(), 4);
    assert.equal(await preview.locator('tbody tr.rejected').count(), 1, 'the zero-price gift line is marked');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-report').waitFor();
    assert.equal(await page.getByTestId('rows-imported').textContent(), '3');
    assert.equal(await page.getByTestId('rows-rejected').textContent(), '1');
    const rejects = await page.getByRole('link', { name: '下载拒绝行文件' }).getAttribute('href');
    const file = await page.request.get(`${base}${rejects}`);
    assert.match(await file.text(), /zero_price/);

    await page.getByRole('link', { name: '概览' }).click();
    await page.getByRole('heading', { name: '经营概览' }).waitFor();
    assert.equal(await kpi(page, '订单数').textContent(), '3');
    assert.equal(await kpi(page, '会员数').textContent(), '2');
    assert.equal(await kpi(page, '销售额').textContent(), '¥378.70', '2 × 59.90 + 199.00 + 59.90');

    await page.getByRole('link', { name: '顾客' }).click();
    await page.getByLabel('手机号、会员号或姓名').fill('VIP1');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.getByRole('link', { name: '查看' }).first().click();
    await page.getByRole('heading', { name: '消费概况' }).waitFor();
    assert.equal(await page.getByTestId('profile-phone').textContent(), '13800138000', 'an owner sees the full phone');
    assert.equal(await kpi(page, '净消费').textContent(), '¥318.80');
    // No CLV fit in this store: the note arrives as a code and is said in the page's language.
    assert.match((await page.getByTestId('prediction-note').first().textContent())!, /^尚未拟合 CLV 模型/);

    await page.getByTestId('language-switcher').selectOption('en');
    await page.getByRole('heading', { name: 'Summary' }).waitFor();
    assert.equal(await kpi(page, 'Net spend').textContent(), '¥318.80');
    assert.match((await page.getByTestId('prediction-note').first().textContent())!, /^no CLV fit stored/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await context.close();
  });

  test('a clerk lands on customer lookup, has no reports in the menu and sees masked phones', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await logIn(page, 'clerk');
    await page.getByRole('heading', { name: '顾客' }).waitFor();
    assert.equal(await page.getByRole('link', { name: '概览' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: '导入数据' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: '会员忠诚度' }).count(), 0, 'the loyalty programme\'s figures are reports');
    await page.getByLabel('手机号、会员号或姓名').fill('VIP1');
    await page.getByRole('button', { name: '搜索' }).click();
    assert.equal(await page.getByTestId('customer-phone').first().textContent(), '138****8000');
    await page.getByRole('link', { name: '查看' }).first().click();
    await page.getByRole('heading', { name: '消费概况' }).waitFor();
    assert.equal(await page.getByTestId('profile-phone').textContent(), '138****8000');
    assert.ok(!(await page.content()).includes('13800138000'), 'the full number is nowhere on the page');
    await context.close();
  });

  // Runs last: its checkouts add orders the first test's counts do not expect.
  test('the Loyalty page shows the API\'s figures, and the backtest is reachable and runs from the keyboard', async () => {
    const ids: number[] = [];
    for (const memberNo of ['L1', 'L2', 'L3', 'L4', 'L5', 'L6']) {
      const res = await api.call('pos', { method: 'POST', url: '/api/loyalty/members', payload: { memberNo, storeCode: 'S1' } });
      ids.push(res.json<{ customerId: number }>().customerId);
    }
    const checkouts = await seedLoyalty(api.store.db, {
      now: NOW.toISOString(), storeCode: 'S1', customerIds: ids, products: [{ sku: 'TEE-1', name: '纯棉T恤', category: '服装/上衣' }],
    });
    assert.equal(checkouts, 1 + 2 + 3 + 4 + 5 + 1, 'member i makes 1 + (i mod 5) visits');
    const stats = (await api.call('owner', { url: '/api/loyalty/stats' })).json<{ enrolled: number }>();
    // The page's default range: the twelve months up to the server's month (2024-06).
    const liability = (await api.call('owner', { url: '/api/loyalty/liability?from=2023-07&to=2024-06' })).json<{ outstandingPoints: number }>();
    assert.ok(liability.outstandingPoints > 0, 'the seed leaves points outstanding');
    const zh = new Intl.NumberFormat('zh-CN');

    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await logIn(page, 'owner');
    await page.getByRole('link', { name: '会员忠诚度' }).click();
    await page.getByRole('heading', { name: '会员忠诚度', level: 1 }).waitFor();
    assert.equal(await kpi(page, '入会会员').textContent(), '6', 'six registered members, as /api/loyalty/stats says');
    assert.equal(stats.enrolled, 6);
    assert.equal(await kpi(page, '未兑付积分').textContent(), zh.format(liability.outstandingPoints));
    await page.getByTestId('chart-loyalty-liability').locator('canvas').waitFor();

    // Keyboard only: Tab from the liability form's button to the ladder editor, replace the ladder,
    // Tab through the period's inputs to the run button and press Enter.
    await page.getByRole('button', { name: '应用' }).focus();
    // Evaluated as text: the server's tsconfig has no DOM types.
    const focused = () => page.evaluate<string>(`(() => { const el = document.activeElement;
      return el ? [el.tagName.toLowerCase(), el.getAttribute('type') ?? '', el.getAttribute('data-testid') ?? el.textContent ?? ''].join(':') : ''; })()`);
    const tabUntil = async (pattern: RegExp, seen: string[] = []) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const now = await focused();
        seen.push(now);
        if (pattern.test(now)) return seen;
      }
      assert.fail(`never reached ${pattern} by Tab; saw ${seen.join(' → ')}`);
    };
    await tabUntil(/^textarea:.*backtest-ladder/);
    const proposed = { tiers: [{ code: 'normal', name: '普卡' }, { code: 'silver', name: '银卡', criteria: { growth: 300 } }, { code: 'gold', name: '金卡', criteria: { growth: 1500 }, benefits: { discountBp: 500 } }] };
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(JSON.stringify(proposed));
    const seen = await tabUntil(/^button:submit:backtest-run/);
    assert.ok(seen.some((x) => x.startsWith('input:date')), `the period's date inputs are on the way: ${seen.join(' → ')}`);
    await page.keyboard.press('Enter');
    const result = page.getByTestId('backtest-result');
    await result.waitFor();
    const expected = (await api.call('owner', { method: 'POST', url: '/api/loyalty/tiers/backtest', payload: { ladder: proposed, from: '2023-06-01', to: '2024-06-01' } }))
      .json<{ members: number; movers: unknown[] }>();
    assert.equal(expected.members, 6);
    assert.equal(await result.locator('.kpi', { hasText: '回测会员' }).locator('.kpi-value').textContent(), '6');
    assert.equal(await result.locator('.kpi', { hasText: '等级变动会员' }).locator('.kpi-value').textContent(), zh.format(expected.movers.length));
    await context.close();
  });
});
