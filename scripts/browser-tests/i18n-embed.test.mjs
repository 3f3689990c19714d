// Arabic and English, the embed view, sharing and the things to take away, in the production
// build, in Chromium. Right to left, time runs from right to left (earlier dates on the
// right) and the horizontal arrows follow the eye: ArrowLeft = a day later, ArrowRight = a
// day earlier; ArrowUp/Down, Page Up/Down and Home/End mean the same in both languages.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { after, before, test } from "node:test";
import { BASE, launch, openAtlas, placePoint, SHOTS, sliderText } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf) {
  assert.equal(buf.subarray(0, 8).toString("hex"), "89504e470d0a1a0a", "PNG signature");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

test("Arabic: right to left, Arabic names, dates and side names, credits", async () => {
  const { page, errors } = await openAtlas(browser, "ar?date=2019-04-10");
  assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "ar");
  assert.equal(await page.getAttribute("main", "dir"), "rtl");
  assert.equal(await page.textContent("h1"), "أطلس السيطرة في ليبيا");
  assert.equal(await sliderText(page), "10 أبريل 2019");
  assert.equal(await page.textContent(".slider-date"), "10 أبريل 2019");
  assert.match(await page.textContent(".legend"), /الجيش الوطني الليبي/);
  assert.match(await page.textContent(".credits"), /Natural Earth/);
  // The legend sits on the right of the map, and the date runs from right to left.
  const map = await page.locator(".atlas-map").boundingBox();
  const legend = await page.locator(".legend").boundingBox();
  assert.ok(legend.x + legend.width > map.x + map.width - 30, "legend at the right edge");
  // Hover inside Kufra district: its Arabic name comes first.
  const p = await placePoint(page, "LY-KF");
  await page.mouse.move(p.x, p.y);
  await page.waitForSelector(".leaflet-tooltip", { timeout: 5000 });
  assert.match(await page.textContent(".leaflet-tooltip"), /^الكفرة/);
  await page.screenshot({ path: path.join(SHOTS, "ar-map-laptop.png") });
  assert.deepEqual(errors, []);
  await page.close();
});

test("Arabic: the slider runs right to left, arrows follow the eye", async () => {
  const { page } = await openAtlas(browser, "ar?date=2019-04-10");
  await page.focus('[role="slider"]');
  await page.keyboard.press("ArrowLeft");
  assert.equal(await sliderText(page), "11 أبريل 2019", "ArrowLeft: a day later");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  assert.equal(await sliderText(page), "9 أبريل 2019", "ArrowRight: a day earlier");
  await page.keyboard.press("ArrowUp");
  assert.equal(await sliderText(page), "10 أبريل 2019", "ArrowUp: a day later");
  const value = () => page.getAttribute('[role="slider"]', "aria-valuenow").then(Number);
  const here = await value();
  await page.keyboard.press("PageUp");
  assert.ok((await value()) > here, "Page Up: the next change");
  await page.keyboard.press("Home");
  assert.equal(await sliderText(page), "15 فبراير 2011");
  const track = await page.locator(".slider-track").boundingBox();
  const thumb = await page.locator(".slider-thumb").boundingBox();
  assert.ok(thumb.x > track.x + track.width - 20, "the first day is at the right end");
  await page.keyboard.press("End");
  const thumbEnd = await page.locator(".slider-thumb").boundingBox();
  assert.ok(thumbEnd.x < track.x + 20, "the last day is at the left end");
  // A click near the right end goes back in time.
  await page.mouse.click(track.x + track.width * 0.95, track.y + track.height / 2);
  assert.match(await sliderText(page), /201[12]$/);
  // The share chart is mirrored too: its left end is the last day.
  await page.keyboard.press("Home");
  const chart = await page.locator(".share-chart svg").boundingBox();
  await page.mouse.click(chart.x + chart.width * 0.02, chart.y + chart.height / 2);
  assert.match(await sliderText(page), /202[4-9]$/);
  await page.close();
});

test("Arabic: a town's panel, on the left, with its Arabic name and Arabic claim dates", async () => {
  const { page, errors } = await openAtlas(browser, "ar?date=2020-01-10&view=31.2,16.6,9");
  const p = await placePoint(page, "sirte");
  await page.mouse.click(p.x, p.y);
  await page.waitForSelector(".panel h2");
  assert.match(await page.textContent(".panel h2"), /^سرت/);
  assert.match(await page.textContent(".panel .state"), /تحت سيطرة الجيش الوطني الليبي/);
  await page.waitForSelector(".panel .claim blockquote");
  assert.match(await page.textContent(".panel .claim-date"), /[\u0600-\u06FF]|^\d{4}$/);
  const panel = await page.locator(".panel").boundingBox();
  const map = await page.locator(".atlas-map").boundingBox();
  assert.ok(panel.x < map.x, "the panel is on the left of the map");
  await page.waitForURL(/\/ar\?.*place=sirte/, { timeout: 5000 });
  await page.screenshot({ path: path.join(SHOTS, "ar-panel-sirte.png") });
  assert.deepEqual(errors, []);
  await page.close();
});

