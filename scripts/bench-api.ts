/**
 * npm run bench:api
 *
 * 1. Functions: times the /api/control and /api/state.geojson bodies as the route handlers
 *    render them on a cache miss (controlJson; the state as object plus JSON.stringify) for 500
 *    random dates, and controlBody plus JSON.stringify for comparison.
 * 2. HTTP: builds the production app if needed (scripts/start.mjs), starts the production
 *    server (`npm start`'s: scripts/server.ts, Next behind the API fast path) on a free port,
 *    warms it, then runs autocannon (100 connections, 30 s each) against /api/control with varied
 *    dates (2011–2024; each connection its own random sequence) and against a static file served by the same
 *    server (/basemap.geojson, by Next) as the baseline. Prints requests/s, p50/p99 latency,
 *    errors (non-2xx answers plus socket errors and timeouts) and the server's CPU use for both:
 *    autocannon runs on the same machine, and a server well under one core means the load
 *    generator, not the server, set the pace. Last, the same load against a floor: a bare
 *    node:http server sending /api/control's exact headers and bytes for one date, i.e. what
 *    the load generator and the machine allow for answers of that size.
 *
 * Targets (2-core machine): zero errors, p99 under 50 ms, and /api/control at least half the
 * static file's requests/s. The last line is JSON with every figure and `pass`; the exit code
 * is 1 when a target is missed. Not part of `npm test`.
 *
 * Env: BENCH_SECONDS (default 30) per HTTP run, BENCH_WARMUP_SECONDS (default 5) per warm-up,
 * BENCH_CONNECTIONS (default 100), BENCH_ACCEPT_ENCODING (none by default, as autocannon; e.g.
 * "gzip, deflate, br" for what browsers send), BENCH_SKIP_HTTP=1 for the functions section only.
 * The server is stopped at the end whatever happens (error, Ctrl-C).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon, { type Options as CannonOptions, type Request as CannonRequest, type Result } from "autocannon";
import { controlBody, controlJson, getAtlas, stateGeoJsonBody } from "../lib/api";
import { dayNumber, dayToIso, EARLIEST_DAY, today } from "../lib/dates";
import { ensureBuild, freePort, spawnServer } from "./start.mjs";

const RUNS = 500;
const envInt = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? Math.round(n) : fallback;
};
const SECONDS = envInt("BENCH_SECONDS", 30);
const WARMUP_SECONDS = envInt("BENCH_WARMUP_SECONDS", 5);
const CONNECTIONS = envInt("BENCH_CONNECTIONS", 100);
/** Sent as Accept-Encoding on every request when set (e.g. "gzip, deflate, br", as browsers and CDNs send); autocannon sends none by default. */
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? "";
const STATIC_PATH = "/basemap.geojson";
const FIRST_BENCH_DAY = dayNumber(2011, 1, 1);
const LAST_BENCH_DAY = dayNumber(2024, 12, 31);
const TARGET_P99_MS = 50;
const TARGET_RATIO = 0.5;


function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

/** A seeded generator (a small LCG) so runs compare like with like. */
function lcg(seed: number): () => number {
  return () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

// ---------- 1. the pure functions ----------

function benchFunctions() {
  const t0 = performance.now();
  const atlas = getAtlas();
  const loadMs = performance.now() - t0;

  const random = lcg(20110217);
  const days = Array.from({ length: RUNS }, () => EARLIEST_DAY + Math.floor(random() * (today() - EARLIEST_DAY + 1)));

  const bench = (render: (day: number) => string) => {
    for (const d of days.slice(0, 50)) render(d); // warm up the JIT
    const times: number[] = [];
    const sizes: number[] = [];
    for (const d of days) {
      const s = performance.now();
      const body = render(d);
      times.push(performance.now() - s);
      sizes.push(Buffer.byteLength(body));
    }
    times.sort((a, b) => a - b);
    sizes.sort((a, b) => a - b);
    return {
      medianMs: round(quantile(times, 0.5)), p95Ms: round(quantile(times, 0.95)), maxMs: round(times[times.length - 1]!),
      medianBytes: quantile(sizes, 0.5), maxBytes: sizes[sizes.length - 1]!,
    };
  };

  const control = bench((day) => controlJson(atlas, { day, kind: null }));
  const controlObject = bench((day) => JSON.stringify(controlBody(atlas, { day, kind: null })));
  const state = bench((day) => JSON.stringify(stateGeoJsonBody(atlas, { day, kind: null })));
  console.log(`== Functions (${RUNS} random dates, cache miss path) ==`);
  console.log(`atlas: ${atlas.dataset.places.length} places, ${atlas.dataset.claims.length} claims, loaded and indexed in ${round(loadMs, 1)} ms`);
  console.log(`/api/control        median ${control.medianMs} ms, p95 ${control.p95Ms} ms, ${control.medianBytes} bytes (controlJson)`);
  console.log(`  same, uncached    median ${controlObject.medianMs} ms, p95 ${controlObject.p95Ms} ms (JSON.stringify(controlBody))`);
  console.log(`/api/state.geojson  median ${state.medianMs} ms, p95 ${state.p95Ms} ms, ${state.medianBytes} bytes`);
  return { runs: RUNS, loadMs: round(loadMs, 1), control, controlObject, state };
}

// ---------- 2. HTTP against the production server ----------


let server: ChildProcess | null = null;

/** Stops the server and everything it started (its own process group). Safe to call twice. */
function stopServer(): void {
  const s = server;
  server = null;
  if (!s || s.exitCode !== null || s.pid === undefined) return;
  try {
    process.kill(-s.pid, "SIGTERM");
  } catch {
    s.kill("SIGTERM");
  }
}

process.on("exit", stopServer);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    stopServer();
    process.exit(130);
  });
}

