import fc from "fast-check";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const call = (path: string) => proxy(new NextRequest(`http://x${path}`));

describe("proxy: paths Next cannot decode", () => {
  it("answers 400 JSON for broken percent-encoding, before Next's own 500", async () => {
    for (const path of ["/api/places/%", "/api/places/%E0%A4%A", "/api/places/%zz", "/api/places/%C0%AF"]) {
      const res = call(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { param: string; expected: string; got: string } };
      expect(body.error).toMatchObject({ param: "path", got: path });
    }
  });

  it("lets every decodable path through", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 30 }), fc.boolean(), (s, encode) => {
      const seg = encode ? encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, "")) : s.replace(/[^A-Za-z0-9%\-_.~]/g, "");
      const path = `/api/places/${seg}`;
      let decodable = true;
      try {
        decodeURIComponent(new URL(`http://x${path}`).pathname);
      } catch {
        decodable = false;
      }
      const res = call(path);
      expect(res.status === 400).toBe(!decodable);
    }), { numRuns: 500 });
  });
});
