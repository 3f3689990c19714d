/**
 * npm run bench:api
 * Times the /api/control and /api/state.geojson bodies (the pure functions plus JSON
 * serialisation, as the route handlers run them on a cache miss) for 500 random dates.
 * Prints a table, then one JSON line with the numbers.
 */
import { controlBody, getAtlas, stateGeoJsonBody } from "../lib/api";
import { EARLIEST_DAY, today } from "../lib/dates";

const RUNS = 500;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

function main(): void {
  const t0 = performance.now();
  const atlas = getAtlas();
  const loadMs = performance.now() - t0;

  // A fixed seed (a small LCG) so runs compare like with like.
  let seed = 20110217;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
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

  const control = bench((day) => JSON.stringify(controlBody(atlas, { day, kind: null })));
  const state = bench((day) => JSON.stringify(stateGeoJsonBody(atlas, { day, kind: null })));
  console.log(`atlas: ${atlas.dataset.places.length} places, ${atlas.dataset.claims.length} claims, loaded and indexed in ${round(loadMs, 1)} ms`);
  console.log(`/api/control        median ${control.medianMs} ms, p95 ${control.p95Ms} ms, ${control.medianBytes} bytes`);
  console.log(`/api/state.geojson  median ${state.medianMs} ms, p95 ${state.p95Ms} ms, ${state.medianBytes} bytes`);
  console.log(JSON.stringify({ runs: RUNS, loadMs: round(loadMs, 1), control, state }));
}

main();
