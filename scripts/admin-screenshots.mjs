// Takes the screenshots of the admin and the partner portal in docs/screenshots/ with Debian's
// headless chromium driven by playwright-core: a demo site in a temp folder, an admin, an
// editor and a partner user made with the CLI, each signed in through the login form.
//   node scripts/admin-screenshots.mjs [BUILD_DIR]   (default build; needs
//   `scripts/install-deps --browser` and `npm ci`)
import { spawn, spawnSync } from 'node:child_process';
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
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  cli(['user', 'add', '--email', 'editor-in-chief@helsinkitimes.example', '--role', 'admin',
       '--password-stdin']);
  cli(['user', 'add', '--email', 'desk@people.example', '--role', 'partner', '--partner',
       'peoples-daily-online', '--password-stdin']);
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
    for (const [url, file] of pages) {
      await page.goto(base + url);
      await page.screenshot({ path: path.join(OUT, file), fullPage: true });
    }
    await context.close();
  };
  // A few deliveries for the partner's delivery log: new stories, a correction, one that
  // could not be read.
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
    ['/admin/audit', 'admin-audit.png']]);
  await shoot('desk@people.example', [['/partner/', 'partner-portal.png'],
                                       ['/partner/deliveries', 'partner-deliveries.png']]);
  console.log('admin-screenshots: wrote docs/screenshots/admin-*.png and partner-*.png');
} finally {
  await browser.close();
  server.kill();
  rmSync(tmp, { recursive: true, force: true });
}
