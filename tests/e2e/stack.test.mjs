// A founder's own stack, built from the blank scenario with only the page, in the release
// build: a serverless host, Postgres, an LLM with messages and tokens per message, a vector
// store with vectors per user and a messaging API with messages per user. Every
// component's cost and the total are read at three user counts and compared with the
// arithmetic written out below. Then the stack survives a reload and a link, and a
// provider of the founder's own is defined and used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addComponent, open, pick, settled, setUsers, text, useApp, waitText, ROOT } from './harness.mjs';

const app = useApp();

// The blank scenario: 50% of users active in a month, 10% of those online at once.
// A = active users = users × 50%.
const EXPECTED = {
  1000: {
    // Vercel Pro: $20 for the first seat (1 included in the seat meter). Usage at A = 500:
    // 500K requests and 50K invocations are inside the 10M and 1M included; active CPU
    // 50K × 0.00001 h = 0.5 h × $0.128 = $0.064; memory 50K × 0.0001 GB-h = 5 GB-h ×
    // $0.0106 = $0.053; egress 100 GB inside 1 TB. $0.117 of usage is inside the $20
    // credit: $20.
    c1: '$20/mo',
    // Supabase Pro $25: 1,000 MB of data (8 GB included), 10 GB of files (100 included),
    // 500 MAU (100K included), 50 GB egress (250 included): $25.
    c2: '$25/mo',
    // GPT-5 mini: A × 40 messages = 20,000 messages; × 1,200 input tokens = 24M × $0.25/M
    // = $6; × 300 cached tokens = 6M × $0.025/M = $0.15; × 250 output tokens = 5M × $2/M
    // = $10. $16.15.
    c3: '$16.15/mo',
    // Pinecone Standard: 1,000 × 200 vectors = 200K × $2.3562/M = $0.47124; A × 30 queries
    // × 1 RU = 15K RU × $16/M = $0.24; A × 80 WU = 40K × $4/M = $0.16. $0.87 of usage is
    // under the $50 minimum: $50.
    c4: '$50/mo',
    // WhatsApp, US/Canada: 1,000 users × 1 marketing = 1,000 × $0.025 = $25; A × 4 utility
    // = 2,000 × $0.0034 = $6.80; A × 1 authentication = 500 × $0.0034 = $1.70; A × 10
    // service replies = 5,000, the first 1,000 a month free, 4,000 × $0.0034 = $13.60.
    // $47.10.
    c5: '$47.10/mo',
    // 20 + 25 + 16.15 + 50 + 47.10 = 158.25: whole dollars from $100.
    total: '$158',
  },
  10000: {
    // A = 5,000: 5M requests and 500K invocations inside the allowances; CPU 5 h × $0.128
    // = $0.64; memory 50 GB-h × $0.0106 = $0.53; 1,000 GB egress = the 1 TB included.
    // $1.17 inside the credit: $20.
    c1: '$20/mo',
    // 10,000 MB of data: (10,000 − 8,192) ÷ 1,024 × $0.125 = $0.2207; 100 GB of files =
    // the 100 included; 5,000 MAU inside; 500 GB egress − 250 = 250 × $0.09 = $22.50.
    // $25 + $0.2207 + $22.50 = $47.72.
    c2: '$47.72/mo',
    // Ten times 1,000 users: $161.50.
    c3: '$162/mo',
    // 2M vectors × $2.3562/M = $4.71; 150K RU × $16/M = $2.40; 400K WU × $4/M = $1.60:
    // $8.71 of usage, under the minimum: $50.
    c4: '$50/mo',
    // 10,000 × $0.025 = $250; 20,000 × $0.0034 = $68; 5,000 × $0.0034 = $17; 50,000 − 1,000
    // = 49,000 replies × $0.0034 = $166.60. $501.60.
    c5: '$502/mo',
    // 20 + 47.7207 + 161.50 + 50 + 501.60 = 780.82.
    total: '$781',
  },
  100000: {
    // A = 50,000: 50M requests − 10M = 40M × $2/M = $80; 5M invocations − 1M = 4M ×
    // $0.60/M = $2.40; CPU 50 h × $0.128 = $6.40; memory 500 GB-h × $0.0106 = $5.30;
    // egress 10,000 GB − 1,000 = 9,000 × $0.15 = $1,350. Usage $1,444.10 − $20 credit =
    // $1,424.10, + $20: $1,444.10.
    c1: '$1,444/mo',
    // (100,000 − 8,192) ÷ 1,024 × $0.125 = $11.207; files 1,000 − 100 = 900 GB × $0.021 =
    // $18.90; 50,000 MAU inside; egress 5,000 − 250 = 4,750 GB × $0.09 = $427.50.
    // $25 + 11.207 + 18.90 + 427.50 = $482.61.
    c2: '$483/mo',
    // A hundred times 1,000 users: $1,615.
    c3: '$1,615/mo',
    // 20M × $2.3562/M = $47.124; 1.5M RU × $16/M = $24; 4M WU × $4/M = $16: $87.12.
    c4: '$87.12/mo',
    // $2,500 + $680 + $170 + 499,000 × $0.0034 = $1,696.60: $5,046.60.
    c5: '$5,047/mo',
    // 1,444.10 + 482.607 + 1,615 + 87.124 + 5,046.60 = 8,675.43.
    total: '$8,675',
  },
};