async function startServer(port: number): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawnServer(port, { stdio: ["ignore", "ignore", "inherit"], detached: true });
  server = child;
  let exited = false;
  child.on("exit", () => (exited = true));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error("the production server exited before it answered");
    try {
      const res = await fetch(`${base}/api/control?date=2019-04-06`);
      await res.arrayBuffer();
      if (res.ok) return base;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the production server did not answer within 60 s");
}

/**
 * Dates each connection cycles through (a connection makes ~1,000–2,000 requests in a 30 s run;
 * 100 connections × 50 draws cover ~60 % of the 5,114 days). autocannon builds a connection's
 * requests when the run has already started (~35 µs each on these machines), so a longer list
 * would stall the first requests of the run.
 */
const DATES_PER_CONNECTION = 50;

/**
 * /api/control with varied dates from 2011–2024: each connection gets its own seeded random
 * sample of dates and asks for them in turn, so consecutive requests name different dates and
 * the connections do not move in step. The requests are built once, before the run: building one
 * per request in autocannon's setupRequest cost the load generator ~15 % of its time, and it
 * shares the machine with the server.
 */
function controlLoad(seed: number): Pick<CannonOptions, "setupClient"> {
  const random = lcg(seed);
  const span = LAST_BENCH_DAY - FIRST_BENCH_DAY + 1;
  const lists: CannonRequest[][] = Array.from({ length: CONNECTIONS }, () =>
    Array.from({ length: DATES_PER_CONNECTION }, () => ({
      method: "GET" as const,
      path: `/api/control?date=${dayToIso(FIRST_BENCH_DAY + Math.floor(random() * span))}`,
    })));
  let next = 0;
  return { setupClient: (client) => client.setRequests(lists[next++ % lists.length]!) };
}

interface HttpFigures {
  path: string;
  /** The server process's CPU time over the run as a share of one core (Linux /proc; null elsewhere). */
  serverCpu: number | null;
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  errors: number;
  bytesPerSec: number;
}

/** The server's user+system CPU time in seconds, from /proc (Linux); null when unreadable. */
function serverCpuSeconds(pid: number | undefined): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** Runs autocannon and notes how busy the server was meanwhile (to tell a slow server from a busy load generator). */
type Load = { path?: string } & Pick<CannonOptions, "setupClient">;

async function measured(label: string, base: string, seconds: number, opts: Load, pid = server?.pid): Promise<HttpFigures> {
  const cpu0 = serverCpuSeconds(pid);
  const t0 = performance.now();
  const r = await cannon(base, seconds, opts);
  const cpu1 = serverCpuSeconds(pid);
  const wall = (performance.now() - t0) / 1000;
  return figures(label, r, seconds, cpu0 === null || cpu1 === null ? null : round((cpu1 - cpu0) / wall, 2));
}

function figures(label: string, r: Result, seconds: number, serverCpu: number | null): HttpFigures {
  return {
    path: label,
    serverCpu,
    seconds,
    connections: CONNECTIONS,
    requests: r["2xx"] + r.non2xx,
    requestsPerSec: round(r.requests.average, 1),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    non2xx: r.non2xx,
    socketErrors: r.errors - r.timeouts,
    timeouts: r.timeouts,
    errors: r.non2xx + r.errors,
    bytesPerSec: Math.round(r.throughput.average),
  };
}

async function cannon(base: string, seconds: number, opts: Load): Promise<Result> {
  return autocannon({
    url: `${base}${opts.path ?? "/"}`, connections: CONNECTIONS, duration: seconds, setupClient: opts.setupClient,
    headers: ACCEPT_ENCODING ? { "accept-encoding": ACCEPT_ENCODING } : {},
  });
}

function printFigures(f: HttpFigures): void {
  console.log(
    `${f.path.padEnd(34)} ${String(f.requestsPerSec).padStart(8)} req/s  p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms  max ${f.maxMs} ms  ` +
    `errors ${f.errors} (non-2xx ${f.non2xx}, socket ${f.socketErrors}, timeouts ${f.timeouts})  ${Math.round(f.bytesPerSec / 1024)} KiB/s` +
    (f.serverCpu === null ? "" : `  server CPU ${Math.round(f.serverCpu * 100)}% of a core`),
  );
}

/** One raw answer (status, headers, bytes as sent), with the bench's Accept-Encoding. */
function rawGet(url: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: ACCEPT_ENCODING ? { "accept-encoding": ACCEPT_ENCODING } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string" && !["date", "connection", "keep-alive"].includes(k)) headers[k] = v;
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
    }).on("error", reject);
  });
}

