// `plangraph serve` in a real browser: Debian's Chromium driven by playwright-core.
//
// Usage: node serve.test.mjs [PLANGRAPH_BINARY]   (or PLANGRAPH_BIN=… node serve.test.mjs)
//
// Starts the server on the bundled 2017 plan on a free loopback port and checks, as a person
// would see them:
//   (a) the plan page marks all 200 slots (25 lead, 175 responsible, none supporting: the seed
//       prints no 配合 / 参与 / 协办 / 协同 / 协助, and roles follow the printed word; 14 empty,
//       3 ambiguous, 13 truncated), each visible, the three roles in different background colours;
//   (b) a slot's link leads to its agency's page (its name, its roles across the plans);
//   (c) the network picture has one node per agency named in a slot (the endpoint's count);
//   (d) a query typed into the query page's text box answers with its rows;
//   (e) a plan whose title and parentheticals carry <script>, an onerror image and quotes is
//       shown as text on the index, its page and the query page: no script runs, no dialog.
// Screenshots go to target/browser-screenshots/ (or $PLANGRAPH_SCREENSHOTS). The browser may
// reach only the servers this test starts: any other request is refused and fails the test.
// Prints one line per check and a closing 'N passed, N failed' line; exits non-zero on failure.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const CHROMIUM = process.env.PLANGRAPH_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-gpu',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const PG = 'https://w3id.org/plangraph#';
const STARTUP_LIMIT_MS = 60_000;
const started = Date.now();

