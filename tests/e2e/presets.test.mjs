// Every guide preset, loaded in the release build as a founder would, and every claim of
// shared/seed-claims.md read off the page. Claim numbers are in the test names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, screenshot, setUsers, pick, text, useApp } from './harness.mjs';

const app = useApp();

/** Opens the app on a preset and returns the page; fails on any console problem at the end. */
async function withPreset(id, body) {
  const { context, page, problems } = await open(app.browser, app.url);
  await pick(page, id);
  await body(page);
  assert.deepEqual(problems, []);
  await context.close();
}

async function compare(page, variant) {
  await page.getByTestId('variant-picker').selectOption(`variant:${variant}`);
  await page.getByTestId('compare-result').waitFor();
}

test('000 AI CEO on Replit: claims 0.1–0.5', async () => {
  await withPreset('ai-ceo-replit', async (page) => {
    await setUsers(page, 3000);
    // 0.3: 3,000 concurrent users at 250 an instance.
    assert.match(await text(page, 'capacity-app'), /12 × Replit Autoscale deployment Medium/);
    // 0.2: 20 instances × 250.
    assert.match(await text(page, 'kpi-bottleneck-detail'), /The stack holds 5,000 users; Flask app \(Replit Autoscale\) runs out first/);
    // 0.4: beyond the ceiling.
    await setUsers(page, 6000);
    assert.match(await text(page, 'warnings'), /needs 24 at once, more than the 20 it may run/);
    // 0.5: the floor of two instances.
    await setUsers(page, 0);
    assert.match(await text(page, 'capacity-app'), /2 × Replit Autoscale deployment Medium/);
    // 0.1: the development set-up tops out at SQLite's 200.
    await setUsers(page, 150);
    await compare(page, 'development');
    assert.match(await text(page, 'compare-notes'), /The stack holds 200 users; Database \(SQLite\) runs out first/);
    await screenshot(page, 'preset-ai-ceo-replit');
  });
});

test('001 ChatBot on DigitalOcean: claims 1.1–1.7', async () => {
  await withPreset('chatbot-digitalocean', async (page) => {
    for (const [users, perUser, cost] of [
      [100, '$0.24', '$24'],
      [1000, '$0.024', '$24'],
      [3000, '$0.016', '$48'],
      [5000, '$0.0096', '$48'],
    ]) {
      await setUsers(page, users);
      assert.equal(await text(page, 'kpi-cost-per-user'), perUser, `cost per user at ${users}`);
      assert.equal(await text(page, 'kpi-monthly-cost'), cost, `cost at ${users}`);
    }
    // 1.5 and 1.7 on the timeline from 100 users.
    await setUsers(page, 100);
    const events = await text(page, 'phase-events');
    assert.match(events, /2 phases/);
    assert.match(events, /Month 4 · App server[^:]*: 1 × Basic 4 GB \/ 2 vCPU → 1 × Basic 8 GB \/ 4 vCPU; concurrent users 667, over 85% of 500/);
    assert.match(events, /Month 4 · App server[^:]*: concurrent users 667, over 80% of 500/);
    assert.match(events, /Month 4 · App server[^:]*: concurrent users 667, over 90% of 500/);
    // 1.6 at 5,000 users.
    await setUsers(page, 5000);
    await compare(page, 'laravel-python');
    assert.equal(await text(page, 'compare-years'), '$576 vs $1,152');
    assert.match(await text(page, 'compare-difference'), /\$48 more \/ month, \$576 more a year/);
    await screenshot(page, 'preset-chatbot-digitalocean');
  });
});

test('002 TitleTesterPro: claims 2.1–2.8', async () => {
  await withPreset('titletesterpro', async (page) => {
    assert.equal(await text(page, 'answers-users'), '10,000');
    assert.equal(await text(page, 'kpi-monthly-cost'), '$1,250–$4,050'); // 2.2
    assert.equal(await text(page, 'kpi-revenue'), '$50,000'); // 2.6
    assert.equal(await text(page, 'kpi-profit'), '$45,950–$48,750');
    assert.equal(await text(page, 'kpi-margin'), '91.9%–97.5%');
    const prices = await text(page, 'break-even-prices');
    assert.match(prices, /\$10125–405/); // 2.4
    assert.match(prices, /\$29–\$9913–140/); // 2.5
    assert.equal(await text(page, 'kpi-payback-months'), '0.6–1.4 months'); // 2.8
    assert.match(await text(page, 'kpi-payback-months-detail'), /^\$30,000–\$65,000 one-time/); // 2.3
    assert.match(await text(page, 'downtime'), /99\.9% uptime allows 8\.76 hours of downtime a year/); // 2.7
    assert.match(await text(page, 'kpi-bottleneck'), /^YouTube Data API quota/); // 2.1
    await compare(page, 'today');
    assert.match(await text(page, 'compare-notes'), /The stack holds 500–1,000 users \(50–100 running tests\); YouTube Data API quota runs out first/);
    await screenshot(page, 'preset-titletesterpro');
  });
});

