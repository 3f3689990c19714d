import { describe, expect, it } from "vitest";
import { getAtlas } from "./api";
import { changesParams, claimsParams, stateParams } from "./api-params";
import { abbreviate, endpointDocs } from "./api-reference";

const atlas = getAtlas();
const docs = endpointDocs(atlas.dataset.sides.map((s) => s.id));
const byPath = new Map(docs.map((d) => [d.path, d]));

describe("API reference", () => {
  it("documents exactly the parameters each endpoint reads", () => {
    const names = (path: string) => byPath.get(path)!.params.map((p) => p.name);
    expect(names("/api/control")).toEqual(stateParams(0).names);
    expect(names("/api/state.geojson")).toEqual(stateParams(0).names);
    expect(names("/api/claims")).toEqual(claimsParams(0, atlas.ids).names);
    expect(names("/api/changes")).toEqual(changesParams(0).names);
    expect(names("/api/places")).toEqual([]);
    expect(names("/api/timeline")).toEqual([]);
  });

  it("renders a sample for every endpoint from the real answers", () => {
    for (const d of docs) {
      const sample = d.sample(atlas);
      expect(sample.length, d.path).toBeGreaterThan(50);
      expect(sample.length, d.path).toBeLessThan(20_000);
      expect(d.example.startsWith(d.path.replace("{id}", ""))).toBe(true);
    }
  });

  it("abbreviates arrays and long strings", () => {
    expect(abbreviate([1, 2, 3, 4])).toEqual([1, 2, "… 2 more"]);
    expect(abbreviate({ a: "x".repeat(200) })).toEqual({ a: `${"x".repeat(87)}…` });
  });
});
