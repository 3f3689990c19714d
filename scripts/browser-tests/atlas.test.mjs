// What a person does with the atlas, in the production build, in Chromium.
import assert from "node:assert/strict";
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

test("the first map: Libya's 22 districts and every town drawn, names on hover, credits", async () => {
  const { page, errors } = await openAtlas(browser, "?date=2019-04-10");
  const counts = await page.evaluate(() => {
    const h = window.__atlasMap;
    const drawn = h.layers.map((l, i) => (l ? h.places[i].kind : null)).filter(Boolean);
    return { regions: drawn.filter((k) => k === "region").length, cities: drawn.filter((k) => k === "city").length, allCities: h.places.filter((p) => p.kind === "city").length };
  });
  assert.equal(counts.regions, 22);
  assert.equal(counts.cities, counts.allCities);
  assert.ok(counts.cities >= 100);
  // Hover inside Kufra district (far from towns): its name appears.
  const p = await placePoint(page, "LY-KF");
  await page.mouse.move(p.x, p.y);
  await page.waitForSelector(".leaflet-tooltip", { timeout: 5000 });
  assert.match(await page.textContent(".leaflet-tooltip"), /Kufra/);
  assert.match(await page.textContent(".credits"), /Natural Earth/);
  assert.match(await page.textContent(".credits"), /GeoNames/);
  await page.screenshot({ path: path.join(SHOTS, "map-laptop.png") });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the slider: keyboard steps a day, Page Up jumps to the next change, Home and End, a typed date", async () => {
  const { page } = await openAtlas(browser, "?date=2019-04-10");
  assert.equal(await sliderText(page), "10 April 2019");
  await page.focus('[role="slider"]');
  await page.keyboard.press("ArrowRight");
  assert.equal(await sliderText(page), "11 April 2019");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await sliderText(page), "9 April 2019");
  const value = () => page.getAttribute('[role="slider"]', "aria-valuenow").then(Number);
  const here = await value();
  await page.keyboard.press("PageUp");
  const next = await value();
  assert.ok(next > here, "Page Up moves forward to a change");
  await page.keyboard.press("PageDown");
  assert.ok((await value()) < next, "Page Down moves back to a change");
  await page.keyboard.press("Home");
  assert.equal(await sliderText(page), "15 February 2011");
  await page.keyboard.press("End");
  assert.notEqual(await sliderText(page), "15 February 2011");
  await page.fill('input[name="date"]', "2016-12-20");
  await page.waitForFunction(() => document.querySelector('[role="slider"]').getAttribute("aria-valuetext") === "20 December 2016");
  await page.waitForURL(/date=2016-12-20/, { timeout: 5000 });
  await page.close();
});

test("play and pause move the date, and the map restyles without rebuilding its layers", async () => {
  const { page } = await openAtlas(browser, "?date=2011-02-20");
  // Mark every layer; after playing, the same layer objects must still be on the map.
  await page.evaluate(() => window.__atlasMap.layers.forEach((l) => l && (l.__probe = true)));
  const start = await sliderText(page);
  await page.click('button[aria-label="Play"]');
  await page.waitForTimeout(1200);
  await page.click('button[aria-label="Pause"]');
  const stopped = await sliderText(page);
  assert.notEqual(stopped, start);
  await page.waitForTimeout(400);
  assert.equal(await sliderText(page), stopped, "pause stops the date");
  const kept = await page.evaluate(() => window.__atlasMap.layers.filter(Boolean).every((l) => l.__probe === true && window.__atlasMap.map.hasLayer(l)));
  assert.ok(kept, "layers were restyled, not re-created");
  await page.close();
});

