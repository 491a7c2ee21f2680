// Browser proof for issue 8: an article goes from a new partner's CMS, through an editor's
// moderation queue, to a reader's page that carries the zone's label.
//
// The real server (`newszone serve --demo` on a fresh temp data folder, 127.0.0.1, port 0)
// and Debian's headless chromium driven by playwright-core. Three people, each in a browser
// context of their own (cookies are per context):
//   - the admin (made with `newszone user add`, the documented way to make the first admin)
//     adds the editor and, once the partner exists, the partner's user: only admins may add
//     users (/admin/users is admins' only);
//   - the editor adds a partner and a hold-for-review zone for it with its own attribution
//     and disclaimer, later finds the pushed article in the moderation queue, corrects its
//     headline and publishes it;
//   - the partner's user signs in, creates an API token on /partner/ (shown once) and the test
//     pushes an article with it over HTTP, as the partner's CMS would;
// and a reader (a fourth context, never signed in) who cannot see the article while it waits
// and then sees it, corrected and labelled. Every check is on what the page shows.
//
// Run: NEWSZONE_BIN=build/src/cli/newszone node --test tests/e2e/editor_to_reader.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NEWSZONE_BIN = process.env.NEWSZONE_BIN;
const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const WAIT_MS = 15000; // the bound on every wait for a page or an element

const ADMIN = { email: 'admin@host.example', password: 'admin password for the e2e test' };
const EDITOR = { email: 'editor@host.example', password: 'editor password for the e2e test' };
const PARTNER_USER = { email: 'desk@baltic-wire.example',
                       password: 'partner password for the e2e test' };
const PARTNER = { name: 'Baltic Wire Service', slug: 'baltic-wire-service',
                  url: 'https://baltic-wire.example/' };
const ZONE = {
  title: 'Baltic Sea Zone', slug: 'baltic-sea-zone',
  attribution: 'Stories in this zone are supplied under contract by {{partner}}.',
  disclaimer: 'The host has not edited this partner section and does not answer for it.',
};
const ATTRIBUTION = `Stories in this zone are supplied under contract by ${PARTNER.name}.`;
const PUSHED = 'Ferry traffic across the Gulf of Finland reachs a new record';
const EDITED = 'Ferry traffic across the Gulf of Finland reaches a new record';

let tmp;
let server;
let serverLog = '';
let base;
let browser;

// The environment for newszone: plain http, so the session cookie cannot be Secure; no feed
// polling (nothing leaves the machine); the worktree's theme.
const env = {
  ...process.env,
  NEWSZONE_ADMIN_SECURE_COOKIES: 'false',
  NEWSZONE_POLLER: 'false',
  NEWSZONE_ACCESS_LOG: 'false',
  NEWSZONE_THEME_DIR: path.join(ROOT, 'themes/default'),
};

