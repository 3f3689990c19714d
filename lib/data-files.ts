/**
 * Reads the data files from disk (server side: scripts, route handlers, tests).
 * Kept apart from check.ts so the checker itself stays pure and runs in the browser too.
 */
import fs from "node:fs";
import path from "node:path";
import { parseData, type DataFile } from "./check";
import type { Dataset } from "./types";

/** The project root: where data/ lives (overridable for tests and the editor). */
export function projectRoot(): string {
  return process.env.LCA_ROOT ?? process.cwd();
}

/** Every data file under `<root>/data`, as { path: "data/…", text }. Unreadable files become empty text. */
export function readDataFiles(root: string = projectRoot()): DataFile[] {
  const out: DataFile[] = [];
  const walk = (rel: string) => {
    const abs = path.join(/*turbopackIgnore: true*/ root, rel);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else if (/\.(geo)?json$/.test(e.name)) out.push({ path: r, text: fs.readFileSync(path.join(/*turbopackIgnore: true*/ root, r), "utf8") });
    }
  };
  walk("data");
  return out;
}

let cached: { root: string; dataset: Dataset } | null = null;

/** The validated dataset, loaded once per process. Throws DataError when data/ is invalid. */
export function loadDataset(root: string = projectRoot()): Dataset {
  if (cached && cached.root === root) return cached.dataset;
  const dataset = parseData(readDataFiles(root));
  cached = { root, dataset };
  return dataset;
}