test('003 video chat to 5,000: claims 3.1–3.7', async () => {
  await withPreset('video-chat-5k', async (page) => {
    assert.equal(await text(page, 'kpi-monthly-cost'), '$644–$694'); // 3.1
    assert.equal(await text(page, 'kpi-revenue'), '$2,500–$7,500'); // 3.2, 3.3
    assert.equal(await text(page, 'kpi-roi'), '260%–1,060%'); // 3.4
    assert.match(await text(page, 'kpi-roi-detail'), /revenue ÷ cost is 360%–1,160%/);
    const audit = await text(page, 'audit-notes');
    assert.match(audit, /350–1000%/);
    assert.match(audit, /\$650–850/); // 3.7
    assert.match(audit, /\$644–694/);
    assert.match(await text(page, 'phase-events'), /Database \(Supabase Team\): connections 495, over 80% of 500/); // 3.5
    assert.match(await text(page, 'component-signalling-running'), /each holds 200–300 video pairs/); // 3.6
    await compare(page, 'today');
    assert.match(await text(page, 'compare-notes'), /video pairs/);
    await screenshot(page, 'preset-video-chat-5k');
  });
});

test('004 Salesboy AI: claims 4.1–4.10', async () => {
  await withPreset('salesboy-ai', async (page) => {
    const events = await text(page, 'phase-events');
    assert.match(events, /Month 1 · WhatsApp gateway: 1 × [^→]+→ 2 × /); // 4.9
    assert.match(events, /Month 3 · WhatsApp gateway: 2 × [^→]+→ 4 × /);
    assert.match(events, /Month 6 · WhatsApp gateway: 4 × [^→]+→ 1 × Guide estimate/);
    assert.match(events, /Month 6 · Database \(Supabase\): 1 × Free → 1 × Pro; database \(MB\) 450, over 80% of 500/); // 4.10
    assert.match(events, /Vector store \(Pinecone\): 1 × Legacy free starter pod → 1 × Legacy s1\/p1 pod \(x1\); vectors [\d,]+, over 80% of 100,000/); // 4.3
    await setUsers(page, 100);
    assert.match(await text(page, 'capacity-gateway'), /10,000 RAM \(MB\)/); // 4.1
    assert.match(await text(page, 'capacity-llm'), /\$10–\$20/); // 4.5 mixed
    await compare(page, 'current');
    assert.match(await text(page, 'compare-theirs'), /^\$20–\$30/); // 4.6
    assert.match(await text(page, 'compare-notes'), /The stack holds 5–10 users \(5–10 WhatsApp sessions\); WhatsApp gateway \(one VPS\) runs out first/); // 4.2
    await compare(page, 'multi-vps');
    assert.match(await text(page, 'compare-theirs'), /^\$155 /); // 4.7
    await compare(page, 'business-api');
    assert.match(await text(page, 'compare-theirs'), /^\$140–\$165/); // 4.8
    assert.match(await text(page, 'compare-lines'), /WhatsApp Business API\$25–\$50/); // 4.4
    await compare(page, 'all-gemini');
    assert.match(await text(page, 'compare-lines'), /LLM replies \(Gemini only\)\$5/); // 4.5
    await compare(page, 'all-openai');
    assert.match(await text(page, 'compare-lines'), /LLM replies \(OpenAI only\)\$50/);
    await screenshot(page, 'preset-salesboy-ai');
  });
});

test('every preset opens with the users slider and the cost chart on the first screen', async () => {
  for (const id of ['starter-saas', 'blank', 'ai-ceo-replit', 'chatbot-digitalocean', 'titletesterpro', 'video-chat-5k', 'salesboy-ai']) {
    const { context, page, problems } = await open(app.browser, `${app.url}#p=${id}`);
    await page.getByTestId('users-slider').waitFor();
    for (const testid of ['users-slider', 'chart-cost']) {
      const box = await page.getByTestId(testid).boundingBox();
      assert.ok(box && box.y >= 0 && box.y + 16 <= 900, `${id}: ${testid} at ${box?.y}, outside the first 900 px`);
    }
    // A guide's audit notes are there, closed, with their count; a click opens them.
    const notes = page.getByTestId('audit-notes');
    if (await notes.count()) {
      assert.match(await notes.locator('summary').textContent(), /^Where Headroom's figures differ from the guide's \((1 note|([2-9]|[1-9]\d+) notes)\)$/);
      assert.equal(await notes.evaluate((d) => d.open), false);
      await notes.locator('summary').click();
      assert.equal(await notes.evaluate((d) => d.open), true);
      assert.ok(await notes.locator('li').first().isVisible(), `${id}: the first note shows once opened`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});
