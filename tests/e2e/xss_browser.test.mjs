// Browser proof for issue 4: no sanitized attack vector runs script or navigates.
//
// Every vector in tests/testdata/xss/vectors-*.txt is decoded (README there), run through
// `$NEWSZONE_BIN sanitize` (and, with NZ_E2E_BASE_URL=1, also with --base-url), and loaded in headless Debian
// chromium (playwright-core) inside a page whose only script makes xss(), alert(), confirm(),
// prompt() and print() record a call. Every element then gets focus, mouseover, click and a
// synthetic event of every on* type the browser knows. All network requests except the test
// page itself are aborted, so nothing leaves the machine. Any recorded call, dialog, uncaught
// "xss" error, main-frame navigation or popup fails the test: 0 is the only acceptable count.
//
// Run: NEWSZONE_BIN=build-main/src/cli/newszone node --test tests/e2e/

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const XSS_DIR = path.join(ROOT, 'tests/testdata/xss');
const NEWSZONE_BIN = process.env.NEWSZONE_BIN;
const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const BASE_URL = 'https://partner.example/news/story.html';
// The test page's URL. It is never fetched: the route handler fulfils it in-process.
const PAGE_URL = 'http://127.0.0.1:9/newszone-xss-test.html';
const WORKERS = Number(process.env.NZ_E2E_WORKERS || 3);
const SETTLE_MS = 75;
// NZ_E2E_BASE_URL=1 also runs every vector through `sanitize --base-url` (doubles the run time).
const WITH_BASE_URL = process.env.NZ_E2E_BASE_URL === '1';
const MARKERS = ['xss', 'alert', 'confirm', 'prompt', 'print'];

// ---------------------------------------------------------------------------------------------
// Corpus

// Same escapes as unescape() in src/sanitize/xss_corpus_test.cpp: \n \t \r \0 \\ \xHH; any
// other backslash sequence is kept as written.
function unescapeVector(line) {
  const out = [];
  for (let i = 0; i < line.length; ++i) {
    const b = line[i];
    if (b !== 0x5c || i + 1 === line.length) {
      out.push(b);
      continue;
    }
    const c = String.fromCharCode(line[++i]);
    if (c === 'n') out.push(0x0a);
    else if (c === 't') out.push(0x09);
    else if (c === 'r') out.push(0x0d);
    else if (c === '0') out.push(0x00);
    else if (c === '\\') out.push(0x5c);
    else if (c === 'x' && i + 2 < line.length &&
             /^[0-9a-fA-F]{2}$/.test(String.fromCharCode(line[i + 1], line[i + 2]))) {
      out.push(parseInt(String.fromCharCode(line[i + 1], line[i + 2]), 16));
      i += 2;
    } else {
      out.push(0x5c, line[i]);
    }
  }
  return Buffer.from(out);
}

function loadVectors() {
  const files = readdirSync(XSS_DIR).filter((f) => /^vectors-.*\.txt$/.test(f)).sort();
  const vectors = [];
  for (const file of files) {
    const data = readFileSync(path.join(XSS_DIR, file));
    let start = 0;
    let n = 0;
    while (start < data.length) {
      let end = data.indexOf(0x0a, start);
      if (end < 0) end = data.length;
      const line = data.subarray(start, end);
      start = end + 1;
      ++n;
      if (line.length === 0 || line[0] === 0x23 /* # */) continue;
      vectors.push({ where: `${file}:${n}`, source: line.toString('latin1'), html: unescapeVector(line) });
    }
  }
  return vectors;
}

function sanitize(html, baseUrl) {
  const args = ['sanitize', ...(baseUrl ? ['--base-url', baseUrl] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(NEWSZONE_BIN, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`newszone sanitize exited ${code}: ${Buffer.concat(err).toString()}`));
      } else {
        resolve(Buffer.concat(out));
      }
    });
    child.stdin.end(html);
  });
}

// ---------------------------------------------------------------------------------------------
// Harness

// Makes the marker functions record a call. It is the test page's only script, and it is also
// installed as an init script so that it runs in every frame (iframe srcdoc, about:blank,
// popups) before any content does.
const HOOK = `(() => {
  if (window.__nzHooked) return;
  window.__nzHooked = true;
  for (const name of ${JSON.stringify(MARKERS)}) {
    window[name] = function (...args) {
      try { window.__nzRecord(name, String(location.href), args.map(String).join(',').slice(0, 200)); } catch (e) {}
    };
  }
})();`;

function testPage(body) {
  return Buffer.concat([
    Buffer.from('<!doctype html><html><head><meta charset="utf-8"><title>newszone xss harness</title>' +
                `<script>${HOOK}</script></head><body>\n`),
    body,
    Buffer.from('\n</body></html>\n'),
  ]);
}

