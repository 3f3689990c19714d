// @ts-check
/**
 * The security headers of every answer, in one place: next.config.js gives them to Next (pages,
 * static files, route handlers) and lib/api-node.ts adds them to the API answers the
 * production server sends itself (scripts/server.ts). CommonJS, because next.config.js is.
 *
 * Content-Security-Policy: Next's App Router inlines small bootstrap scripts, so script-src
 * needs 'unsafe-inline' unless we issue per-request nonces from proxy.ts (which would also make
 * every page dynamic); 'unsafe-eval' only in dev, where React's dev tooling needs it. The map
 * draws from data/ and public/ only (no tile servers), so img-src and connect-src stay on our
 * own origin. The embed view (?embed=1) may be framed by any site: it gets frame-ancestors *
 * and no X-Frame-Options; every other answer only by our own pages.
 */

/** @param {boolean} dev */
function contentSecurityPolicy(dev) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
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
}

/**
 * The headers as { key, value } pairs (the shape next.config.js's headers() wants).
 * @param {{ dev: boolean, embed: boolean }} options
 * @returns {{ key: string, value: string }[]}
 */
function securityHeaders({ dev, embed }) {
  const csp = contentSecurityPolicy(dev);
  const all = [
    { key: "Content-Security-Policy", value: embed ? csp.replace("frame-ancestors 'self'", "frame-ancestors *") : csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    { key: "X-Frame-Options", value: "SAMEORIGIN" },
  ];
  return embed ? all.filter((h) => h.key !== "X-Frame-Options") : all;
}

module.exports = { securityHeaders };