async function buildStack(page) {
  await pick(page, 'blank');
  await page.getByTestId('component-app-remove').click();
  await page.getByTestId('component-app').waitFor({ state: 'detached' });

  // A serverless host on a paid plan: Vercel starts on Pro.
  await addComponent(page, 'vercel', 'c1');
  assert.match(await text(page, 'component-c1-running'), /Vercel Pro/);

  // Postgres on a paid plan: Supabase Pro; it talks over the HTTP API, so no connections.
  await addComponent(page, 'supabase', 'c2');
  await page.getByTestId('component-c2-tier').selectOption('supabase/pro');
  assert.match(await page.getByTestId('component-c2-demand-3').inputValue(), /^0\.3$/);
  await page.getByTestId('component-c2-demand-3-remove').click();
  await page.getByTestId('component-c2-demand-4-row').waitFor({ state: 'detached' });

  // An LLM at a chosen model, with messages per active user and tokens per message.
  await addComponent(page, 'openai', 'c3');
  await page.getByTestId('component-c3-tier').selectOption('openai/gpt-5-mini');
  await page.getByTestId('component-c3-demand-0').fill('40');
  await page.getByTestId('component-c3-demand-1').fill('1,200');
  await page.getByTestId('component-c3-demand-2').fill('300');
  await page.getByTestId('component-c3-demand-3').fill('250');
  assert.match(await page.locator('label[for=component-c3-demand-1]').textContent(), /input tokens per message/);

  // A vector store on its paid plan, counted in vectors per user rather than per document.
  await addComponent(page, 'pinecone', 'c4');
  await page.getByTestId('component-c4-tier').selectOption('pinecone/standard');
  await page.getByTestId('component-c4-demand-1-per').selectOption('user');
  await waitText(page, 'component-c4-change', 'Removed documents: nothing counts per it now, and no plan charges for it.');
  await page.getByTestId('component-c4-demand-0').fill('200');
  assert.match(await page.locator('label[for=component-c4-demand-0]').textContent(), /vectors per user/);

  // A messaging API with messages per user: marketing templates counted per user.
  await addComponent(page, 'whatsapp-business-api', 'c5');
  await page.getByTestId('component-c5-demand-0-per').selectOption('user');
  await page.getByTestId('component-c5-demand-0').fill('1');
}