test("click a town and read a claim with its source link", async () => {
  const { page, errors } = await openAtlas(browser, "?date=2020-01-10&view=31.2,16.6,9");
  const p = await placePoint(page, "sirte");
  await page.mouse.click(p.x, p.y);
  await page.waitForSelector(".panel h2");
  assert.match(await page.textContent(".panel h2"), /Sirte/);
  assert.match(await page.textContent(".panel .state"), /Libyan National Army/);
  await page.waitForSelector(".panel .claim blockquote");
  const href = await page.getAttribute(".panel .claim-source a", "href");
  assert.match(href, /^https?:\/\//);
  await page.waitForURL(/place=sirte/, { timeout: 5000 });
  await page.screenshot({ path: path.join(SHOTS, "panel-sirte.png") });
  assert.deepEqual(errors, []);
  await page.close();
});

test("compare two dates: the places that changed hands are listed and highlighted", async () => {
  const { page } = await openAtlas(browser, "?date=2020-06-10");
  await page.fill('input[name="compare"]', "2020-03-01");
  await page.waitForSelector(".changes li");
  const text = await page.textContent(".changes");
  assert.match(text, /changed between/);
  assert.match(text, /Tarhuna|Al-Watiya|Sabratha|Surman/);
  await page.waitForURL(/compare=2020-03-01/, { timeout: 5000 });
  await page.screenshot({ path: path.join(SHOTS, "compare.png") });
  await page.close();
});

test("a permalink reloads the same state, and back/forward walk through states", async () => {
  const { page } = await openAtlas(browser, "?date=2011-08-30&place=tripoli&view=32.8,13.2,8");
  assert.equal(await sliderText(page), "30 August 2011");
  assert.match(await page.textContent(".panel h2"), /Tripoli/);
  const zoom = await page.evaluate(() => window.__atlasMap.map.getZoom());
  assert.equal(zoom, 8);
  await page.reload();
  await page.waitForSelector(".panel h2");
  assert.equal(await sliderText(page), "30 August 2011");
  await page.focus('[role="slider"]');
  await page.keyboard.press("PageUp");
  const moved = await sliderText(page);
  assert.notEqual(moved, "30 August 2011");
  // History entries are written once a burst of changes ends.
  await page.waitForURL((u) => !u.search.includes("date=2011-08-30"));
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[role="slider"]').getAttribute("aria-valuetext") === "30 August 2011");
  await page.goForward();
  await page.waitForFunction((m) => document.querySelector('[role="slider"]').getAttribute("aria-valuetext") === m, moved);
  await page.close();
});

test("bad parameters are reported, not trusted, and never break the page", async () => {
  const { page, errors } = await openAtlas(browser, "?date=2019-13-45&place=%3Cscript%3Ealert(1)%3C%2Fscript%3E&view=javascript:alert(1)");
  const notice = await page.textContent(".notice");
  assert.match(notice, /Ignored date/);
  assert.match(notice, /Ignored place/);
  assert.equal(await page.$(".panel"), null);
  assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), []);
  await page.close();
});

test("search a place by an alternate or Arabic name and fly to it", async () => {
  const { page } = await openAtlas(browser, "?date=2019-04-10");
  await page.fill('input[type="search"]', "Misurata");
  await page.press('input[type="search"]', "Enter");
  await page.waitForSelector(".panel h2");
  assert.match(await page.textContent(".panel h2"), /Misrata/);
  await page.fill('input[type="search"]', "غريان");
  await page.press('input[type="search"]', "Enter");
  await page.waitForFunction(() => /Gharyan/.test(document.querySelector(".panel h2")?.textContent ?? ""));
  await page.close();
});

test("phone: the map fills the screen, the slider works with a thumb, the panel opens as a sheet", async () => {
  const { page, errors } = await openAtlas(browser, "?date=2019-06-28", { width: 390, height: 844 });
  const box = await page.locator(".atlas-map").boundingBox();
  assert.ok(box.width >= 380, `map width ${box.width}`);
  assert.ok(box.height >= 300, `map height ${box.height}`);
  const track = await page.locator('[role="slider"]').boundingBox();
  assert.ok(track.height >= 44, "slider tall enough for a thumb");
  await page.mouse.click(track.x + track.width * 0.5, track.y + track.height / 2);
  assert.notEqual(await sliderText(page), "28 June 2019");
  await page.screenshot({ path: path.join(SHOTS, "map-phone.png") });
  const p = await placePoint(page, "tripoli");
  await page.mouse.click(p.x, p.y);
  await page.waitForSelector(".panel h2");
  const sheet = await page.locator(".panel").boundingBox();
  assert.ok(sheet.width >= 380 && sheet.y > 200, "the panel is a bottom sheet");
  await page.screenshot({ path: path.join(SHOTS, "panel-phone.png") });
  assert.deepEqual(errors, []);
  await page.close();
});

test("accessibility: no serious or critical axe violation on the map, a place's panel, compare and the phone view", async () => {
  const { AxeBuilder } = await import("@axe-core/playwright");
  for (const [query, viewport] of [["?date=2019-04-10", undefined], ["?date=2019-04-10&place=gharyan", undefined], ["?date=2020-06-10&compare=2020-03-01", undefined], ["?date=2019-04-10&place=tripoli", { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport: viewport ?? { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${BASE}/${query}`, { waitUntil: "domcontentloaded" });
    await page.waitForFunction(() => window.__atlasMap && window.__atlasLastRestyle !== undefined, null, { timeout: 60_000 });
    if (query.includes("place=")) await page.waitForSelector(".panel .claim blockquote");
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`), [], query);
    await context.close();
  }
});

test("the share chart measures area or people, and clicking it moves the date", async () => {
  const { page } = await openAtlas(browser, "?date=2019-04-10");
  assert.match(await page.textContent(".share-chart figcaption"), /area/);
  await page.click('.chart-metric button:has-text("People")');
  assert.match(await page.textContent(".share-chart figcaption"), /people/);
  assert.equal(await page.getAttribute('.chart-metric button:has-text("People")', "aria-pressed"), "true");
  const box = await page.locator(".share-chart svg").boundingBox();
  await page.mouse.click(box.x + box.width * 0.05, box.y + box.height / 2);
  assert.match(await sliderText(page), /2011|2012/);
  await page.close();
});
