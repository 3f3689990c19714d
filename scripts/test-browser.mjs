#!/usr/bin/env node
// npm run test:browser — builds the production app if needed, serves it on a free port, and
// runs the browser journeys (scripts/browser-tests/*.test.mjs) in the system Chromium through
// playwright-core. Without Chromium it fails with the command that installs it; never skips.
// The server reads a temporary copy of data/ (LCA_ROOT) with the editor on (EDITOR_TOKEN), so
// the editor journeys write to the copy and never to the project's data/.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuild, freePort, spawnServer } from "./start.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter(Boolean);
const chromium = candidates.find((p) => fs.existsSync(p));
if (!chromium) {
  console.error("test:browser: no Chromium found (looked at " + candidates.join(", ") + ").\n" +
    "Install Debian's: apt-get update && apt-get install -y chromium   (or set CHROMIUM_PATH).");
  process.exit(1);
}
if (!ensureBuild()) process.exit(1);

const port = await freePort();
const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), "lca-browser-data-"));
fs.cpSync(path.join(root, "data"), path.join(dataRoot, "data"), { recursive: true });
const editorEnv = { LCA_ROOT: dataRoot, EDITOR_TOKEN: "test-token" };
const cleanup = () => fs.rmSync(dataRoot, { recursive: true, force: true });
const server = spawnServer(port, { stdio: ["ignore", "pipe", "inherit"], env: editorEnv });
const base = `http://127.0.0.1:${port}`;
let ready = false;
for (let i = 0; i < 120 && !ready; i++) {
  try {
    const r = await fetch(`${base}/data/atlas`);
    ready = r.ok;
  } catch {
    await new Promise((r) => setTimeout(r, 500));
  }
}
if (!ready) {
  console.error("test:browser: the production server did not start");
  server.kill();
  cleanup();
  process.exit(1);
}
const files = fs.readdirSync(path.join(root, "scripts/browser-tests")).filter((f) => f.endsWith(".test.mjs")).map((f) => path.join("scripts/browser-tests", f));
const r = spawnSync(process.execPath, ["--test", "--test-concurrency=1", ...files], {
  cwd: root, stdio: "inherit", env: { ...process.env, ...editorEnv, ATLAS_URL: base, CHROMIUM_PATH: chromium },
});
server.kill();
cleanup();
process.exit(r.status ?? 1);
