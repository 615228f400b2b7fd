// Opens Backroute's dashboard in headless Chromium as an operator would: loads the page, types the
// management token into its form, waits for the types to be drawn, and prints as JSON what is on screen.
// Run by DashboardInBrowserTest: PLAYWRIGHT_CORE (module path), DASHBOARD_URL, MANAGEMENT_TOKEN, PROFILE_DIR.
'use strict';
const { chromium } = require(process.env.PLAYWRIGHT_CORE);

(async () => {
  const context = await chromium.launchPersistentContext(process.env.PROFILE_DIR, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    const urls = [];
    const refused = [];
    const scriptErrors = [];
    page.on('request', (r) => urls.push(r.url()));
    page.on('response', (r) => { if (r.status() === 401) refused.push(new URL(r.url()).pathname); });
    page.on('pageerror', (e) => scriptErrors.push(String(e)));

    await page.goto(process.env.DASHBOARD_URL);
    await page.locator('#login').waitFor({ state: 'visible', timeout: 30000 });
    const shownBeforeToken = await page.locator('#types').innerText();
    const refusedBeforeToken = refused.splice(0);

    await page.fill('#token', process.env.MANAGEMENT_TOKEN);
    await page.click('#login button[type=submit]');
    await page.locator('section.type').first().waitFor({ state: 'visible', timeout: 60000 });

    const types = await page.$$eval('section.type', (cards) => cards.map((c) => ({
      name: c.querySelector('h2 .name').textContent,
      badge: c.querySelector('h2 .badge').textContent,
      text: c.innerText,
      bars: c.querySelectorAll('svg.chart rect.bar').length,
      failures: c.querySelectorAll('svg.chart rect.failure').length,
      durationDots: c.querySelectorAll('svg.chart circle.dot').length,
      durationLines: c.querySelectorAll('svg.chart path.line').length,
      barHeights: [...c.querySelectorAll('svg.chart rect.bar')].map((r) => Number(r.getAttribute('height'))),
    })));
    const members = await page.$$eval('section.members', (cards) => cards.map((c) => ({
      badge: c.querySelector('h2 .badge').textContent,
      text: c.innerText,
      states: [...c.querySelectorAll('dd[data-state]')].map((d) => d.dataset.state),
    })));
    await page.click('a[href="/observe/metrics"]');
    await page.locator('#raw-section').waitFor({ state: 'visible', timeout: 30000 });

    console.log(JSON.stringify({
      title: await page.title(),
      shownBeforeToken,
      types,
      members,
      images: await page.locator('img').count(),
      loginVisible: await page.locator('#login').isVisible(),
      metricsShown: await page.locator('#raw').innerText(),
      urls,
      refusedBeforeToken,
      refusedAfterToken: refused,
      scriptErrors,
    }));
  } finally {
    await context.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