test("Arabic on a phone", async () => {
  const { page, errors } = await openAtlas(browser, "ar?date=2019-06-28&place=tripoli", { width: 390, height: 844 });
  await page.waitForSelector(".panel h2");
  assert.match(await page.textContent(".panel h2"), /طرابلس/);
  await page.screenshot({ path: path.join(SHOTS, "ar-panel-phone.png") });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the language switch keeps the permalink, both ways", async () => {
  const { page } = await openAtlas(browser, "?date=2016-12-20&place=sirte");
  await page.waitForSelector(".panel h2");
  await page.click("a.lang-switch");
  await page.waitForURL(/\/ar\?date=2016-12-20&place=sirte/);
  await page.waitForSelector(".panel h2");
  assert.equal(await sliderText(page), "20 ديسمبر 2016");
  await page.click("a.lang-switch");
  await page.waitForURL((u) => u.pathname === "/" && u.search.includes("date=2016-12-20"));
  await page.waitForFunction(() => document.querySelector('[role="slider"]')?.getAttribute("aria-valuetext") === "20 December 2016");
  assert.equal(await page.evaluate(() => document.documentElement.dir), "ltr");
  await page.close();
});

test("embed: only the map, the slider and a link back at the same state", async () => {
  const { page, errors } = await openAtlas(browser, "?date=2016-12-20&view=31.5,17,6&embed=1", { width: 800, height: 560 });
  for (const sel of [".masthead", ".toolbar", ".share-chart", ".credits", ".panel", ".share-open"]) assert.equal(await page.$(sel), null, `${sel} is not in the embed`);
  assert.ok(await page.$(".atlas-map"));
  assert.ok(await page.$('[role="slider"]'));
  const back = () => page.getAttribute("a.embed-back", "href");
  assert.equal(decodeURIComponent(await back()), "/?date=2016-12-20&view=31.500,17.000,6");
  await page.focus('[role="slider"]');
  await page.keyboard.press("ArrowRight");
  assert.match(await back(), /^\/\?date=2016-12-21/);
  await page.waitForFunction(() => location.search.includes("date=2016-12-21"));
  await page.waitForURL(/embed=1/, { timeout: 5000 });
  await page.screenshot({ path: path.join(SHOTS, "embed.png") });
  const ar = await openAtlas(browser, "ar?date=2016-12-20&embed=1", { width: 800, height: 560 });
  assert.match(await ar.page.getAttribute("a.embed-back", "href"), /^\/ar\?date=2016-12-20/);
  await ar.page.screenshot({ path: path.join(SHOTS, "ar-embed.png") });
  await ar.page.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test("frame-ancestors: any site may frame the embed view, only we may frame the rest", async () => {
  const normal = await fetch(`${BASE}/?date=2019-04-10`);
  const embed = await fetch(`${BASE}/?date=2019-04-10&embed=1`);
  const arEmbed = await fetch(`${BASE}/ar?embed=1`);
  assert.match(normal.headers.get("content-security-policy"), /frame-ancestors 'self'/);
  assert.equal(normal.headers.get("x-frame-options"), "SAMEORIGIN");
  for (const r of [embed, arEmbed]) {
    assert.match(r.headers.get("content-security-policy"), /frame-ancestors \*/);
    assert.equal(r.headers.get("x-frame-options"), null);
  }
  // Framed by a page of another origin (a news site): the embed loads, the full page is refused.
  const site = http.createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>News</title><iframe id="e" src="${BASE}/?date=2019-04-10&embed=1" width="600" height="400"></iframe><iframe id="n" src="${BASE}/?date=2019-04-10" width="600" height="400"></iframe>`);
  });
  await new Promise((resolve) => site.listen(0, "127.0.0.1", resolve));
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${site.address().port}/`);
  const embedFrame = await (await page.waitForSelector("#e")).contentFrame();
  await embedFrame.waitForSelector('[role="slider"]', { timeout: 30_000 });
  const normalFrame = await (await page.$("#n")).contentFrame();
  await page.waitForTimeout(500);
  assert.equal(await normalFrame.$('[role="slider"]').catch(() => null), null, "the full atlas is not framed elsewhere");
  await page.screenshot({ path: path.join(SHOTS, "embed-in-other-site.png") });
  await page.close();
  site.close();
});

test("share: the permalink and an iframe snippet, in an accessible dialog that Escape closes", async () => {
  const { page } = await openAtlas(browser, "?date=2019-04-10&place=gharyan");
  await page.click(".share-open");
  await page.waitForSelector("dialog.share-dialog[open]");
  assert.ok(await page.evaluate(() => document.querySelector("dialog.share-dialog").contains(document.activeElement)), "focus moves into the dialog");
  const link = await page.inputValue('input[name="permalink"]');
  assert.equal(link, `${BASE}/?date=2019-04-10&place=gharyan`);
  const snippet = await page.inputValue('textarea[name="embed"]');
  assert.match(snippet, new RegExp(`^<iframe src="${BASE.replace(/[.]/g, "\\.")}/\\?date=2019-04-10&embed=1" title="[^"]+"`));
  await page.screenshot({ path: path.join(SHOTS, "share-dialog.png") });
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector("dialog.share-dialog").open);
  await page.close();
});

