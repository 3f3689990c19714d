"use client";
import { memo, useMemo, useState, type MouseEvent } from "react";
import type { SeriesPoint } from "@/lib/timeline";
import type { Side } from "@/lib/types";
import { UNKNOWN_COLOR, MIXED_COLOR } from "@/lib/map-style";
import { useI18n } from "./i18n";

const W = 1000, H = 60;

/** The stacked areas: large path strings that only change with the data, so rendered once. */
const ChartPaths = memo(function ChartPaths({ paths }: { paths: { id: string; color: string; d: string }[] }) {
  return <>{paths.map((p) => <path key={p.id} d={p.d} fill={p.color} opacity={0.85} />)}</>;
});

/** The caption and the area/people toggle: they change with the metric, not the date. */
const ChartCaption = memo(function ChartCaption({ metric, min, max, onMetric }: {
  metric: "areaKm2" | "population"; min: number; max: number; onMetric: (m: "areaKm2" | "population") => void;
}) {
  const { t, f } = useI18n();
  return (
    <figcaption>
      {metric === "areaKm2" ? t.chartCaption(f.year(min), f.year(max)) : t.chartCaptionPeople(f.year(min), f.year(max))}{" "}
      <span className="chart-metric" role="group" aria-label={t.chartMetric}>
        <button type="button" aria-pressed={metric === "areaKm2"} onClick={() => onMetric("areaKm2")}>{t.chartArea}</button>
        <button type="button" aria-pressed={metric === "population"} onClick={() => onMetric("population")}>{t.chartPeople}</button>
      </span>
    </figcaption>
  );
});

/** Share of area (or population) per side through time, stacked; a cursor at the date; click to move the date. */
export default function ShareChart({ series, sides, day, min, max, onDay }: { series: SeriesPoint[]; sides: Side[]; day: number; min: number; max: number; onDay: (d: number) => void }) {
  const { t, f, dir } = useI18n();
  const [metric, setMetric] = useState<"areaKm2" | "population">("areaKm2");
  const rtl = dir === "rtl";
  const keys = useMemo(() => [...sides.map((s) => ({ id: s.id, color: s.color })), { id: "contested", color: MIXED_COLOR }, { id: "unknown", color: UNKNOWN_COLOR }], [sides]);
  const paths = useMemo(() => {
    const x = (d: number) => ((d - min) / Math.max(1, max - min)) * W;
    const pts = series.filter((p) => p.day <= max);
    const out: { id: string; color: string; d: string }[] = [];
    const base = pts.map(() => 0);
    for (const k of keys) {
      let d = "";
      const tops: number[] = [];
      pts.forEach((p, i) => {
        const total = Object.values(p.totals).reduce((n, t) => n + t[metric], 0) || 1;
        tops[i] = base[i]! + (p.totals[k.id]?.[metric] ?? 0) / total;
      });
      if (tops.every((t, i) => t === base[i])) continue;
      // Step function: each point holds until the next.
      pts.forEach((p, i) => {
        const x0 = x(p.day), x1 = x(pts[i + 1]?.day ?? max);
        d += `${i === 0 ? "M" : "L"}${x0},${H - tops[i]! * H}L${x1},${H - tops[i]! * H}`;
      });
      for (let i = pts.length - 1; i >= 0; i--) {
        const x0 = x(pts[i]!.day), x1 = x(pts[i + 1]?.day ?? max);
        d += `L${x1},${H - base[i]! * H}L${x0},${H - base[i]! * H}`;
      }
      out.push({ id: k.id, color: k.color, d: `${d}Z` });
      tops.forEach((t, i) => (base[i] = t));
    }
    return out;
  }, [series, keys, min, max, metric]);
  const cursor = ((day - min) / Math.max(1, max - min)) * W;
  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    // Right to left the chart is mirrored (CSS), so time runs from the right edge.
    const x = (rtl ? r.right - e.clientX : e.clientX - r.left) / r.width;
    onDay(Math.round(min + x * (max - min)));
  };
  return (
    <figure className="share-chart">
      <ChartCaption metric={metric} min={min} max={max} onMetric={setMetric} />
      {/* The cursor is a positioned element over the chart, not part of the SVG: moving it
          must not make the browser repaint the large area paths on every slider step. */}
      <div className="share-chart-plot">
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" onClick={onClick} role="img" aria-label={t.chartLabel(f.day(day))}>
          <ChartPaths paths={paths} />
        </svg>
        <span className="share-chart-rail" style={{ transform: `translateX(${(cursor / W) * 100}%)` }} aria-hidden="true">
          <span className="share-chart-cursor" />
        </span>
      </div>
    </figure>
  );
}
