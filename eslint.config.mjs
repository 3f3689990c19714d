import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "public/**", "next-env.d.ts", "screenshots/**"] },
  {
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["react", "react-dom", "react/*", "leaflet", "react-leaflet", "next", "next/*"] }],
    },
  },
];
export default config;