test('a stack built from the blank scenario in the page costs what the arithmetic says, at three user counts', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await buildStack(page);
  for (const [users, want] of Object.entries(EXPECTED)) {
    await setUsers(page, Number(users));
    for (const id of ['c1', 'c2', 'c3', 'c4', 'c5']) await waitText(page, `component-${id}-cost`, want[id]);
    await waitText(page, 'kpi-monthly-cost', want.total);
  }
  // Nothing costs $0 here, and nothing is flagged as costing $0 without a reason.
  for (const id of ['c1', 'c2', 'c3', 'c4', 'c5']) assert.equal(await text(page, `component-${id}-zero`), '');
  // Each driver says what it uses and costs now: GPT-5 mini's input tokens at 100,000 users
  // are 50,000 × 40 × 1,200 = 2.4 billion, × $0.25/M = $600.
  assert.equal(
    await text(page, 'component-c3-demand-1-use'),
    'Now: 2,400,000,000 input tokens a month in all; charged $600/mo.',
  );

  // The same numbers after a reload and in a link opened in a fresh browser.
  await setUsers(page, 10000);
  await settled(page);
  const link = await page.getByTestId('share-link').inputValue();
  await page.reload();
  await page.getByTestId('component-c5').waitFor();
  for (const id of ['c1', 'c2', 'c3', 'c4', 'c5']) await waitText(page, `component-${id}-cost`, EXPECTED[10000][id]);
  await waitText(page, 'kpi-monthly-cost', EXPECTED[10000].total);
  const fresh = await open(app.browser, link);
  await fresh.page.getByTestId('component-c5').waitFor();
  await waitText(fresh.page, 'kpi-monthly-cost', EXPECTED[10000].total);
  assert.deepEqual(fresh.problems, []);
  await fresh.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a component at $0 says why, only what its plans price can be added, and messages bring their tokens', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'blank');
  // Pinecone starts on its free plan: 100 users × 10 documents × 10 vectors = 10,000 of
  // the 280,000 it holds; 280,000 ÷ 100 vectors per user = 2,800 users.
  await addComponent(page, 'pinecone', 'c2');
  await waitText(page, 'component-c2-cost', '$0/mo');
  assert.equal(
    await text(page, 'component-c2-zero'),
    '$0: Pinecone Starter (free, serverless) is free up to 2,800 users; past that it must upgrade.',
  );
  // An LLM whose messages are taken out loses the tokens counted per message with them,
  // and then says that no usage is set.
  await addComponent(page, 'openai', 'c3');
  await page.getByTestId('component-c3-demand-3-row').waitFor();
  await page.getByTestId('component-c3-demand-0-remove').click();
  await page.getByTestId('component-c3-demand-0-row').waitFor({ state: 'detached' });
  assert.match(await text(page, 'component-c3-zero'), /^\$0: no usage is set for what OpenAI API GPT-6 Luna charges for/);
  assert.match(await text(page, 'component-c3-unset'), /input tokens a month/);
  // Only what its plans price can be chosen: the choice lists input tokens, not RAM.
  const choices = await page.getByTestId('component-c3-add-driver').locator('option').allTextContents();
  assert.ok(choices.includes('input tokens a month'), choices.join(', '));
  assert.ok(!choices.includes('RAM (MB)'), choices.join(', '));
  // Messages come back with the meters counted per message.
  await page.getByTestId('component-c3-add-driver').selectOption('messages_per_month');
  await page.getByTestId('component-c3-add-driver-per').selectOption('active_user');
  await page.getByTestId('component-c3-add-driver-button').click();
  await waitText(
    page,
    'component-c3-add-driver-notice',
    'Added with it, counted per it: input tokens a month, cached input tokens a month, output tokens a month. Replace the typical amounts with yours.',
  );
  assert.equal(await text(page, 'component-c3-zero'), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('changing a provider keeps the usage it prices and says what it dropped', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'salesboy-ai');
  // The guide's LLM counts messages, priced per message by its own rates. OpenAI prices
  // tokens: the messages stay, as what the token meters count per, and the rates go.
  await page.getByTestId('component-llm-provider').selectOption('openai');
  await waitText(
    page,
    'component-llm-change',
    'Added input tokens a month, cached input tokens a month, output tokens a month with the provider\'s typical amounts; replace them with yours; replaced its mix of offers with the provider\'s default; dropped 2 price overrides that no longer apply.',
  );
  // Both per-message rates went: OpenAI's plans charge per token, not per message.
  assert.match(await page.locator('label[for=component-llm-demand-1]').textContent(), /input tokens per message/);
  // 1,000 users × 50 messages = 50,000 messages on GPT-6 Luna: × 1,000 input tokens = 50M
  // × $0.10/M = $5; × 500 cached = 25M × $0.01/M = $0.25; × 300 output = 15M × $0.50/M =
  // $7.50. $12.75.
  await setUsers(page, 1000);
  await waitText(page, 'component-llm-cost', '$12.75/mo');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a provider of the founder\'s own is defined, used, and upgraded between its plans', async () => {
  const { context, page, problems } = await open(app.browser, app.url, { viewport: { width: 390, height: 800 } });
  await pick(page, 'blank');
  await page.locator('[data-testid=own-providers] summary').click();
  await page.getByTestId('own-provider-name').fill('Postmark');
  await page.getByTestId('own-provider-role').selectOption('email');
  await page.getByTestId('own-provider-add').click();
  const basic = 'own-own-1-plan-1';
  await page.getByTestId(`${basic}-name`).fill('Basic');
  await page.getByTestId(`${basic}-price`).fill('15');
  await page.getByTestId(`${basic}-charges`).selectOption('emails_per_month');
  await page.getByTestId(`${basic}-rate`).fill('1.80');
  await page.getByTestId(`${basic}-per`).fill('1000');
  await page.getByTestId(`${basic}-included`).fill('10000');
  await page.getByTestId(`${basic}-source`).fill('ftp://example');
  assert.match(await text(page, `${basic}-source-error`), /https:\/\//);
  await page.getByTestId(`${basic}-source`).fill('https://postmarkapp.com/pricing');
  await page.getByTestId(`${basic}-as-of`).fill('1 Dec');
  assert.match(await text(page, `${basic}-as-of-error`), /YYYY-MM-DD/);
  await page.getByTestId(`${basic}-as-of`).fill('2026-12-01');
  // A second plan: $50 with 125,000 emails included.
  await page.getByTestId('own-own-1-add-offer').click();
  const pro = 'own-own-1-plan-2';
  await page.getByTestId(`${pro}-name`).waitFor();
  await page.getByTestId(`${pro}-name`).fill('Pro');
  await page.getByTestId(`${pro}-price`).fill('50');
  await page.getByTestId(`${pro}-included`).fill('125000');
  await page.getByTestId('own-own-1-use').click();
  await page.getByTestId('component-c2').waitFor();
  // Nothing is sent yet: $15 for Basic, and the card says what nothing sets.
  await waitText(page, 'component-c2-cost', '$15/mo');
  assert.match(await text(page, 'component-c2-unset'), /^Its plan also charges for emails a month; nothing here sets it/);
  await page.getByTestId('component-c2-add-driver').selectOption('emails_per_month');
  await page.getByTestId('component-c2-add-driver-per').selectOption('active_user');
  await page.getByTestId('component-c2-add-driver-button').click();
  await page.getByTestId('component-c2-demand-0').fill('200');
  // 1,000 users × 50% × 200 = 100,000 emails. Basic: 90,000 × $1.80/1,000 = $162 + $15 =
  // $177. Pro: inside its 125,000: $50. The cheapest that fits is Pro.
  await setUsers(page, 1000);
  await waitText(page, 'component-c2-cost', '$50/mo');
  assert.match(await text(page, 'component-c2-running'), /Postmark Pro/);
  // 100 users: 10,000 emails, inside Basic's allowance: $15.
  await setUsers(page, 100);
  await waitText(page, 'component-c2-cost', '$15/mo');
  // The plan's own link and date: the host as its link text.
  assert.match(await text(page, 'source-c2'), /^postmarkapp\.com ↗ · checked 2026-12-01/);
  assert.equal(await page.getByTestId('source-c2').locator('a').getAttribute('href'), 'https://postmarkapp.com/pricing');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link made by the build before schema 2 opens with its numbers, and says prices are today\'s', async () => {
  const link = (await readFile(join(ROOT, 'tests/fixtures/v1/blank-with-llm.link'), 'utf8')).trim();
  const { context, page, problems } = await open(app.browser, `${app.url}#${link}`);
  await page.getByTestId('component-c3').waitFor();
  // The earlier build gave $54.22–$54.83 at its 5,000 users (tests/compat.rs holds the
  // same figures natively).
  await waitText(page, 'answers-users', '5,000');
  await waitText(page, 'kpi-monthly-cost', '$54.22–$54.83');
  assert.match(await text(page, 'notices'), /saved by an earlier version of Headroom/);
  // Its OpenAI component has no usage at all, and says so.
  assert.match(await text(page, 'component-c2-zero'), /^\$0: no usage is set/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('mid-drag the answers follow every step and the cards follow once the users settle', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'blank');
  await addComponent(page, 'openai', 'c2');
  await setUsers(page, 2000);
  await settled(page);
  // GPT-6 Luna at 2,000 users: 1,000 active × 30 messages = 30,000; × 1,000 input tokens =
  // 30M × $0.10/M = $3; × 500 cached = 15M × $0.01/M = $0.15; × 300 output = 9M × $0.50/M
  // = $4.50. $7.65: $0.003825 a user.
  await waitText(page, 'component-c2-cost', '$7.65/mo');
  const during = await page.evaluate(async () => {
    const slider = document.querySelector('[data-testid=users-slider]');
    slider.value = String(Number(slider.value) + 80);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const read = (id) => document.querySelector(`[data-testid=${id}]`).textContent.trim();
    return { users: read('answers-users'), card: read('component-c2-cost') };
  });
  assert.notEqual(during.users, '2,000', 'the answers moved with the slider');
  assert.equal(during.card, '$7.65/mo', 'mid-drag the card holds its last settled figure');
  // Once settled, the card reads the new count, at $0.003825 a user.
  await page.waitForFunction(
    () => document.querySelector('[data-testid=component-c2-cost]').textContent.trim() !== '$7.65/mo',
  );
  const users = Number(during.users.replace(/,/g, ''));
  const card = Number((await text(page, 'component-c2-cost')).replace(/[$,]|\/mo/g, ''));
  const want = users * 0.003825;
  assert.ok(Math.abs(card - want) <= (want < 100 ? 0.006 : 0.5), `${card} for ${users} users, want ${want}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a card names usage its running plan does not charge for, and can be renamed', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'blank');
  await addComponent(page, 'whatsapp-business-api', 'c2');
  // US/Canada by category charges per category; messages of no category are priced only
  // by the older per-category plans, so on this plan they cost $0, and the card says so.
  await page.getByTestId('component-c2-add-driver').selectOption('messages_per_month');
  await page.getByTestId('component-c2-add-driver-button').click();
  await waitText(
    page,
    'component-c2-unset',
    'The plan it runs now neither charges for nor holds messages a month: that usage costs $0 on this plan.',
  );
  await page.getByTestId('component-c2-name').fill('Order updates');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=component-c2] h3').textContent === 'Order updates',
  );
  // Plans say how they charge: Pinecone Standard is usage with a $50 floor.
  await addComponent(page, 'pinecone', 'c3');
  const plans = await page.getByTestId('component-c3-tier').locator('option').allTextContents();
  assert.ok(plans.some((p) => /^Standard.* · by usage, \$50 minimum$/.test(p)), plans.join(' | '));
  assert.ok(plans.some((p) => /^Builder · \$20\/mo$/.test(p)), plans.join(' | '));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a file of schema 1 whose usage nothing prices opens, and the answers name that usage', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await page.getByTestId('import-json').setInputFiles(join(ROOT, 'tests/fixtures/v1/salesboy-gpt5-mini.json'));
  await waitText(page, 'answers-users', '2,000');
  // The earlier build gave $595.10–$1,095.10 at 2,000 users (tests/compat.rs).
  await waitText(page, 'kpi-monthly-cost', '$595–$1,095');
  assert.match(
    await text(page, 'warnings'),
    /LLM replies \(Gemini, OpenAI fallback\): no plan of it charges for or holds messages a month, so that use counts as \$0/,
  );
  assert.match(await text(page, 'notices'), /saved by an earlier version of Headroom/);
  // Saved when the guide went by its file name, it reads by the guide's title.
  assert.equal(
    (await page.locator('.scenario .guide').textContent()).trim(),
    'Reproduces the founder\'s guide “Scaling Salesboy AI to 100+ Users”.',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('a plan of one\'s own refuses what it cannot hold, and a provider in use is kept', async () => {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, 'blank');
  await page.locator('[data-testid=own-providers] summary').click();
  await page.getByTestId('own-provider-name').fill('Gateway');
  await page.getByTestId('own-provider-add').click();
  const plan = 'own-own-1-plan-1';
  // Blocking usage past an allowance needs something it charges for, and an allowance.
  await page.getByTestId(`${plan}-blocked`).click();
  await page.waitForFunction((id) => !document.querySelector(`[data-testid=${id}]`).checked, `${plan}-blocked`);
  assert.match(await page.getByTestId('own-providers').textContent(), /Choose what it charges for first/);
  await page.getByTestId(`${plan}-charges`).selectOption('messages_per_month');
  await page.getByTestId(`${plan}-blocked`).click();
  await page.waitForFunction((id) => !document.querySelector(`[data-testid=${id}]`).checked, `${plan}-blocked`);
  assert.match(await page.getByTestId('own-providers').textContent(), /included amount above 0/);
  await page.getByTestId(`${plan}-included`).fill('5000');
  await page.getByTestId(`${plan}-blocked`).check();
  await page.waitForTimeout(100);
  assert.equal(await page.getByTestId(`${plan}-blocked`).isChecked(), true);
  // In use, the provider stays; out of the stack, it can go.
  await page.getByTestId('own-own-1-use').click();
  await page.getByTestId('component-c2').waitFor();
  await page.getByTestId('own-own-1-remove').click();
  assert.match(await page.getByTestId('own-own-1').textContent(), /remove it from the stack first/);
  await page.getByTestId('component-c2-remove').click();
  await page.getByTestId('own-own-1-remove').click();
  await page.getByTestId('own-own-1').waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});