test("take away: the map as PNG, the state as GeoJSON and CSV, the claims as CSV", async () => {
  const { page } = await openAtlas(browser, "?date=2020-06-05");
  await page.click(".share-open");
  await page.waitForSelector("dialog.share-dialog[open]");
  const get = async (sel) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(sel)]);
    const file = path.join(SHOTS, `download-${download.suggestedFilename()}`);
    await download.saveAs(file);
    return { name: download.suggestedFilename(), file, buf: fs.readFileSync(file) };
  };
  const png = await get('[data-download="png"]');
  assert.equal(png.name, "libya-control-2020-06-05.png");
  assert.deepEqual(pngSize(png.buf), { width: 1500, height: 1000 });
  assert.ok(png.buf.length > 30_000, `PNG of ${png.buf.length} bytes`);
  const geo = await get('[data-download="geojson"]');
  const fc = JSON.parse(geo.buf.toString("utf8"));
  assert.equal(fc.type, "FeatureCollection");
  assert.ok(fc.features.length > 100);
  const csv = await get('[data-download="csv"]');
  assert.equal(csv.name, "libya-control-2020-06-05.csv");
  const lines = csv.buf.toString("utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.equal(lines[0], "id,name,name_ar,kind,region,status,side,sides,since,certain");
  assert.ok(lines.length > 200);
  assert.ok(lines.some((l) => l.startsWith("sirte,Sirte,سرت,city,")));
  const claims = await get('[data-download="claims-csv"]');
  assert.match(claims.buf.toString("utf8").replace(/^\uFEFF/, "").split("\r\n")[0], /^id,/);
  await page.close();
  // The Arabic picture: drawn right to left, with Arabic names.
  const ar = await openAtlas(browser, "ar?date=2020-06-05");
  await ar.page.click(".share-open");
  await ar.page.waitForSelector("dialog.share-dialog[open]");
  await ar.page.screenshot({ path: path.join(SHOTS, "ar-share-dialog.png") });
  const [download] = await Promise.all([ar.page.waitForEvent("download"), ar.page.click('[data-download="png"]')]);
  assert.equal(download.suggestedFilename(), "libya-control-2020-06-05-ar.png");
  await download.saveAs(path.join(SHOTS, "download-map-ar.png"));
  await ar.page.close();
});

test("social cards: title and preview image per permalink; a bad date falls back, never 500", async () => {
  const html = await (await fetch(`${BASE}/?date=2019-04-10`)).text();
  assert.match(html, /<title>Libya on 10 April 2019 — Libya Control Atlas<\/title>/);
  assert.match(html, /<meta property="og:image" content="http[^"]*\/og\?date=2019-04-10"/);
  assert.match(html, /<meta name="twitter:card" content="summary_large_image"/);
  const place = await (await fetch(`${BASE}/ar?date=2011-08-30&place=tripoli`)).text();
  assert.match(place, /<title>طرابلس في 30 أغسطس 2011 — أطلس السيطرة في ليبيا<\/title>/);
  const bad = await fetch(`${BASE}/?date=2019-99-99&place=%3Cx%3E`);
  assert.equal(bad.status, 200);
  assert.match(await bad.text(), /<title>Libya on 10 April 2019 — Libya Control Atlas<\/title>/);
  for (const q of ["date=2019-04-10", "date=nonsense", "date=1999-01-01", ""]) {
    const r = await fetch(`${BASE}/og?${q}`);
    assert.equal(r.status, 200, q);
    assert.equal(r.headers.get("content-type"), "image/png", q);
    const buf = Buffer.from(await r.arrayBuffer());
    assert.deepEqual(pngSize(buf), { width: 1200, height: 630 });
    if (q === "date=2019-04-10") fs.writeFileSync(path.join(SHOTS, "og-2019-04-10.png"), buf);
  }
});

test("accessibility: no serious or critical axe violation in Arabic, in the embed view, in the share dialog", async () => {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const scan = async (page, where) => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => `${where}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`), []);
  };
  // axe needs a page of an explicit browser context.
  const open = async (query, viewport = { width: 1366, height: 900 }) => {
    const context = await browser.newContext({ viewport });
    return openAtlas({ newPage: () => context.newPage() }, query);
  };
  const ar = await open("ar?date=2019-04-10&place=gharyan");
  await ar.page.waitForSelector(".panel .claim blockquote");
  await scan(ar.page, "ar");
  await ar.page.click(".share-open");
  await ar.page.waitForSelector("dialog.share-dialog[open]");
  await scan(ar.page, "ar share dialog");
  await ar.page.close();
  const embed = await open("?date=2019-04-10&embed=1", { width: 800, height: 560 });
  await scan(embed.page, "embed");
  await embed.page.close();
});
