#!/usr/bin/env node
// npm start: build the production app if anything it is built from changed, then serve it
// on http://localhost:3000 (PORT to change) with scripts/server.ts. A second start with nothing
// changed does not rebuild. `--build-only`: build if needed, then exit (npm run build).
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const INPUTS = ["app", "components", "lib", "data", "public", "scripts/server.ts", "next.config.js", "package.json", "package-lock.json", "tsconfig.json"];
const stampFile = path.join(root, ".next", "lca-build-stamp");

/** A fingerprint of every input file: path, size and modification time. */
function fingerprint() {
  const h = createHash("sha256");
  const walk = (rel) => {
    const abs = path.join(root, rel);
    let st;
    try { st = fs.statSync(abs); } catch { return; }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) if (name !== "node_modules" && !name.startsWith(".")) walk(path.join(rel, name));
    } else if (!/\.test\.tsx?$/.test(rel)) h.update(`${rel}\0${st.size}\0${st.mtimeMs}\n`);
  };
  INPUTS.forEach(walk);
  return h.digest("hex");
}

/** A free TCP port on 127.0.0.1 (for servers the tests and benchmarks start). */
export function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const p = srv.address().port;
      srv.close(() => resolve(p));
    });
  });
}

export const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** The production server (scripts/server.ts), bundled by ensureBuild. */
export const serverFile = path.join(root, ".next", "lca-server.mjs");

/** Bundles scripts/server.ts and the lib/ it imports into serverFile (packages stay external). */
function bundleServer() {
  const { buildSync } = createRequire(import.meta.url)("esbuild");
  buildSync({
    entryPoints: [path.join(root, "scripts", "server.ts")],
    outfile: serverFile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
}

/**
 * Spawns the production server on a port (for tests and benchmarks): `node .next/lca-server.mjs`.
 * Options go to child_process.spawn; env is added to the caller's.
 */
export function spawnServer(port, { host = "127.0.0.1", env = {}, ...options } = {}) {
  return spawn(process.execPath, [serverFile], {
    cwd: root,
    ...options,
    env: { ...process.env, NODE_ENV: "production", ...env, PORT: String(port), LCA_HOST: host },
  });
}

/**
 * Builds the production app (next build, then the server bundle) unless the last build is of
 * exactly these inputs. Returns false on failure.
 */
export function ensureBuild() {
  const want = fingerprint();
  const have = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8") : "";
  if (want === have && fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(serverFile)) {
    console.log("Production build is up to date.");
    return true;
  }
  console.log("Building the production app (inputs changed since the last build)…");
  const r = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) return false;
  try {
    bundleServer();
  } catch (e) {
    console.error(`bundling scripts/server.ts failed: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  fs.writeFileSync(stampFile, want);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!ensureBuild()) process.exit(1);
  if (process.argv.includes("--build-only")) process.exit(0);
  const port = process.env.PORT ?? "3000";
  const child = spawn(process.execPath, [serverFile], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production", PORT: port } });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => process.exit(code ?? 0));
}
