#!/usr/bin/env node
// npm run bench:scrub — main-thread milliseconds per slider step in headless Chromium:
//  1. the production build on the Libya data, driven through the real slider (keyboard steps,
//     Page Up/Down jumps to changes, clicks at random dates on the share chart);
//  2. a synthetic grid of 5,000 polygons with 20 changes each, drawn the atlas's way (engine
//     index + setStyle on changed features) and with Leaflet.timeline, in the same browser
//     session, over the same random date sequence, both with the atlas's Canvas renderer
//     (components/atlas-canvas.ts), so the figures compare the update strategies.
// Per step we measure main-thread work with Chromium's own task accounting (the DevTools
// protocol's TaskDuration: script, React's render and effects, Leaflet's canvas redraw, style,
// layout and paint), from the update until two frames later, minus the same measurement of a
// step that does nothing (the measuring itself). A rAF-based timer would miss the work React
// and Leaflet defer to microtasks, effects and their own frame callbacks.
// Prints median and p95 per case; the last line is JSON.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { ensureBuild, freePort, spawnServer } from "./start.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const STEPS = Number(process.env.BENCH_STEPS ?? 300);
const N = Number(process.env.BENCH_POLYGONS ?? 5000);

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 100) / 100;
  return { median: q(0.5), p95: q(0.95), steps: s.length };
};

// In-page helpers: run an update, then wait until two frames have been drawn.
const MEASURE = `
window.__settle = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))));
window.__step = async (update) => { update(); await window.__settle(); };`;

/** Main-thread ms of each step, measured by Chromium (TaskDuration), less the cost of measuring. */
async function measureSteps(page, runStep, count) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
  const taskMs = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value * 1000;
  const measure = async (fn) => {
    const a = await taskMs();
    await fn();
    return (await taskMs()) - a;
  };
  const idle = [];
  for (let i = 0; i < 30; i++) idle.push(await measure(() => page.evaluate(() => window.__step(() => {}))));
  const base = stats(idle).median;
  const out = [];
  for (let i = 0; i < count; i++) out.push(Math.max(0, (await measure(() => runStep(i))) - base));
  await cdp.detach();
  return { times: out, baseMs: base };
}

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}


async function benchLibya(browser, base) {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(`${base}/?date=2011-03-01`, { waitUntil: "networkidle" });
  await page.waitForFunction(() => window.__atlasMap && window.__atlasLastRestyle !== undefined, null, { timeout: 60_000 });
  await page.addScriptTag({ content: MEASURE });
  await page.evaluate(() => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    window.__libyaStep = () => {
      const slider = document.querySelector('[role="slider"]');
      const chart = document.querySelector(".share-chart svg");
      const key = (k) => () => slider.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
      const r = rand();
      if (r < 0.4) return window.__step(key(rand() < 0.8 ? "ArrowRight" : "ArrowLeft"));
      if (r < 0.7) return window.__step(key(rand() < 0.5 ? "PageUp" : "PageDown"));
      const box = chart.getBoundingClientRect();
      const x = box.left + box.width * (0.02 + rand() * 0.6);
      return window.__step(() => chart.dispatchEvent(new MouseEvent("click", { clientX: x, clientY: box.top + 5, bubbles: true })));
    };
  });
  const { times, baseMs } = await measureSteps(page, () => page.evaluate(() => window.__libyaStep()), STEPS);
  await page.close();
  return { ...stats(times), baseMs };
}

