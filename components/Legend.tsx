"use client";
import type { Totals } from "@/lib/timeline";
import type { Side } from "@/lib/types";
import { MIXED_COLOR, UNKNOWN_COLOR } from "@/lib/map-style";

/** Sides present at the date with their share of area and population; patterns named for print. */
export default function Legend({ totals, sides }: { totals: Totals; sides: Side[] }) {
  const area = Object.values(totals).reduce((n, t) => n + t.areaKm2, 0) || 1;
  const pop = Object.values(totals).reduce((n, t) => n + t.population, 0) || 1;
  const rows = [
    ...sides.filter((s) => totals[s.id]).map((s) => ({ id: s.id, name: s.name, color: s.color, hatch: false })),
    ...(totals.contested ? [{ id: "contested", name: "Contested", color: MIXED_COLOR, hatch: true }] : []),
    ...(totals.unknown ? [{ id: "unknown", name: "Unknown (no claim)", color: UNKNOWN_COLOR, hatch: false }] : []),
  ];
  return (
    <section className="legend" aria-label="Legend">
      <table>
        <thead><tr><th scope="col">Side</th><th scope="col">Area</th><th scope="col">People</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-side={r.id}>
              <th scope="row"><span className={`chip${r.hatch ? " chip-hatch" : ""}`} style={{ background: r.hatch ? undefined : r.color }} aria-hidden="true" />{r.name}</th>
              <td>{Math.round((totals[r.id]!.areaKm2 / area) * 100)}%</td>
              <td>{Math.round((totals[r.id]!.population / pop) * 100)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="legend-note">Hatched: contested. Faded with dashed edge: uncertain date. Red dashes: front lines between districts.</p>
    </section>
  );
}
