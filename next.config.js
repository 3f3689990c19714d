// @ts-check

const isDev = process.env.NODE_ENV === "development";

/**
 * Content-Security-Policy for every page and API answer. Next's App Router inlines small
 * bootstrap scripts, so script-src needs 'unsafe-inline' unless we issue per-request nonces
 * from proxy.ts (which would also make every page dynamic); 'unsafe-eval' only in dev, where
 * React's dev tooling needs it. The map draws from data/ and public/ only (no tile servers),
 * so img-src and connect-src stay on our own origin.
 * The embed view (?embed=1) may be framed by any site: it gets frame-ancestors * and no
 * X-Frame-Options; every other answer only by our own pages.
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

/** The same policy with framing allowed everywhere, for the embed view only. */
const embedCsp = csp.replace("frame-ancestors 'self'", "frame-ancestors *");

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "X-Frame-Options", value: "SAMEORIGIN" },
];

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
      { source: "/:path*", missing: embed, headers: securityHeaders },
      {
        source: "/:path*",
        has: embed,
        headers: securityHeaders.filter((h) => h.key !== "X-Frame-Options").map((h) => (h.key === "Content-Security-Policy" ? { ...h, value: embedCsp } : h)),
      },
    ];
  },
};

module.exports = nextConfig;
