"use client";
import { memo } from "react";
import type { Totals } from "@/lib/timeline";
import type { Side } from "@/lib/types";
import { MIXED_COLOR, UNKNOWN_COLOR } from "@/lib/map-style";
import { useI18n } from "./i18n";

export interface LegendRow {
  id: string;
  name: string;
  color: string;
  hatch: boolean;
  /** Share of Libya's area and population, 0…1. */
  area: number;
  people: number;
}

/** The legend's rows: sides present at the date, then contested and unknown (also drawn into the PNG). */
export function legendRows(totals: Totals, sides: Side[], names: { side: (s: Side) => string; contested: string; unknown: string }): LegendRow[] {
  const area = Object.values(totals).reduce((n, t) => n + t.areaKm2, 0) || 1;
  const pop = Object.values(totals).reduce((n, t) => n + t.population, 0) || 1;
  const share = (id: string) => ({ area: totals[id]!.areaKm2 / area, people: totals[id]!.population / pop });
  return [
    ...sides.filter((s) => totals[s.id]).map((s) => ({ id: s.id, name: names.side(s), color: s.color, hatch: false, ...share(s.id) })),
    ...(totals.contested ? [{ id: "contested", name: names.contested, color: MIXED_COLOR, hatch: true, ...share("contested") }] : []),
    ...(totals.unknown ? [{ id: "unknown", name: names.unknown, color: UNKNOWN_COLOR, hatch: false, ...share("unknown") }] : []),
  ];
}

/** Sides present at the date with their share of area and population; patterns named for print. */
function Legend({ totals, sides }: { totals: Totals; sides: Side[] }) {
  const { t, f, sideName } = useI18n();
  const rows = legendRows(totals, sides, { side: (s) => sideName(sides, s.id), contested: t.contested, unknown: t.unknownSide });
  return (
    <section className="legend" aria-label={t.legend}>
      <table>
        <thead><tr><th scope="col">{t.side}</th><th scope="col">{t.area}</th><th scope="col">{t.people}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-side={r.id}>
              <th scope="row"><span className={`chip${r.hatch ? " chip-hatch" : ""}`} style={{ background: r.hatch ? undefined : r.color }} aria-hidden="true" />{r.name}</th>
              <td>{f.percent(r.area)}</td>
              <td>{f.percent(r.people)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="legend-note">{t.legendNote}</p>
    </section>
  );
}

/** Totals are the same object for every day between two change days, so most steps skip this. */
export default memo(Legend);
