// The editor in the production build, in Chromium: an article to saved claims, hostile input
// refused, a conflicting save that keeps the editor's input, and a GeoJSON update.
// The runner (scripts/test-browser.mjs) serves a temporary copy of data/ (LCA_ROOT) with
// EDITOR_TOKEN set, and passes both here.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { BASE, launch, SHOTS } from "./helpers.mjs";

const TOKEN = process.env.EDITOR_TOKEN;
const ROOT = process.env.LCA_ROOT;
const SEED = fs.readFileSync(path.resolve("scripts/extract-fixtures/2019-04-06-rossa-primavera-haftar-offensive.txt"), "utf8");

let browser;
before(async () => {
  assert.ok(TOKEN && ROOT, "run through npm run test:browser: the editor needs EDITOR_TOKEN and LCA_ROOT (a temporary copy of data/)");
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A page on /editor, signed in; collects page errors and any dialog (an injected alert would open one). */
async function openEditor() {
  // An explicit context, so axe can scan the page.
  const context = await browser.newContext({ viewport: { width: 1366, height: 1000 } });
  const page = await context.newPage();
  page.on("close", () => {
    context.close().catch(() => {});
  });
  const errors = [];
  const dialogs = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto(`${BASE}/editor`, { waitUntil: "domcontentloaded" });
  await page.fill('input[name="token"]', TOKEN);
  await page.click('button[type="submit"]');
  await page.waitForSelector('[role="tab"][aria-selected="true"]');
  return { page, errors, dialogs };
}

/** Pastes the seed article and finds its candidates. */
async function pasteSeed(page) {
  await page.getByLabel("Article (plain text: headline and dateline first)").fill(SEED);
  await page.getByRole("button", { name: "Find candidate claims" }).click();
  await page.waitForSelector('li[aria-label^="Candidate"]');
}

async function fillMeta(page, values) {
  for (const [name, value] of Object.entries(values)) await page.fill(`form[aria-label="Source"] input[name="${name}"]`, value);
}

const sourceFile = (id) => path.join(ROOT, "data", "sources", `${id}.json`);

test("a wrong token is refused; the right one opens the editor", async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE}/editor`, { waitUntil: "domcontentloaded" });
  await page.fill('input[name="token"]', "not-the-token");
  await page.click('button[type="submit"]');
  await page.waitForSelector('form [role="alert"]');
  assert.match(await page.textContent('form [role="alert"]'), /not the editor token/);
  const api = await page.evaluate(async () => (await fetch("/api/editor/session")).status);
  assert.equal(api, 401);
  await page.close();
});

test("the seed article: four candidates highlighted, accepted, previewed and saved to data/sources", async () => {
  const { page, errors, dialogs } = await openEditor();
  await pasteSeed(page);
  const cards = page.locator('li[aria-label^="Candidate"]');
  assert.equal(await cards.count(), 4);
  assert.equal(await page.locator("[data-testid=article-text] mark").count() >= 4, true);
  const marked = await page.$$eval("[data-testid=article-text] mark", (ms) => ms.map((m) => m.textContent).join(" | "));
  for (const words of ["he seized Benghazi", "took control of Derna", "launched an offensive in the oil-rich region of Fezzan", "are marching on Tripoli"]) {
    assert.ok(marked.includes(words), `"${words}" is highlighted`);
  }
  // Metadata came from the text.
  assert.equal(await page.inputValue('input[name="title"]'), "Rebellious General Haftar continues offensive against Libyan capital");
  assert.equal(await page.inputValue('input[name="published"]'), "2019-04-06");
  assert.equal(await page.inputValue('input[name="publisher"]'), "Rossa Primavera News Agency");
  for (let i = 1; i <= 4; i++) await page.locator(`li[aria-label="Candidate ${i}"]`).getByRole("button", { name: "Accept" }).click();
  await fillMeta(page, { id: "browser-seed", url: "https://example.org/browser-seed" });
  await page.getByRole("button", { name: "Preview" }).click();
  await page.waitForSelector('section[aria-label="Preview"] tbody tr');
  const preview = await page.textContent('section[aria-label="Preview"]');
  assert.match(preview, /Benghazi/);
  assert.match(preview, /Derna/);
  assert.ok(!fs.existsSync(sourceFile("browser-seed")), "preview writes nothing");
  await page.screenshot({ path: path.join(SHOTS, "editor-preview.png"), fullPage: true });
  await page.getByRole("button", { name: "Save 4 claims" }).click();
  await page.waitForFunction(() => /Saved data\/sources\/browser-seed\.json/.test(document.querySelector('[role="status"]')?.textContent ?? ""));
  const file = JSON.parse(fs.readFileSync(sourceFile("browser-seed"), "utf8"));
  assert.equal(file.claims.length, 4);
  assert.deepEqual(file.claims.map((c) => `${c.place} ${c.status} ${c.date}`).sort(), ["benghazi captured 2017", "derna captured 2018", "fezzan offensive 2019-01", "tripoli offensive 2019-04"]);
  assert.equal(file.url, "https://example.org/browser-seed");
  await page.screenshot({ path: path.join(SHOTS, "editor-saved.png"), fullPage: true });
  assert.deepEqual(errors, []);
  assert.deepEqual(dialogs, []);
  await page.close();
});

test("hostile input: a javascript: URL and HTML in a quote and a title are refused per field and shown as text", async () => {
  const { page, errors, dialogs } = await openEditor();
  await pasteSeed(page);
  await page.locator('li[aria-label="Candidate 1"]').getByRole("button", { name: "Accept" }).click();
  await fillMeta(page, { id: "browser-hostile", url: "javascript:alert(document.domain)" });
  assert.equal(await page.locator('form[aria-label="Source"] a:has-text("open")').count(), 0, "no link for a javascript: URL");
  await page.getByRole("button", { name: "Save 1 claim" }).click();
  await page.waitForSelector("ul[data-field-issues]");
  assert.match(await page.textContent('form[aria-label="Source"]'), /expected an http:\/\/ or https:\/\/ URL, found "javascript:alert\(document\.domain\)"/);

  await fillMeta(page, { url: "https://example.org/browser-hostile", title: '<img src=x onerror="alert(1)">' });
  await page.fill('li[aria-label="Candidate 1"] textarea', "<script>alert('x')</script> he seized Benghazi");
  await page.getByRole("button", { name: "Save 1 claim" }).click();
  await page.waitForFunction(() => document.querySelectorAll("ul[data-field-issues] li").length >= 2);
  const card = await page.textContent('li[aria-label="Candidate 1"]');
  assert.match(card, /expected plain text without HTML tags, found "<script>alert\('x'\)<\/script> he seized Benghazi"/);
  assert.match(await page.textContent('form[aria-label="Source"]'), /expected plain text without HTML tags, found "<img src=x onerror=\\"alert\(1\)\\">"/);
  assert.equal(await page.locator("img[src=x]").count(), 0, "the title's tag stays text");
  assert.equal(await page.evaluate(() => [...document.scripts].some((s) => s.textContent.includes("alert('x')"))), false);
  assert.ok(!fs.existsSync(sourceFile("browser-hostile")), "nothing written");
  await page.screenshot({ path: path.join(SHOTS, "editor-hostile.png"), fullPage: true });
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a conflicting save: someone else changed the source meanwhile; the message says so and the input is kept", async () => {
  const { page, errors } = await openEditor();
  await pasteSeed(page);
  for (const i of [1, 2]) await page.locator(`li[aria-label="Candidate ${i}"]`).getByRole("button", { name: "Accept" }).click();
  await fillMeta(page, { id: "browser-conflict", url: "https://example.org/browser-conflict" });
  await page.getByRole("button", { name: "Save 2 claims" }).click();
  await page.waitForFunction(() => /Saved data\/sources\/browser-conflict\.json/.test(document.querySelector('[role="status"]')?.textContent ?? ""));

  // Another editor saves a new title, based on the current revision.
  const other = await fetch(`${BASE}/api/editor/sources?id=browser-conflict`, { headers: { Authorization: `Bearer ${TOKEN}` } }).then((r) => r.json());
  const res = await fetch(`${BASE}/api/editor/sources`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ source: { ...other.file, claims: undefined, title: "Their title" }, claims: [], baseRevision: other.revision }),
  });
  assert.equal(res.status, 200);

  await fillMeta(page, { title: "My title" });
  await page.locator('li[aria-label="Candidate 3"]').getByRole("button", { name: "Accept" }).click();
  await page.getByRole("button", { name: "Save 3 claims" }).click();
  await page.waitForSelector('[role="alert"]:has-text("Conflict")');
  const alert = await page.textContent('[role="alert"]:has-text("Conflict")');
  assert.match(alert, /after you loaded it/);
  assert.match(alert, /Your input is kept/);
  assert.match(alert, /Their title/);
  assert.equal(await page.inputValue('input[name="title"]'), "My title", "the editor's title is kept");
  assert.equal(await page.locator('li[data-decision="accepted"]').count(), 3, "the accepted claims are kept");
  assert.equal(JSON.parse(fs.readFileSync(sourceFile("browser-conflict"), "utf8")).title, "Their title", "the file is untouched");
  await page.screenshot({ path: path.join(SHOTS, "editor-conflict.png"), fullPage: true });

  await page.getByRole("button", { name: "Save my version over the current one" }).click();
  await page.waitForFunction(() => /Saved data\/sources\/browser-conflict\.json/.test(document.querySelector('[role="status"]')?.textContent ?? ""));
  const file = JSON.parse(fs.readFileSync(sourceFile("browser-conflict"), "utf8"));
  assert.equal(file.title, "My title");
  assert.equal(file.claims.length, 3);
  assert.deepEqual(errors, []);
  await page.close();
});

test("GeoJSON: a clockwise area is refused with its feature and field; a valid one is checked, then saved", async () => {
  const { page, errors } = await openEditor();
  await page.getByRole("tab", { name: "GeoJSON places" }).click();
  const ring = [[15, 30], [16, 30], [16, 31], [15, 31], [15, 30]];
  const area = (coords) => JSON.stringify({ type: "Feature", properties: { id: "browser-area", kind: "area", name: "Browser area", nameAr: null }, geometry: { type: "Polygon", coordinates: [coords] } });
  await page.getByLabel("GeoJSON", { exact: true }).fill(area([...ring].reverse()));
  await page.getByRole("button", { name: "Check" }).click();
  await page.waitForSelector('#panel-geojson [role="alert"]');
  assert.match(await page.textContent('#panel-geojson [role="alert"]'), /feature browser-area · geometry\.coordinates: expected RFC 7946 winding/);
  assert.equal(await page.getByRole("button", { name: "Save", exact: true }).isDisabled(), true);
  await page.screenshot({ path: path.join(SHOTS, "editor-geojson-problems.png"), fullPage: true });

  await page.getByLabel("GeoJSON", { exact: true }).fill(area(ring));
  await page.getByRole("button", { name: "Check" }).click();
  await page.waitForFunction(() => /^Valid/.test(document.querySelector('#panel-geojson [role="status"]')?.textContent ?? ""));
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.waitForFunction(() => /^Saved data\/areas\.geojson/.test(document.querySelector('#panel-geojson [role="status"]')?.textContent ?? ""));
  assert.match(fs.readFileSync(path.join(ROOT, "data", "areas.geojson"), "utf8"), /"id":"browser-area"/);
  await page.screenshot({ path: path.join(SHOTS, "editor-geojson-saved.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("accessibility: no serious or critical axe violation on the sign-in form, the review and the GeoJSON tab", async () => {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const scan = async (page, where) => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => `${where}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`), []);
  };
  const context = await browser.newContext({ viewport: { width: 1366, height: 1000 } });
  const login = await context.newPage();
  await login.goto(`${BASE}/editor`, { waitUntil: "domcontentloaded" });
  await login.waitForSelector('input[name="token"]');
  await scan(login, "sign-in");
  await login.close();
  await context.close();
  const { page } = await openEditor();
  await pasteSeed(page);
  await page.locator('li[aria-label="Candidate 1"]').getByRole("button", { name: "Accept" }).click();
  await scan(page, "review");
  // Keyboard: the arrow keys move between the tabs.
  await page.getByRole("tab", { name: "Article → claims" }).focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.getAttribute('[role="tab"][aria-selected="true"]', "id"), "tab-geojson");
  await scan(page, "geojson");
  await page.close();
});