// Runs in every frame after load: gives every element focus, mouseover, click and a synthetic
// event of every on* type, so that any surviving handler gets its chance to run. Clicks on
// http(s)/mailto links are prevented (following a kept link is the reader's choice, not script
// running), and so are clicks on links whose href is not a valid URL at all (chromium would go
// to about:blank#blocked; such hrefs are returned as notes); clicks on any other link
// (javascript:, data:, ...) go through.
const PROBE = `(() => {
  const notes = new Set();
  addEventListener('click', (e) => {
    const a = e.target && e.target.closest && e.target.closest('a[href], area[href]');
    if (!a) return;
    if (/^(https?|mailto):$/.test(a.protocol)) e.preventDefault();
    else if (a.protocol === ':') { e.preventDefault(); notes.add('unparseable link href ' + a.getAttribute('href')); }
  }, true);
  const types = new Set();
  for (const proto of [Window.prototype, Document.prototype, HTMLElement.prototype, Element.prototype,
                       SVGElement.prototype, EventTarget.prototype]) {
    for (const k of Object.getOwnPropertyNames(proto)) if (k.startsWith('on')) types.add(k.slice(2));
  }
  types.delete('beforeunload');
  types.delete('unload');
  const targets = [...document.querySelectorAll('*')];
  for (const el of targets) {
    try { el.focus && el.focus(); } catch (e) {}
    try { el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, cancelable: true })); } catch (e) {}
    try { el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true })); } catch (e) {}
  }
  for (const el of [...targets, document, window]) {
    for (const t of types) {
      try { el.dispatchEvent(new Event(t, { bubbles: false, cancelable: true })); } catch (e) {}
    }
  }
  return [...notes];
})()`;

let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM_BIN,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           // belt and braces: even a request that escaped routing could not resolve a name
           '--host-resolver-rules=MAP * ~NOTFOUND'],
  });
});

after(async () => {
  if (browser) await browser.close();
});

// One reusable tab (context + page) per parallel worker: creating a page costs a renderer
// process, so each worker navigates its own page from one test document to the next. Each load
// gets a fresh URL, served exactly once; every other request is aborted.
let loadCounter = 0;

class Tab {
  async open() {
    this.result = null;
    this.expectedUrl = null;
    this.body = null;
    this.context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: false });
    const record = (kind, text) => {
      if (this.result) this.result[kind].push(text);
      else this.stray.push(`${kind}: ${text}`);
    };
    this.stray = [];
    await this.context.route('**', (route) => {
      const req = route.request();
      if (this.body && req.url() === this.expectedUrl && req.isNavigationRequest() &&
          req.frame() === this.page.mainFrame()) {
        const body = this.body;
        this.body = null; // served once
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: testPage(body) });
      }
      if (this.result) this.result.blocked++;
      return route.abort('blockedbyclient');
    });
    await this.context.routeWebSocket(/.*/, (ws) => { if (this.result) this.result.blocked++; ws.close(); });
    await this.context.exposeBinding('__nzRecord', (_source, name, where, args) => {
      record('calls', `${name}(${args}) in ${where}`);
    });
    await this.context.addInitScript(HOOK);
    this.page = await this.context.newPage();
    this.context.on('page', (p) => {
      if (p !== this.page) { record('navigations', `popup ${p.url()}`); p.close().catch(() => {}); }
    });
    this.page.on('framenavigated', (frame) => {
      if (frame !== this.page.mainFrame()) return;
      if (frame.url() === this.expectedUrl && !this.committed) this.committed = true;
      else record('navigations', `main frame -> ${frame.url()}`);
    });
    this.page.on('dialog', (d) => { record('calls', `dialog ${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
    this.page.on('pageerror', (e) => {
      if (/\bxss\b/.test(String(e && e.message))) record('calls', `pageerror: ${e.message}`);
    });
    this.page.on('download', (d) => record('navigations', `download ${d.url()}`));
    return this;
  }

  // Loads `body` (bytes) and reports what happened. With `awaitEvent` (positive controls only),
  // keeps listening up to 5 s for the expected call or navigation: a popup's 'page' event can
  // arrive well after load on a busy machine.
  async probe(body, { awaitEvent = false } = {}) {
    const result = { calls: [], navigations: [], errors: [], notes: [], blocked: 0 };
    this.result = result;
    this.committed = false;
    this.expectedUrl = `http://127.0.0.1:9/t${++loadCounter}.html`;
    this.body = body;
    try {
      await this.page.goto(this.expectedUrl, { waitUntil: 'load', timeout: 15000 });
      for (const frame of this.page.frames()) {
        try {
          const notes = await frame.evaluate(PROBE);
          if (frame === this.page.mainFrame()) result.notes.push(...notes);
        } catch (e) { /* detached, or a blocked frame's error page */ }
      }
      await this.page.waitForTimeout(SETTLE_MS);
      for (let waited = 0; awaitEvent && waited < 5000 &&
           !result.calls.length && !result.navigations.length; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } catch (e) {
      if (!result.navigations.length) result.errors.push(String(e.message || e).split('\n')[0]);
    }
    this.result = null;
    return result;
  }

  async close() {
    await this.context.close().catch(() => {});
  }
}

async function withTabs(n, fn) {
  const tabs = await Promise.all(Array.from({ length: n }, () => new Tab().open()));
  try {
    return await fn(tabs);
  } finally {
    await Promise.all(tabs.map((t) => t.close()));
  }
}

async function pool(tabs, items, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(tabs.map(async (tab) => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(tab, items[i], i);
    }
  }));
  return results;
}

