// @ts-check

const isDev = process.env.NODE_ENV === "development";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS
const { securityHeaders } = require("./lib/security-headers.cjs");

/**
 * NEXT_OUTPUT=standalone (opt-in, for deployment images): `next build` also writes
 * .next/standalone/server.js with the traced node_modules and data/, to run with
 * `node .next/standalone/server.js` after copying public/ and .next/static beside it (README,
 * "Deploying"). Not the default: `npm start` runs `next start`, which Next does not support
 * with standalone output (it warns on every start).
 */
const output = process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined;

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  output,
  // data/ is read by route handlers and server components at build time; trace it into the output.
  outputFileTracingIncludes: { "/**": ["./data/**/*"] },
  async headers() {
    const embed = [{ type: /** @type {const} */ ("query"), key: "embed", value: "1" }];
    return [
      { source: "/:path*", missing: embed, headers: securityHeaders({ dev: isDev, embed: false }) },
      { source: "/:path*", has: embed, headers: securityHeaders({ dev: isDev, embed: true }) },
    ];
  },
};

module.exports = nextConfig;
