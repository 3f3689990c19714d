#!/usr/bin/env node
// npm run size — page weight of the production build, gzipped:
//  - the JavaScript the first view loads (the <script> tags of the HTML), against a bare Next.js
//    page of the same version built the same way (target: within 60 KB of it);
//  - the lazily loaded chunks the map pulls in after hydration, listed apart;
//  - the data the first view needs (the engine payload and the base map; target: under 150 KB).
// The last line is JSON.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { ensureBuild, freePort } from "./start.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const kb = (n) => Math.round((n / 1024) * 10) / 10;


async function serve(dir) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(dir, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return { base, stop: () => child.kill() };
}

/** gzip size of the scripts in the HTML of `url`. */
async function initialScripts(base, pagePath = "/") {
  const html = await (await fetch(base + pagePath)).text();
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
  let total = 0;
  for (const s of [...new Set(srcs)]) total += gz(Buffer.from(await (await fetch(new URL(s, base))).arrayBuffer()));
  return { total, count: new Set(srcs).size, html: gz(Buffer.from(html)) };
}

/** Scripts the page loads after the initial ones (the lazily loaded map chunk and Leaflet). */
async function lazyScripts(base, initialCount) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage();
  const scripts = [];
  page.on("response", async (r) => {
    if (r.request().resourceType() === "script") scripts.push(r.body().then((b) => ({ url: r.url(), size: gz(b) })).catch(() => null));
  });
  await page.goto(base + "/", { waitUntil: "networkidle" });
  await page.waitForFunction(() => window.__atlasMap !== undefined, null, { timeout: 60_000 }).catch(() => {});
  const all = (await Promise.all(scripts)).filter(Boolean);
  await browser.close();
  return { all: all.reduce((n, s) => n + s.size, 0), count: all.length, initialCount };
}

function buildBare() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lca-bare-next-"));
  fs.mkdirSync(path.join(dir, "app"));
  fs.writeFileSync(path.join(dir, "app/layout.tsx"), 'export default function L({ children }: { children: React.ReactNode }) { return <html lang="en"><body>{children}</body></html>; }\n');
  fs.writeFileSync(path.join(dir, "app/page.tsx"), "export default function P() { return <main>Hello</main>; }\n");
  const own = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bare", private: true, dependencies: { next: own.dependencies.next, react: own.dependencies.react, "react-dom": own.dependencies["react-dom"] } }));
  // Hard links, not a symlink: Turbopack refuses a symlinked node_modules.
  spawnSync("cp", ["-al", path.join(root, "node_modules"), path.join(dir, "node_modules")]);
  // The bare app's own copy of next: one from another folder would resolve a second React.
  const r = spawnSync(process.execPath, [path.join(dir, "node_modules/next/dist/bin/next"), "build"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error("the bare Next.js page did not build");
  return dir;
}

if (!ensureBuild()) process.exit(1);
const bareDir = buildBare();
const bare = await serve(bareDir);
const bareJs = await initialScripts(bare.base);
bare.stop();
fs.rmSync(bareDir, { recursive: true, force: true });

const app = await serve(root);
try {
  const appJs = await initialScripts(app.base);
  const lazy = await lazyScripts(app.base, appJs.count);
  const atlas = gz(Buffer.from(await (await fetch(app.base + "/data/atlas")).arrayBuffer()));
  const basemap = gz(Buffer.from(await (await fetch(app.base + "/basemap.geojson")).arrayBuffer()));
  const over = appJs.total - bareJs.total;
  console.log(`bare Next.js page: ${kb(bareJs.total)} KB JS in ${bareJs.count} scripts`);
  console.log(`atlas first view:  ${kb(appJs.total)} KB JS in ${appJs.count} scripts (+${kb(over)} KB over bare; target ≤ 60 KB)`);
  console.log(`after hydration:    ${kb(lazy.all - appJs.total)} KB more JS loaded lazily (the map chunk with Leaflet)`);
  console.log(`first-view data:    ${kb(atlas + basemap)} KB (engine payload ${kb(atlas)} KB + base map ${kb(basemap)} KB; target < 150 KB); HTML ${kb(appJs.html)} KB`);
  console.log(JSON.stringify({ bareJsKB: kb(bareJs.total), firstViewJsKB: kb(appJs.total), overBareKB: kb(over), lazyJsKB: kb(lazy.all - appJs.total), dataKB: kb(atlas + basemap) }));
} finally {
  app.stop();
}
