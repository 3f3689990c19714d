// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // data/ is read by route handlers and server components at build time; trace it into the output.
  outputFileTracingIncludes: { "/**": ["./data/**/*"] },
};

module.exports = nextConfig;
