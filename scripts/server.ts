/**
 * The production server (`npm start`, the browser tests and the benchmarks run it): Next's own
 * request handler for pages, static files and the editor, behind a fast path that answers the
 * public read-only API (lib/api-node.ts) without Next's per-request machinery.
 *
 * scripts/start.mjs bundles this file (esbuild, packages left external) into
 * .next/lca-server.mjs after `next build`, so running it needs only node and node_modules.
 * Env: PORT (3000), LCA_HOST (the interface to listen on; all by default).
 */
import http from "node:http";
import next from "next";
import { handleApiRequest } from "../lib/api-node";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.LCA_HOST || undefined;
const dir = process.env.LCA_APP_DIR ?? process.cwd();

async function main(): Promise<void> {
  const app = next({ dev: false, dir, hostname: hostname ?? "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    if (handleApiRequest(req, res)) return;
    handle(req, res).catch((e: unknown) => {
      console.error(`request ${req.method} ${req.url}: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal error");
    });
  });
  // Keep-alive a little longer than typical proxies and CDNs do, so they never reuse a socket we closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, hostname, () => console.log(`Libya Control Atlas on http://${hostname ?? "localhost"}:${port}`));
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      server.close();
      process.exit(0);
    });
  }
}

main().catch((e: unknown) => {
  console.error(`server: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
