// @ts-check

const isDev = process.env.NODE_ENV === "development";

/**
 * Content-Security-Policy for every page and API answer. Next's App Router inlines small
 * bootstrap scripts, so script-src needs 'unsafe-inline' unless we issue per-request nonces
 * from proxy.ts (which would also make every page dynamic); 'unsafe-eval' only in dev, where
 * React's dev tooling needs it. The map draws from data/ and public/ only (no tile servers),
 * so img-src and connect-src stay on our own origin.
 * When the map can be embedded (?embed), those paths will need their own frame-ancestors
 * (e.g. a second headers() entry matching `has: [{ type: "query", key: "embed" }]` with
 * `frame-ancestors *`), and X-Frame-Options must be dropped for them.
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

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "X-Frame-Options", value: "SAMEORIGIN" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // data/ is read by route handlers and server components at build time; trace it into the output.
  outputFileTracingIncludes: { "/**": ["./data/**/*"] },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
