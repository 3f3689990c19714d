import { describe, expect, it } from "vitest";
import { fitProjection, geometryPath, LIBYA_BOX } from "./map-projection";

describe("fitProjection", () => {
  it("puts the box's corners inside the canvas, north up", () => {
    const p = fitProjection(LIBYA_BOX, 1200, 630, { padding: 10 });
    const [x0, y0] = p([LIBYA_BOX.west, LIBYA_BOX.north]);
    const [x1, y1] = p([LIBYA_BOX.east, LIBYA_BOX.south]);
    expect(x0).toBeGreaterThanOrEqual(10);
    expect(y0).toBeGreaterThanOrEqual(10);
    expect(x1).toBeLessThanOrEqual(1190);
    expect(y1).toBeLessThanOrEqual(620);
    expect(y1).toBeGreaterThan(y0);
  });
});

describe("geometryPath", () => {
  const p = fitProjection({ west: 0, south: 0, east: 10, north: 10 }, 100, 100);
  it("closes polygon rings and leaves lines open", () => {
    expect(geometryPath({ type: "Polygon", coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]]] }, p)).toMatch(/^M[\d.,]+(L[\d.,]+)+Z$/);
    expect(geometryPath({ type: "LineString", coordinates: [[0, 0], [10, 0]] }, p)).not.toMatch(/Z$/);
    expect(geometryPath({ type: "Point", coordinates: [1, 1] }, p)).toBe("");
  });
});