function cli(args, input) {
  const r = spawnSync(NEWSZONE_BIN, ['--data', path.join(tmp, 'data'), ...args],
                      { input, env, timeout: 30000 });
  assert.equal(r.status, 0, `newszone ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.toString();
}

before(async () => {
  assert.ok(NEWSZONE_BIN, 'set NEWSZONE_BIN to the newszone binary (e.g. build/src/cli/newszone)');
  tmp = mkdtempSync(path.join(os.tmpdir(), 'nz-e2e-editor-'));
  server = spawn(NEWSZONE_BIN, ['serve', '--demo', '--data', path.join(tmp, 'data'),
                                '--listen', '127.0.0.1:0'],
                 { env, stdio: ['ignore', 'ignore', 'pipe'] });
  // The server writes "listening on http://127.0.0.1:PORT/" to stderr once it accepts.
  base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start:\n' + serverLog)),
                             WAIT_MS);
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${serverLog}`));
    });
    server.stderr.on('data', (chunk) => {
      serverLog += chunk;
      const m = serverLog.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
  cli(['user', 'add', '--email', ADMIN.email, '--role', 'admin', '--password-stdin'],
      ADMIN.password + '\n');
  browser = await chromium.launch({
    executablePath: CHROMIUM_BIN,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => {
      const timer = setTimeout(() => { server.kill('SIGKILL'); resolve(); }, 10000);
      server.on('exit', () => { clearTimeout(timer); resolve(); });
    });
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// A person's own browser context, signed in through the login form.
async function signIn(who) {
  const context = await browser.newContext();
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  const page = await context.newPage();
  await page.goto(base + '/admin/login');
  await page.fill('#login-email', who.email);
  await page.fill('#login-password', who.password);
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
  assert.ok(!new URL(page.url()).pathname.startsWith('/admin/login'),
            `sign-in of ${who.email} failed: ${await page.textContent('main')}`);
  return page;
}

// Clicks a submit button and waits for the page the form leads to.
async function submit(page, selector) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response;
}

// The text of an element with its white space collapsed, as a reader reads it.
async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

// A reader's page in a context of its own: no cookies, nothing cached.
async function readerContext() {
  const context = await browser.newContext();
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  return context.newPage();
}

function tableRow(page, text) {
  return page.locator('table tbody tr', { hasText: text });
}

test('an editor moderates a new partner\'s pushed article and readers see it labelled',
     { timeout: 120000 }, async () => {
  const admin = await signIn(ADMIN);
  assert.equal(new URL(admin.url()).pathname, '/admin/');

  // The admin adds the editor through the users page.
  await admin.goto(base + '/admin/users');
  await admin.fill('#user-email', EDITOR.email);
  await admin.selectOption('#user-role', 'editor');
  await admin.fill('#user-password', EDITOR.password);
  await submit(admin, 'form[action="/admin/users"] button[type=submit]');
  assert.match(await textOf(tableRow(admin, EDITOR.email)), /editor .*active/i);

  // The editor adds the partner...
  const editor = await signIn(EDITOR);
  await editor.goto(base + '/admin/partners');
  await editor.fill('#p-name', PARTNER.name);
  await editor.fill('#p-url', PARTNER.url);
  await submit(editor, 'form[action="/admin/partners"] button[type=submit]');
  assert.equal(new URL(editor.url()).pathname, '/admin/partners',
               await textOf(editor.locator('main')));
  const partnerRow = await textOf(tableRow(editor, PARTNER.name));
  assert.match(partnerRow, new RegExp(`${PARTNER.slug} .*none yet`));

  // ... and a zone for it that holds the partner's articles for review.
  await editor.goto(base + '/admin/sections');
  await Promise.all([editor.waitForNavigation(), editor.click('a:text-is("New zone")')]);
  await editor.fill('#s-title', ZONE.title);
  await editor.fill('#s-slug', ZONE.slug);
  await editor.selectOption('#s-partner', PARTNER.slug);
  await editor.fill('#s-attribution', ZONE.attribution);
  await editor.fill('#s-disclaimer', ZONE.disclaimer);
  await editor.selectOption('#s-moderation', 'hold-for-review');
  await submit(editor, '#section-form button[value=save]');
  assert.match(await textOf(editor.locator('.form-notice')), /^Saved\./,
               await textOf(editor.locator('main')));
  assert.equal(await editor.inputValue('#s-attribution'), ZONE.attribution);
  assert.equal(await editor.inputValue('#s-moderation'), 'hold-for-review');
  await editor.goto(base + '/admin/sections');
  assert.match(await textOf(tableRow(editor, ZONE.title)),
               new RegExp(`/${ZONE.slug}/ .*${PARTNER.name} .*hold-for-review`));

  // The admin adds the partner's user, bound to the new partner (admins only add users).
  await admin.goto(base + '/admin/users');
  await admin.fill('#user-email', PARTNER_USER.email);
  await admin.selectOption('#user-role', 'partner');
  await admin.selectOption('#user-partner', PARTNER.slug);
  await admin.fill('#user-password', PARTNER_USER.password);
  await submit(admin, 'form[action="/admin/users"] button[type=submit]');
  assert.match(await textOf(tableRow(admin, PARTNER_USER.email)),
               new RegExp(`partner ${PARTNER.name} .*active`, 'i'));

  // The partner's user signs in, sees the new zone and makes a token for its CMS.
  const partner = await signIn(PARTNER_USER);
  assert.equal(new URL(partner.url()).pathname, '/partner/');
  assert.equal(await textOf(partner.locator('h1')), PARTNER.name);
  assert.equal(await textOf(partner.locator('.partner-zone h2')), ZONE.title);
  await partner.fill('#token-name', 'Newsroom CMS');
  await submit(partner, 'form[action="/partner/tokens"] button[type=submit]');
  assert.match(await textOf(partner.locator('main')), /it will not be shown again/);
  const token = await textOf(partner.locator('code.api-token'));
  assert.match(token, /^nzp_[A-Za-z0-9_-]{43}$/);
  // Shown once: the portal lists the token by name, never in full.
  await partner.goto(base + '/partner/');
  assert.match(await textOf(tableRow(partner, 'Newsroom CMS')), / never valid /);
  assert.ok(!(await partner.content()).includes(token), 'the token is shown again');

  // The partner's CMS pushes an article with the token.
  const pushed = await fetch(`${base}/api/v1/zones/${ZONE.slug}/articles`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
    body: JSON.stringify({
      uri: 'urn:baltic-wire:ferries-1', headline: PUSHED, language: 'en',
      description_text: 'Passenger numbers between Helsinki and Tallinn rose again.',
      body_html: '<p>More passengers than ever crossed the gulf by ferry last month, the ' +
                 'operators said.</p>',
      versioncreated: new Date().toISOString(),
    }),
    signal: AbortSignal.timeout(WAIT_MS),
  });
  const result = await pushed.json();
  assert.equal(pushed.status, 201, JSON.stringify(result));
  const [item] = result.items;
  assert.equal(item.status, 'created');
  assert.equal(item.article_status, 'pending');
  const articlePath = new URL(item.url).pathname;
  assert.match(articlePath, new RegExp(`^/${ZONE.slug}/\\d+-`));

  // While it waits, readers get no page for it and the zone does not list it.
  const early = await readerContext();
  const waiting = await early.goto(base + articlePath);
  assert.equal(waiting.status(), 404);
  const zoneBefore = await early.goto(`${base}/${ZONE.slug}/`);
  assert.equal(zoneBefore.status(), 200);
  assert.ok(!(await textOf(early.locator('main'))).includes('Ferry traffic'),
            'the zone page lists a pending article');
  await early.context().close();
  // The partner's portal shows it pending.
  await partner.goto(base + '/partner/articles');
  assert.match(await textOf(tableRow(partner, PUSHED)), /pending/);

  // The editor finds it in the queue, corrects the headline and publishes it.
  await editor.goto(base + '/admin/queue');
  assert.match(await textOf(editor.locator('nav.site-nav')), /Queue \(1\)/);
  const queued = tableRow(editor, PUSHED);
  assert.match(await textOf(queued), new RegExp(`${ZONE.title} ${PARTNER.name}`));
  await Promise.all([editor.waitForNavigation(),
                     queued.locator('a', { hasText: 'Review & edit' }).click()]);
  assert.equal(await textOf(editor.locator('h1')), PUSHED);
  assert.equal(await textOf(editor.locator('.article-state .status')), 'pending');
  await editor.fill('#edit-headline', EDITED);
  await submit(editor, 'form[action$="/edit"] button[name=publish]');
  assert.equal(await textOf(editor.locator('h1')), EDITED);
  assert.equal(await textOf(editor.locator('.article-state .status')), 'published');
  assert.match(await textOf(editor.locator('#versions tbody tr').first()),
               new RegExp(`edited by ${EDITOR.email} ${EDITED}`));
  await editor.goto(base + '/admin/queue');
  assert.match(await textOf(editor.locator('.admin-panel')), /Nothing is waiting for review/);

  // A reader finds it on the zone's page, with the editor's headline ... (a reader who has
  // not just loaded the zone's page: browsers may keep a section page for its max-age, 60 s)
  const readerPage = await readerContext();
  const zone = await readerPage.goto(`${base}/${ZONE.slug}/`);
  assert.equal(zone.status(), 200);
  const link = readerPage.locator('main a', { hasText: EDITED });
  assert.equal(await link.count(), 1, await textOf(readerPage.locator('main')));
  assert.ok(!(await textOf(readerPage.locator('main'))).includes(PUSHED));
  await Promise.all([readerPage.waitForNavigation(), link.click()]);
  assert.equal(new URL(readerPage.url()).pathname, articlePath);
  // ... and on the article's page, labelled as the partner's: the zone's name, the attribution
  // with the partner's name linked to its site, and the editor's disclaimer.
  assert.equal(await textOf(readerPage.locator('h1.headline')), EDITED);
  // (the kicker is set in capitals by the style sheet: its text is the zone's title)
  assert.ok(await readerPage.locator('.zone-name').isVisible());
  assert.equal((await readerPage.locator('.zone-name').textContent()).trim(), ZONE.title);
  assert.equal(await textOf(readerPage.locator('.zone-label .attribution')), ATTRIBUTION);
  assert.equal(await readerPage.locator('.zone-label .attribution a').getAttribute('href'),
               PARTNER.url);
  assert.equal(await textOf(readerPage.locator('.zone-label .disclaimer')), ZONE.disclaimer);
  assert.match(await textOf(readerPage.locator('.story-body')), /More passengers than ever/);
  await readerPage.context().close();

  // The partner's portal now shows it published, under the editor's headline.
  await partner.goto(base + '/partner/');
  const zoneRow = tableRow(partner, EDITED);
  assert.match(await textOf(zoneRow), /published/);
  await partner.goto(base + '/partner/articles');
  assert.match(await textOf(tableRow(partner, EDITED)), /published/);
});