const FLOOR_SERVER = `
const http = require("node:http"), fs = require("node:fs");
const body = fs.readFileSync(process.env.FLOOR_BODY), headers = JSON.parse(fs.readFileSync(process.env.FLOOR_HEADERS, "utf8"));
const server = http.createServer((req, res) => { res.writeHead(200, headers); res.end(body); });
server.keepAliveTimeout = 65000;
server.listen(Number(process.env.FLOOR_PORT), "127.0.0.1", () => console.log("ready"));
`;

/**
 * The floor: a bare node:http server on the same machine that answers every request with the
 * very headers and bytes /api/control gave for one date and does nothing else. The same load
 * against it shows what the load generator and the machine allow: read /api/control's figures
 * against it. (Not a target; printed so that a missed latency target can be told apart from a
 * slow server.)
 */
async function benchFloor(base: string): Promise<HttpFigures> {
  const sample = await rawGet(`${base}/api/control?date=2019-04-06`);
  if (sample.status !== 200) throw new Error(`/api/control answered ${sample.status}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lca-floor-"));
  const bodyFile = path.join(dir, "body");
  const headersFile = path.join(dir, "headers.json");
  fs.writeFileSync(bodyFile, sample.body);
  fs.writeFileSync(headersFile, JSON.stringify(sample.headers));
  const port = await freePort();
  const child = spawn(process.execPath, ["-e", FLOOR_SERVER], {
    env: { ...process.env, FLOOR_PORT: String(port), FLOOR_BODY: bodyFile, FLOOR_HEADERS: headersFile },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once("data", () => resolve());
      child.once("exit", () => reject(new Error("the floor server exited before it listened")));
    });
    const floorBase = `http://127.0.0.1:${port}`;
    await cannon(floorBase, WARMUP_SECONDS, { path: "/api/control", ...controlLoad(1) });
    return await measured(`floor: same bytes, bare node:http`, floorBase, SECONDS, { path: "/api/control", ...controlLoad(20110217) }, child.pid);
  } finally {
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function benchHttp() {
  console.log("\n== HTTP (production server, autocannon) ==");
  if (!ensureBuild()) throw new Error("the production build failed");
  const port = await freePort();
  const base = await startServer(port);
  console.log(`server ${base}; ${CONNECTIONS} connections, ${SECONDS} s per run, ${WARMUP_SECONDS} s warm-up each; ` +
    `Accept-Encoding: ${ACCEPT_ENCODING || "(none)"}`);

  const staticRes = await fetch(`${base}${STATIC_PATH}`);
  const staticBytes = (await staticRes.arrayBuffer()).byteLength;
  if (!staticRes.ok) throw new Error(`${STATIC_PATH} answered ${staticRes.status}`);

  // Warm-up: the JIT, the atlas, Next's route and file caches. Different date sequence from the measured run.
  await cannon(base, WARMUP_SECONDS, { path: "/api/control", ...controlLoad(1) });
  await cannon(base, WARMUP_SECONDS, { path: STATIC_PATH });

  const control = await measured("/api/control?date=(2011–2024)", base, SECONDS, { path: "/api/control", ...controlLoad(20110217) });
  printFigures(control);
  const staticFile = await measured(`${STATIC_PATH} (${staticBytes} bytes)`, base, SECONDS, { path: STATIC_PATH });
  printFigures(staticFile);
  const floor = await benchFloor(base);
  printFigures(floor);
  return { control, static: staticFile, floor };
}

async function main(): Promise<void> {
  const functions = benchFunctions();
  if (process.env.BENCH_SKIP_HTTP === "1") {
    console.log(JSON.stringify({ functions }));
    return;
  }
  let http: Awaited<ReturnType<typeof benchHttp>>;
  try {
    http = await benchHttp();
  } finally {
    stopServer();
  }
  const ratio = round(http.control.requestsPerSec / http.static.requestsPerSec, 2);
  const targets = {
    zeroErrors: http.control.errors === 0 && http.static.errors === 0,
    // The latency target is the API's; the static file's p99 is printed as the baseline.
    p99Under50Ms: http.control.p99Ms < TARGET_P99_MS,
    controlAtLeastHalfStatic: ratio >= TARGET_RATIO,
  };
  const pass = Object.values(targets).every(Boolean);
  console.log(`\n/api/control / static = ${ratio} (target ≥ ${TARGET_RATIO}); ` +
    `zero errors: ${targets.zeroErrors ? "yes" : "NO"}; p99 < ${TARGET_P99_MS} ms: ${targets.p99Under50Ms ? "yes" : "NO"} ` +
    `(${http.control.p99Ms} ms; the floor's ${http.floor.p99Ms} ms at ${http.floor.requestsPerSec} req/s); ` +
    (pass ? "all targets met." : "TARGETS MISSED."));
  console.log(JSON.stringify({ functions, http, ratio, targets, pass }));
  if (!pass) process.exitCode = 1;
}

main().catch((e: unknown) => {
  stopServer();
  console.error(`bench:api: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