async function benchSynthetic(browser, which, bundle) {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.setContent(`<!doctype html><html><head><style>html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div></body></html>`);
  await page.addStyleTag({ path: path.join(root, "node_modules/leaflet/dist/leaflet.css") });
  await page.addScriptTag({ path: path.join(root, "node_modules/leaflet/dist/leaflet.js") });
  await page.addScriptTag({ path: path.join(root, "node_modules/leaflet.timeline/dist/leaflet.timeline.js") });
  await page.addScriptTag({ content: bundle });
  await page.addScriptTag({ content: MEASURE });
  const setupMs = await page.evaluate(({ which, n }) => {
    const B = window.ScrubBench;
    const map = L.map("map", { preferCanvas: true }).setView([27, 17], 5);
    const t0 = performance.now();
    const data = B.makeData(n, 20);
    const impl = which === "ours" ? B.setupOurs(map, data) : B.setupTimeline(map, data);
    impl.step(B.START + 10);
    let seed = 5;
    const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    let day = B.START + 100;
    window.__synthStep = (jump) => {
      day = jump ? B.START + Math.floor(rand() * (B.END - B.START)) : Math.min(B.END, day + 1);
      const d = day;
      return window.__step(() => impl.step(d));
    };
    return performance.now() - t0;
  }, { which, n: N });
  await page.evaluate(() => window.__settle());
  // Alternate random jumps and single-day steps; report them apart.
  const { times, baseMs } = await measureSteps(page, (i) => page.evaluate((j) => window.__synthStep(j), i % 2 === 0), STEPS);
  const result = { out: times.filter((_, i) => i % 2 === 0), singles: times.filter((_, i) => i % 2 === 1), setupMs, baseMs };
  await page.close();
  return { ...stats(result.out), singleMedian: stats(result.singles).median, setupMs: Math.round(result.setupMs), baseMs: result.baseMs };
}

// ATLAS_URL: measure an already running server instead of building and starting one.
const external = process.env.ATLAS_URL;
if (!external && !ensureBuild()) process.exit(1);
const bundle = (await build({
  entryPoints: [path.join(root, "scripts/bench/scrub-entry.ts")], bundle: true, write: false, format: "iife",
  globalName: "ScrubBench", platform: "browser", target: "es2022", minify: true, logLevel: "error",
  // The page loads Leaflet (and Leaflet.timeline onto it) as a script: the atlas's renderer
  // must extend that same L, not a second bundled copy.
  plugins: [{
    name: "global-leaflet",
    setup(b) {
      b.onResolve({ filter: /^leaflet$/ }, () => ({ path: "leaflet", namespace: "global-leaflet" }));
      b.onLoad({ filter: /.*/, namespace: "global-leaflet" }, () => ({ contents: "module.exports = window.L;", loader: "js" }));
    },
  }],
})).outputFiles[0].text;

const port = external ? 0 : await freePort();
const server = external ? null : spawnServer(port, { stdio: ["ignore", "ignore", "inherit"] });
const base = external ?? `http://127.0.0.1:${port}`;
let browser;
try {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/data/atlas`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  browser = await launch();
  const libya = await benchLibya(browser, base);
  console.log(`Libya data (production build, real slider): median ${libya.median} ms, p95 ${libya.p95} ms per step over ${libya.steps} steps (measuring overhead ${Math.round(libya.baseMs * 100) / 100} ms subtracted)`);
  const ours = await benchSynthetic(browser, "ours", bundle);
  console.log(`Synthetic ${N} polygons, random jumps, atlas engine + setStyle: median ${ours.median} ms, p95 ${ours.p95} ms (single-day steps ${ours.singleMedian} ms; setup ${ours.setupMs} ms)`);
  const timeline = await benchSynthetic(browser, "timeline", bundle);
  console.log(`Synthetic ${N} polygons, random jumps, Leaflet.timeline:        median ${timeline.median} ms, p95 ${timeline.p95} ms (single-day steps ${timeline.singleMedian} ms; setup ${timeline.setupMs} ms)`);
  const ratio = Math.round((timeline.median / Math.max(0.01, ours.median)) * 10) / 10;
  console.log(`Leaflet.timeline / atlas (median of random jumps): ${ratio}×`);
  console.log(JSON.stringify({ libya: { medianMs: libya.median, p95Ms: libya.p95 }, synthetic: { polygons: N, ours: { medianMs: ours.median, p95Ms: ours.p95 }, leafletTimeline: { medianMs: timeline.median, p95Ms: timeline.p95 }, ratio } }));
} finally {
  await browser?.close();
  server?.kill();
}
