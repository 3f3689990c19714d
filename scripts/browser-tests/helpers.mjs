// Shared set-up for the browser journeys: one Chromium per file, fresh pages per test.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

export const BASE = process.env.ATLAS_URL ?? "http://127.0.0.1:3000";
export const SHOTS = path.resolve(process.env.SCREENSHOT_DIR ?? "screenshots");
fs.mkdirSync(SHOTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A page on the atlas, waiting until the map has drawn its places; collects page errors. */
export async function openAtlas(browser, query = "", viewport = { width: 1366, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(`${BASE}/${query}`, { waitUntil: "domcontentloaded" });
  await page.waitForFunction(() => window.__atlasMap && window.__atlasMap.layers.filter(Boolean).length > 100, null, { timeout: 60_000 });
  await page.waitForFunction(() => window.__atlasLastRestyle !== undefined);
  return { page, errors };
}

export async function sliderText(page) {
  return page.getAttribute('[role="slider"]', "aria-valuetext");
}

/** Screen position of a place's layer (its marker, or a point inside a district). */
export async function placePoint(page, id) {
  return page.evaluate((placeId) => {
    const h = window.__atlasMap;
    const i = h.places.findIndex((p) => p.id === placeId);
    const p = h.places[i];
    const [lon, lat] = p.labelPoint.coordinates;
    const pt = h.map.latLngToContainerPoint([lat, lon]);
    const box = h.map.getContainer().getBoundingClientRect();
    return { x: box.left + pt.x, y: box.top + pt.y };
  }, id);
}
