#!/usr/bin/env node
// npm start: build the production app if anything it is built from changed, then serve it
// on http://localhost:3000 (PORT to change). A second start with nothing changed does not rebuild.
import { createHash } from "node:crypto";
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const INPUTS = ["app", "components", "lib", "data", "public", "next.config.js", "package.json", "package-lock.json", "tsconfig.json"];
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

/** Builds the production app unless the last build is of exactly these inputs. Returns false on failure. */
export function ensureBuild() {
  const want = fingerprint();
  const have = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8") : "";
  if (want === have && fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.log("Production build is up to date.");
    return true;
  }
  console.log("Building the production app (inputs changed since the last build)…");
  const r = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) return false;
  fs.writeFileSync(stampFile, want);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!ensureBuild()) process.exit(1);
  const port = process.env.PORT ?? "3000";
  const child = spawn(process.execPath, [nextBin, "start", "-p", port], { cwd: root, stdio: "inherit" });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => process.exit(code ?? 0));
}
