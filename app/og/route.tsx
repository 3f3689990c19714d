/**
 * The social preview image of a permalink: the districts, areas and towns coloured by
 * their state at ?date= (the server's atlas: loadDataset + buildIndex, once per process),
 * drawn as SVG paths in a Next ImageResponse, with the date and the main sides' shares.
 * A missing or bad date means the default day; nothing here answers 500.
 * The text is English for both languages: the image renderer (satori) does not shape
 * Arabic script; the Arabic page's og:title and description carry the Arabic.
 */
import { ImageResponse } from "next/og";
import { getAtlas } from "@/lib/api";
import { DEFAULT_DAY } from "@/lib/atlas-days";
import { controlAt } from "@/lib/control-index";
import { EARLIEST_DAY, parseDay, today } from "@/lib/dates";
import { fitProjection, geometryPath, LIBYA_BOX } from "@/lib/map-projection";
import { lookOf, markerRadius, MIXED_COLOR, sideColors, UNKNOWN_COLOR } from "@/lib/map-style";
import { formattersFor, messagesFor } from "@/lib/messages";
import { totalsFromStates } from "@/lib/timeline";

const W = 1200, H = 630, MAP_W = 640;
const CACHE = "public, max-age=300, s-maxage=86400, stale-while-revalidate=604800";

interface Shape {
  d: string;
  kind: "region" | "area" | "city";
  cx: number;
  cy: number;
  r: number;
}

// Geometry projects the same for every date: compute the paths once per process.
let shapes: Shape[] | null = null;
function placeShapes(): Shape[] {
  if (shapes) return shapes;
  const project = fitProjection(LIBYA_BOX, MAP_W, H, { padding: 12 });
  shapes = getAtlas().index.places.map((p) => {
    const [cx, cy] = project(p.labelPoint.coordinates);
    return { d: p.kind === "city" ? "" : geometryPath(p.geometry, project), kind: p.kind, cx, cy, r: markerRadius(p.population) * 0.8 };
  });
  return shapes;
}

/** The day asked for, or the default day when the parameter is missing or not a day the atlas covers. */
function dayParam(raw: string | null): number {
  const d = raw ? parseDay(raw) : null;
  return d !== null && d >= EARLIEST_DAY && d <= today() ? d : DEFAULT_DAY;
}

const rank = (kind: Shape["kind"]) => (kind === "region" ? 0 : kind === "area" ? 1 : 2);

function mapSvg(day: number) {
  const atlas = getAtlas();
  const states = controlAt(atlas.index, day);
  const colors = sideColors(atlas.dataset.sides);
  const all = placeShapes();
  const order = all.map((_, i) => i).sort((a, b) => rank(all[a]!.kind) - rank(all[b]!.kind));
  const patterns = new Map<string, string[]>(); // pattern id -> colours
  const patternByKey = new Map<string, string>();
  const fills = states.map((s) => {
    const look = lookOf(s, colors);
    if (!look.hatch || look.hatch.length < 2) return { fill: look.fill, opacity: look.fillOpacity, dashed: look.dashed };
    const key = look.hatch.join(",");
    let id = patternByKey.get(key);
    if (!id) {
      id = `h${patterns.size}`;
      patterns.set(id, look.hatch);
      patternByKey.set(key, id);
    }
    return { fill: `url(#${id})`, opacity: look.fillOpacity, dashed: look.dashed };
  });
  const svg = (
    <svg width={MAP_W} height={H} viewBox={`0 0 ${MAP_W} ${H}`} xmlns="http://www.w3.org/2000/svg">
      <defs>
        {[...patterns.entries()].map(([id, cs]) => (
          <pattern key={id} id={id} width={cs.length * 8} height={cs.length * 8} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            {cs.map((c, i) => <rect key={c} x={i * 8} y={0} width={8} height={cs.length * 8} fill={c} />)}
          </pattern>
        ))}
      </defs>
      <rect x={0} y={0} width={MAP_W} height={H} fill="#dfe9f0" />
      {order.map((i) => {
        const s = all[i]!, f = fills[i]!;
        if (s.kind === "city") return <circle key={i} cx={s.cx} cy={s.cy} r={s.r} fill={f.fill} fillOpacity={Math.min(1, f.opacity + 0.3)} stroke="#333" strokeWidth={0.8} />;
        return <path key={i} d={s.d} fill={f.fill} fillOpacity={f.opacity} fillRule="evenodd" stroke="#555" strokeWidth={s.kind === "area" ? 1.4 : 0.9} strokeDasharray={f.dashed ? "4 4" : undefined} />;
      })}
    </svg>
  );
  return { states, colors, svg };
}

function image(day: number) {
  const atlas = getAtlas();
  const t = messagesFor("en");
  const f = formattersFor("en");
  const { states, colors, svg } = mapSvg(day);
  const totals = totalsFromStates(atlas.index, states);
  const area = Object.values(totals).reduce((n, x) => n + x.areaKm2, 0) || 1;
  const rows = Object.entries(totals)
    .map(([id, x]) => ({ id, share: x.areaKm2 / area, name: atlas.sideById.get(id)?.name ?? (id === "contested" ? t.contested : t.unknownSide), color: colors.get(id) ?? (id === "contested" ? MIXED_COLOR : UNKNOWN_COLOR) }))
    .sort((a, b) => b.share - a.share)
    .slice(0, 5);
  return (
    <div style={{ width: W, height: H, display: "flex", background: "#fbfaf6", color: "#1b1b1b" }}>
      {svg}
      <div style={{ display: "flex", flexDirection: "column", padding: "48px 40px", width: W - MAP_W }}>
        <div style={{ fontSize: 30, color: "#5b5b5b" }}>{t.title}</div>
        <div style={{ fontSize: 62, marginTop: 12, color: "#b00020" }}>{f.day(day)}</div>
        <div style={{ display: "flex", flexDirection: "column", marginTop: 36 }}>
          {rows.map((r) => (
            <div key={r.id} style={{ display: "flex", alignItems: "center", fontSize: 26, marginBottom: 14 }}>
              <div style={{ width: 28, height: 28, background: r.color, border: "1px solid #777", marginRight: 14 }} />
              <div style={{ display: "flex", flex: 1 }}>{r.name}</div>
              <div style={{ marginLeft: 12 }}>{f.percent(r.share)}</div>
            </div>
          ))}
        </div>
        <div style={{ marginTop: "auto", fontSize: 18, color: "#5b5b5b" }}>{t.creditsShort}</div>
      </div>
    </div>
  );
}

function fallback() {
  return new ImageResponse(
    <div style={{ width: W, height: H, display: "flex", alignItems: "center", justifyContent: "center", fontSize: 64, background: "#fbfaf6" }}>{messagesFor("en").title}</div>,
    { width: W, height: H, headers: { "Cache-Control": "public, max-age=60" } },
  );
}

export function GET(request: Request) {
  const day = dayParam(new URL(request.url).searchParams.get("date"));
  try {
    return new ImageResponse(image(day), { width: W, height: H, headers: { "Cache-Control": CACHE } });
  } catch (e) {
    // The dataset failing to load (or a drawing bug) still gives a picture, never a 500.
    console.error(`og: ${e instanceof Error ? e.message : String(e)}`);
    return fallback();
  }
}