const binary = process.argv[2] || process.env.PLANGRAPH_BIN;
if (!binary) {
  console.error('usage: node serve.test.mjs PLANGRAPH_BINARY (or set PLANGRAPH_BIN)');
  process.exit(2);
}
if (!existsSync(binary)) {
  console.error(`FAIL: no plangraph binary at ${binary} (build it with cargo build)`);
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`FAIL: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  process.exit(2);
}
const shots = path.resolve(process.env.PLANGRAPH_SCREENSHOTS || path.join(repo, 'target', 'browser-screenshots'));
mkdirSync(shots, { recursive: true });

// ---------------------------------------------------------------------------------------------
// Servers

/** A free loopback port (the kernel's pick, released for the server to take). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const servers = [];

/** Starts `plangraph serve ARGS --bind 127.0.0.1:PORT` and waits until `/` answers 200. */
async function startServer(name, args) {
  const t0 = Date.now();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(binary, ['serve', ...args, '--bind', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { name, origin, child, output: '', exited: null };
  servers.push(server);
  child.stdout.on('data', (d) => (server.output += d));
  child.stderr.on('data', (d) => (server.output += d));
  child.on('exit', (code, signal) => (server.exited = { code, signal }));
  child.on('error', (e) => (server.exited = { error: e.message }));
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.exited) {
      throw new Error(`the ${name} server exited before answering (${JSON.stringify(server.exited)}):\n${server.output}`);
    }
    try {
      const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) {
        await response.arrayBuffer();
        console.log(`# ${name} server (pid ${child.pid}) answers at ${origin}/ (${((Date.now() - t0) / 1000).toFixed(1)} s after its start)`);
        return server;
      }
      last = `status ${response.status}`;
    } catch (e) {
      last = e.cause?.code || e.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the ${name} server did not answer ${origin}/ within ${STARTUP_LIMIT_MS / 1000} s (last: ${last}):\n${server.output}`);
}

/** Stops a server by its PID: SIGTERM, then SIGKILL after 5 s. */
async function stopServer(server) {
  if (server.exited || server.child.pid === undefined) return;
  const gone = new Promise((r) => server.child.once('exit', r));
  process.kill(server.child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (!server.exited) process.kill(server.child.pid, 'SIGKILL');
  }, 5000);
  await gone;
  clearTimeout(timer);
}

/** A SPARQL query to the endpoint from Node, as SPARQL JSON results. */
async function sparql(origin, query) {
  const response = await fetch(`${origin}/sparql?query=${encodeURIComponent(query)}`, {
    headers: { accept: 'application/sparql-results+json' },
  });
  const body = await response.text();
  assert.equal(response.status, 200, `SPARQL endpoint answered ${response.status}: ${body}`);
  assert.match(response.headers.get('content-type') || '', /^application\/sparql-results\+json/);
  return JSON.parse(body);
}

// ---------------------------------------------------------------------------------------------
// Checks

let passed = 0;
let failed = 0;

async function check(name, body) {
  const t0 = Date.now();
  try {
    const note = await body();
    passed += 1;
    console.log(`ok   ${name}${note ? ` — ${note}` : ''} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed += 1;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

async function screenshot(page, file) {
  const target = path.join(shots, file);
  await page.screenshot({ path: target, fullPage: true });
  console.log(`# screenshot ${target}`);
  return target;
}

/** A page whose requests may only go to `origins`; it records what else was tried. */
async function newPage(context, state) {
  const page = await context.newPage();
  page.on('dialog', async (dialog) => {
    state.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => state.errors.push(e.message));
  return page;
}

/** No script of the page's ran: `window.__xss` unset, no script or injected img element. */
async function noScriptRan(page) {
  assert.equal(await page.evaluate(() => typeof window.__xss), 'undefined', `window.__xss was set on ${page.url()}: a script ran`);
  const injected = await page.evaluate(() => document.querySelectorAll('script, img[src="x"], [onerror]').length);
  assert.equal(injected, 0, `${page.url()} has script, img or onerror elements from the text`);
}

const state = { dialogs: [], errors: [], outside: [] };
let browser;
let tmp;

try {
  const seed = await startServer('seed', []);

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  // Only this test's servers: anything else (fonts, trackers, a browser's own calls) is refused.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
    state.outside.push(url.href);
    return route.abort();
  });
  const page = await newPage(context, state);

  // The endpoint's own counts, to compare what the pages show with.
  const agencyRows = await sparql(seed.origin, `SELECT DISTINCT ?a WHERE { ?slot <${PG}agency> ?a }`);
  const agencies = new Set(agencyRows.results.bindings.map((b) => b.a.value));
  const countRow = await sparql(seed.origin, `SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?slot <${PG}agency> ?a }`);
  const agencyCount = Number(countRow.results.bindings[0].n.value);

  let planUrl;
  let slotsOnPage;

  await check('(a) index lists the bundled plan; its page marks all 200 slots', async () => {
    const response = await page.goto(`${seed.origin}/`);
    assert.equal(response.status(), 200);
    const links = page.locator('table.plans a');
    assert.equal(await links.count(), 1, 'the index should list one plan');
    assert.match(await links.first().innerText(), /2017年全国打击知识产权和制售假冒伪劣商品工作要点/);
    await screenshot(page, 'index.png');
    await Promise.all([page.waitForURL((u) => u.pathname !== '/'), links.first().click()]);
    planUrl = page.url();
    assert.match(new URL(planUrl).pathname, /^\/plangraph\/id\/plan\//);
    assert.match(await page.locator('h1').innerText(), /2017年全国打击知识产权/);
    slotsOnPage = await page.locator('div.text .slot').evaluateAll((els) =>
      els.map((el) => {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return {
          tag: el.tagName.toLowerCase(),
          role: el.dataset.role,
          resolution: el.dataset.resolution,
          agency: el.dataset.agency || null,
          href: el.getAttribute('href'),
          text: el.textContent,
          visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none',
          background: style.backgroundColor,
          outline: style.outlineStyle,
        };
      }),
    );
    const count = (key) => slotsOnPage.reduce((m, s) => ((m[s[key]] = (m[s[key]] || 0) + 1), m), {});
    const roles = count('role');
    const resolutions = count('resolution');
    assert.equal(slotsOnPage.length, 200, `slots marked: ${slotsOnPage.length}`);
    assert.deepEqual({ lead: roles.lead, responsible: roles.responsible, supporting: roles.supporting }, { lead: 25, responsible: 175, supporting: undefined });
    assert.equal(Object.keys(roles).length, 2, `unexpected roles: ${JSON.stringify(roles)}`);
    assert.equal(resolutions.EmptySlot, 14, `EmptySlot: ${resolutions.EmptySlot}`);
    assert.equal(resolutions.Ambiguous, 3, `Ambiguous: ${resolutions.Ambiguous}`);
    assert.equal(resolutions.Truncated, 13, `Truncated: ${resolutions.Truncated}`);
    const hidden = slotsOnPage.filter((s) => !s.visible || s.text.trim() === '');
    assert.equal(hidden.length, 0, `slots not visible or without text: ${JSON.stringify(hidden.slice(0, 5))}`);
    // Every empty slot shows ∅ and is outlined; every slot with an agency links to its page.
    const empty = slotsOnPage.filter((s) => s.resolution === 'EmptySlot');
    assert.ok(empty.every((s) => s.text === '∅' && s.outline !== 'none'), 'empty slots should show an outlined ∅');
    const linked = slotsOnPage.filter((s) => s.agency);
    assert.ok(linked.every((s) => s.tag === 'a' && s.href), 'slots naming an agency should be links');
    assert.deepEqual(new Set(linked.map((s) => s.agency)), agencies, 'the agencies linked from the text are the endpoint\'s');
    // The endpoint agrees with the page, slot by slot count.
    const byRole = await sparql(seed.origin, `SELECT ?r (COUNT(?s) AS ?n) WHERE { ?s a <${PG}Responsibility> ; <${PG}role> ?r } GROUP BY ?r`);
    for (const b of byRole.results.bindings) {
      const role = b.r.value.slice(PG.length).toLowerCase();
      assert.equal(roles[role], Number(b.n.value), `role ${role}: page ${roles[role]}, endpoint ${b.n.value}`);
    }
    // A real rendering check: the three roles have three different background colours (as the
    // legend draws them, the seed having no supporting slot), and every slot of the text is drawn
    // in its role's colour.
    const colour = {};
    for (const role of ['lead', 'responsible', 'supporting']) {
      colour[role] = await page.$eval(`p.legend span.slot.role-${role}`, (el) => getComputedStyle(el).backgroundColor);
      assert.ok(!/rgba\(0, 0, 0, 0\)|transparent/.test(colour[role]), `${role} slots have no background`);
      const shown = new Set(slotsOnPage.filter((s) => s.role === role && s.resolution !== 'EmptySlot').map((s) => s.background));
      assert.ok([...shown].every((c) => c === colour[role]), `${role} slots in ${[...shown]}, the legend in ${colour[role]}`);
    }
    assert.equal(new Set(Object.values(colour)).size, 3, `role colours not distinct: ${JSON.stringify(colour)}`);
    await screenshot(page, 'plan.png');
    return `${slotsOnPage.length} slots: roles ${JSON.stringify(roles)}, resolutions ${JSON.stringify(resolutions)}, colours ${JSON.stringify(colour)}`;
  });

  await check('(b) clicking a slot reaches its agency page', async () => {
    assert.ok(planUrl, 'no plan page (check (a) failed)');
    if (page.url() !== planUrl) await page.goto(planUrl);
    const slot = page.locator('div.text a.slot[data-agency]').first();
    const agency = await slot.getAttribute('data-agency');
    const labelRows = await sparql(seed.origin, `SELECT ?l WHERE { <${agency}> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER (lang(?l) = "zh") }`);
    assert.equal(labelRows.results.bindings.length, 1, `zh labels of ${agency}`);
    const name = labelRows.results.bindings[0].l.value;
    const before = page.url();
    await Promise.all([page.waitForURL((u) => u.href !== before), slot.click()]);
    const reached = new URL(page.url());
    assert.equal(reached.pathname, new URL(agency).pathname, 'the link goes to the agency IRI\'s path');
    assert.equal((await page.locator('h1').innerText()).trim(), name);
    const heading = page.locator('h2', { hasText: 'Roles across the plans' });
    assert.equal(await heading.count(), 1, 'no "Roles across the plans" heading');
    assert.ok(await heading.isVisible());
    const roleRows = page.locator('table.roles tbody tr');
    assert.equal(await roleRows.count(), 1, 'one plan row in the roles table');
    assert.match(await roleRows.first().innerText(), /2017年全国打击知识产权/);
    await screenshot(page, 'agency.png');
    return `${agency} → ${reached.pathname}, h1 ${name}`;
  });

  await check('(c) the network picture has one node per agency named in a slot', async () => {
    await page.goto(`${seed.origin}/network`);
    const svg = page.locator('svg').first();
    assert.ok(await svg.isVisible(), 'the network SVG is not visible');
    const nodes = svg.locator('g.agency-node');
    const count = await nodes.count();
    const iris = new Set(await nodes.evaluateAll((els) => els.map((el) => el.getAttribute('data-iri'))));
    assert.equal(count, agencyCount, `nodes ${count}, agencies named ${agencyCount}`);
    assert.deepEqual(iris, agencies, 'the nodes are the agencies named in slots');
    const box = await svg.boundingBox();
    assert.ok(box && box.width > 300 && box.height > 300, `the SVG is drawn too small: ${JSON.stringify(box)}`);
    await screenshot(page, 'network.png');
    return `${count} nodes = COUNT(DISTINCT ?a) ${agencyCount}`;
  });

  await check('(d) a query typed into /sparql answers with its rows', async () => {
    await page.goto(`${seed.origin}/sparql`);
    const box = page.locator('textarea#query[name="query"]');
    assert.equal(await box.count(), 1);
    await box.fill(`PREFIX pg: <${PG}>\nSELECT (COUNT(?t) AS ?tasks) WHERE { ?t a pg:Task }`);
    const before = page.url();
    await Promise.all([page.waitForURL((u) => u.href !== before), page.locator('form button[type="submit"]').click()]);
    const table = page.locator('table.results');
    assert.equal(await table.count(), 1, 'no results table');
    assert.equal((await table.locator('thead th').allInnerTexts()).join(','), 'tasks');
    const cells = await table.locator('tbody tr td').allInnerTexts();
    assert.deepEqual(cells, ['31']);
    // The query stays in the box, to change and run again.
    assert.match(await box.inputValue(), /COUNT\(\?t\) AS \?tasks/);
    await screenshot(page, 'query-results.png');
    return `tasks = ${cells[0]}`;
  });

  // (e) Markup and quotes in a plan's text stay text.
  tmp = mkdtempSync(path.join(os.tmpdir(), 'plangraph-xss-'));
  const planFile = path.join(tmp, 'xss-plan.txt');
  const script = '<script>window.__xss=1</script>';
  writeFileSync(
    planFile,
    [
      `关于印发《2020年"打击"侵权'假冒'${script}工作要点》的通知`,
      '一、加强执法',
      `1.开展${script}专项行动。（工商总局牵头，公安部、"海关'${script}总署"负责）`,
      `2.加强版权保护"'<img src=x onerror="window.__xss=1">。（国家版权局负责，海关总署配合）`,
      '',
    ].join('\n'),
  );
  // The title's " < > are percent-encoded in the plan's IRI (%22 %3C %3E): its page is found by
  // that path too.
  const xss = await startServer('markup', [planFile]);

  await check('(e) markup in a plan stays text: index, plan page, query page', async () => {
    const page = await newPage(context, state);
    const dialogs = state.dialogs.length;
    await page.goto(`${xss.origin}/`);
    const link = page.locator('table.plans a').first();
    const title = await link.innerText();
    assert.ok(title.includes(script), `the index shows the title as text: ${title}`);
    assert.ok(title.includes('"') && title.includes("'"), 'the quotes are shown');
    assert.ok(await page.getByText(script).first().isVisible(), '<script> is visible as text on the index');
    await noScriptRan(page);
    await screenshot(page, 'xss-index.png');
    await Promise.all([page.waitForURL((u) => u.pathname !== '/'), link.click()]);
    assert.ok(new URL(page.url()).pathname.startsWith('/plangraph/id/plan/2020'), page.url());
    assert.equal(await page.locator('h1').count(), 1, 'the plan page, not an error');
    assert.ok((await page.locator('h1').innerText()).includes(script), 'the plan page\'s title shows <script> as text');
    const text = await page.locator('div.text').innerText();
    assert.ok(text.includes(`开展${script}专项行动`), 'the task text shows <script> as text');
    assert.ok(text.includes(`"'<img src=x onerror="window.__xss=1">`), 'the task text shows the img tag as text');
    const unknown = page.locator('div.text .slot[data-resolution="Unknown"]');
    assert.equal(await unknown.count(), 1);
    assert.equal(await unknown.innerText(), `"海关'${script}总署"`);
    assert.ok(await page.getByText(script).first().isVisible());
    await noScriptRan(page);
    await screenshot(page, 'xss-plan.png');
    // The query page: a literal with markup, typed in, comes back as text in the box and the table.
    await page.goto(`${xss.origin}/sparql`);
    await page.locator('textarea#query').fill(`SELECT ?x WHERE { BIND ("${script.replace(/"/g, '\\"')}\\"'<img src=x onerror=window.__xss=1>" AS ?x) }`);
    const before = page.url();
    await Promise.all([page.waitForURL((u) => u.href !== before), page.locator('form button[type="submit"]').click()]);
    assert.equal(await page.locator('table.results tbody td').innerText(), `${script}"'<img src=x onerror=window.__xss=1>`);
    assert.ok((await page.locator('textarea#query').inputValue()).includes(script), 'the query stays in the box as typed');
    await noScriptRan(page);
    await page.close();
    assert.equal(state.dialogs.length, dialogs, `dialogs fired: ${state.dialogs.slice(dialogs)}`);
    return 'no script ran, no dialog, <script> shown as text';
  });

  await check('the browser reached no one but the test servers, and no page threw', async () => {
    assert.deepEqual(state.outside, [], 'requests outside the test servers');
    assert.deepEqual(state.errors, [], 'page errors');
    assert.deepEqual(state.dialogs, [], 'dialogs');
  });
} catch (e) {
  failed += 1;
  console.log(`FAIL ${e.stack || e.message}`);
} finally {
  if (browser) await browser.close().catch((e) => console.log(`# closing the browser: ${e.message}`));
  for (const server of servers) {
    await stopServer(server).catch((e) => console.log(`# stopping ${server.name} (pid ${server.child.pid}): ${e.message}`));
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}

console.log(`# browser suite: ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