// ---------------------------------------------------------------------------------------------
// Tests

test('harness detects script and navigation (positive controls, unsanitized)', async (t) => {
  const controls = [
    { html: '<img src=x onerror=xss(1)>', expect: 'call' },
    { html: '<p onmouseover="xss(1)">x</p>', expect: 'call' },
    { html: '<a href="javascript:xss(1)">x</a>', expect: 'call' },
    { html: '<iframe srcdoc="<script>xss(1)</script>"></iframe>', expect: 'call' },
    { html: '<script>alert(1)</script>', expect: 'call' },
    { html: '<meta http-equiv="refresh" content="0;url=https://evil.example/">', expect: 'navigation' },
    { html: '<script>window.open("https://evil.example/")</script>', expect: 'navigation' },
  ];
  await withTabs(1, async ([tab]) => {
  for (const c of controls) {
    const r = await tab.probe(Buffer.from(c.html), { awaitEvent: true });
    t.diagnostic(`${c.html} -> calls=${r.calls.length} navigations=${r.navigations.length} errors=${r.errors.length}`);
    if (c.expect === 'call') assert.ok(r.calls.length > 0, `harness missed a call for ${c.html}`);
    else assert.ok(r.navigations.length > 0, `harness missed a navigation for ${c.html}`);
  }
  // Negative control: a kept outbound link, clicked, is not counted.
  const ok = await tab.probe(Buffer.from('<p><a href="https://ok.example/" rel="noopener">x</a> <img src="https://ok.example/a.png"></p>'));
  assert.deepEqual([ok.calls, ok.navigations, ok.errors], [[], [], []]);
  });
});

test('no sanitized XSS vector runs script or navigates in chromium', async (t) => {
  assert.ok(NEWSZONE_BIN, 'set NEWSZONE_BIN to the newszone binary (e.g. build-main/src/cli/newszone)');
  const vectors = loadVectors();
  assert.ok(vectors.length >= 150, `only ${vectors.length} vectors`);
  const jobs = [];
  const bases = WITH_BASE_URL ? [null, BASE_URL] : [null];
  for (const v of vectors) for (const base of bases) jobs.push({ ...v, base });

  const started = Date.now();
  let stray = [];
  const results = await withTabs(WORKERS, async (tabs) => {
    const res = await pool(tabs, jobs, async (tab, job) => {
      const out = await sanitize(job.html, job.base);
      return { job, out, r: await tab.probe(out) };
    });
    await new Promise((r) => setTimeout(r, 100)); // let late events land
    stray = tabs.flatMap((tab) => tab.stray);
    return res;
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  let calls = 0;
  let navigations = 0;
  let errors = 0;
  let blocked = 0;
  const failures = [];
  const notes = [];
  for (const { job, out, r } of results) {
    calls += r.calls.length;
    navigations += r.navigations.length;
    errors += r.errors.length;
    blocked += r.blocked;
    for (const n of r.notes) notes.push(`${job.where}${job.base ? ' (base url)' : ''}: ${n}`);
    if (r.calls.length || r.navigations.length || r.errors.length) {
      failures.push(`${job.where}${job.base ? ' (base url)' : ''}: ${job.source}\n    sanitized: ${out.toString()}\n` +
                    [...r.calls, ...r.navigations, ...r.errors].map((s) => `    ${s}`).join('\n'));
    }
  }
  const summary = `${vectors.length} vectors${WITH_BASE_URL ? ' x 2 (with and without --base-url)' : ''} = ${jobs.length} page loads ` +
                  `in ${seconds}s: recorded calls=${calls}, navigations=${navigations}, harness errors=${errors}, ` +
                  `events between loads=${stray.length}, blocked requests=${blocked}`;
  console.log(summary);
  t.diagnostic(summary);
  for (const f of failures.slice(0, 30)) console.log(f);
  for (const s of stray) console.log(`between loads: ${s}`);
  for (const n of notes) console.log(`note (not a failure): ${n}`);
  assert.equal(calls, 0, 'recorded calls');
  assert.equal(navigations, 0, 'navigations');
  assert.equal(errors, 0, 'harness errors');
  assert.deepEqual(stray, [], 'events between loads');
});
