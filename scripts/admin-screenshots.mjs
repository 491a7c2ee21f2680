// Takes the screenshots of the admin and the partner portal in docs/screenshots/ with Debian's
// headless chromium driven by playwright-core: a demo site in a temp folder, an admin, an
// editor and a partner user made with the CLI, each signed in through the login form.
//   node scripts/admin-screenshots.mjs [BUILD_DIR]   (default build; needs
//   `scripts/install-deps --browser` and `npm ci`)
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, process.argv[2] || 'build', 'src/cli/newszone');
const OUT = path.join(ROOT, 'docs/screenshots');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'nz-admin-shots-'));
const data = path.join(tmp, 'data');
const env = { ...process.env, NEWSZONE_ADMIN_SECURE_COOKIES: 'false', NEWSZONE_POLLER: 'false' };
const PASSWORD = 'correct horse battery staple';

function cli(args) {
  const r = spawnSync(BIN, [...args, '--data', data], { input: PASSWORD + '\n', env });
  if (r.status !== 0) throw new Error(`newszone ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.toString().trim();
}

// Pushes a ninjs document with a partner's token, for the delivery log.
async function push(token, body) {
  await fetch(base + '/api/v1/zones/china-news-zone/articles', {
    method: 'POST', body,
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
  });
}

const server = spawn(BIN, ['serve', '--demo', '--data', data, '--listen', '127.0.0.1:0'],
                     { env, stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
const base = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('the server did not start:\n' + log)), 20000);
  server.stderr.on('data', (chunk) => {
    log += chunk;
    const m = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
});
let feedServer = null;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  cli(['user', 'add', '--email', 'editor-in-chief@helsinkitimes.example', '--role', 'admin',
       '--password-stdin']);
  cli(['user', 'add', '--email', 'desk@people.example', '--role', 'partner', '--partner',
       'peoples-daily-online', '--password-stdin']);
  cli(['source', 'add', '--zone', 'china-news-zone', '--url',
       'https://en.people.cn/rss/China.xml', '--every', '15m']);
  cli(['source', 'add', '--zone', 'china-news-zone', '--url',
       'https://en.people.cn/rss/Business.xml', '--every', '1h']);
  // A partner feed on 127.0.0.1 for the source page's "Test fetch".
  const items = ['Shanghai port handles record container volume',
                 'New high-speed line links Chengdu and Chongqing',
                 'Panda cubs make their public debut in Chengdu'];
  const feedXml = '<?xml version="1.0"?><rss version="2.0"><channel><title>PDO Business</title>' +
    items.map((t, i) => `<item><guid>pdo-${i}</guid><title>${t}</title>` +
              `<link>https://en.people.cn/n3/${i}.html</link><description>Text.</description>` +
              '</item>').join('') + '</channel></rss>';
  feedServer = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
    res.end(feedXml);
  });
  await new Promise((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  cli(['source', 'add', '--zone', 'china-news-zone', '--url',
       `http://127.0.0.1:${feedServer.address().port}/business.xml`, '--every', '30m']);
  const testFetch = async (page) => {
    await Promise.all([page.waitForNavigation(), page.click('button:text-is("Test fetch")')]);
  };
  // The zone's edit page with a disclaimer being typed: the live preview under the form.
  const editZone = async (page) => {
    await page.click('a:text-is("China News Zone")');
    await page.waitForSelector('#section-form');
    const disclaimer = page.locator('textarea[name=disclaimer]');
    await disclaimer.fill('{{SITE}} does not exercise editorial control over this section; ' +
                          '{{partner}} answers for its topics and content.');
    await page.waitForFunction(() => document.querySelector('#zone-preview .disclaimer')
      ?.textContent.includes('answers for its topics'));
    await page.evaluate(() => window.scrollTo(0, 0));
  };
  // The partner's CMS token; a few deliveries for its delivery log while the zone still
  // publishes at once: new stories, a correction, one that could not be read.
  const token = cli(['token', 'create', '--partner', 'peoples-daily-online', '--name',
                     'Newsroom CMS']);
  const story = (uri, headline) => JSON.stringify({
    uri, headline, body_html: '<p>' + headline + '.</p>', versioncreated: '2026-11-27T08:00:00Z',
  });
  await push(token, story('urn:pd:shot-1', 'High-speed rail line opens to Lhasa'));
  await push(token, '[' + story('urn:pd:shot-2', 'Harbour city expands its ferry routes') + ',' +
                    story('urn:pd:shot-3', 'Tea growers report an early harvest') + ']');
  await push(token, story('urn:pd:shot-1', 'High-speed rail line opens to Lhasa on time'));
  await push(token, '{"uri": "urn:pd:broken", "headline": ');
  // Moderation (issue 8): then the zone holds its partner's articles for review; the CMS
  // pushes three more, which wait in the queue.
  cli(['zone', 'set', 'china-news-zone', '--moderation', 'hold-for-review']);
  const STORIES = [
    ['Shanghai port handles record container volume in Novmber',
     'Throughput rose for the fifth month in a row.',
     '<p>The port of Shanghai handled a record volume of containers last month, its operator ' +
     'said on Monday, as exports to Europe picked up before the holidays.</p><p>Officials ' +
     'expect the trend to continue into the new year.</p>'],
    ['Rumour of new tariff rules', 'Unconfirmed reports circulated online.',
     '<p>Reports circulating online spoke of new tariff rules.</p>'],
    ['Finnish and Chinese universities sign research agreement',
     'The agreement covers climate and marine research.',
     '<p>Universities in Helsinki and Qingdao signed a five-year research agreement.</p>'],
  ];
  const ids = [];
  for (const [i, [headline, summary, body]] of STORIES.entries()) {
    const r = await fetch(base + '/api/v1/zones/china-news-zone/articles', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
      body: JSON.stringify({ uri: `urn:screenshots:${i}`, headline, description_text: summary,
                             body_html: body, versioncreated: new Date().toISOString() }),
    });
    if (r.status !== 201) throw new Error(`push: ${r.status} ${await r.text()}`);
    ids.push((await r.json()).items[0].id);
  }
  const submit = async (page, selector) => {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  };
  const reject = async (page) => {
    await page.fill('#reason-reject', 'The report could not be confirmed with a second source.');
    await submit(page, 'form[action$="/reject"] button');
  };
  const correct = async (page) => {
    await page.fill('#edit-headline', 'Shanghai port handles record container volume in November');
    await page.fill('#edit-standfirst',
                    'Throughput rose for the fifth month in a row, the operator said.');
    await submit(page, 'form[action$="/edit"] button:not([name])');
  };
  // A partner makes a second token on the portal: the page that shows it once.
  const newToken = async (page) => {
    await page.fill('#token-name', 'Staging CMS');
    await submit(page, 'form[action="/partner/tokens"] button[type=submit]');
  };
  const shoot = async (email, pages) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(base + '/admin/login');
    if (email === null) {
      await page.screenshot({ path: path.join(OUT, 'admin-login.png'), fullPage: true });
      await context.close();
      return;
    }
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    if (page.url().includes('/admin/login')) {
      throw new Error('sign-in failed: ' + (await page.textContent('main')));
    }
    for (const [url, file, before] of pages) {
      await page.goto(base + url);
      if (before) await before(page);
      if (file) await page.screenshot({ path: path.join(OUT, file), fullPage: true });
    }
    await context.close();
  };
  // Issue 8: the admin's own API token, used once, for /admin/tokens.
  const adminToken = cli(['token', 'create', '--user', 'editor-in-chief@helsinkitimes.example',
                          '--name', 'Moderation script']);
  await fetch(base + '/api/v1/queue', { headers: { Authorization: 'Bearer ' + adminToken } });
  // A reset link for the partner user, opened signed out.
  const resetLink = cli(['user', 'reset-link', '--email', 'desk@people.example']);
  await shoot(null, []);
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(base + new URL(resetLink).pathname + new URL(resetLink).search);
    await page.screenshot({ path: path.join(OUT, 'admin-reset.png'), fullPage: true });
    await context.close();
  }
  await shoot('editor-in-chief@helsinkitimes.example', [
    ['/admin/', 'admin-dashboard.png'], ['/admin/users', 'admin-users.png'],
    ['/admin/sections', 'admin-sections.png'],
    ['/admin/sections', 'admin-zone-edit.png', editZone],
    ['/admin/partners', 'admin-partners.png'], ['/admin/sources', 'admin-sources.png'],
    ['/admin/sources/3', 'admin-source.png', testFetch],
    [`/admin/articles/${ids[1]}`, null, reject],
    [`/admin/articles/${ids[0]}`, 'admin-article.png', correct],
    ['/admin/queue', 'admin-queue.png'],
    ['/admin/tokens', 'admin-tokens.png'],
    // Last, so that it shows the editor's changes above the CLI's.
    ['/admin/audit', 'admin-audit.png']]);
  await shoot('desk@people.example', [['/partner/', 'partner-portal.png'],
                                      ['/partner/articles', 'partner-articles.png'],
                                      ['/partner/deliveries', 'partner-deliveries.png'],
                                      ['/partner/', 'partner-token.png', newToken]]);
  console.log('admin-screenshots: wrote docs/screenshots/admin-*.png and partner-*.png');
} finally {
  await browser.close();
  if (feedServer) feedServer.close();
  server.kill();
  rmSync(tmp, { recursive: true, force: true });
}
