"use client";
/**
 * "Share and download": a modal <dialog> (the browser traps focus in it and closes it on
 * Escape) with the permalink, an <iframe> snippet for the embed view, the map as a PNG and
 * the state at the date as GeoJSON and CSV.
 */
import { memo, useEffect, useRef, useState } from "react";
import type { FeatureCollection } from "geojson";
import type { PlaceState } from "@/lib/control-index";
import { toCsv } from "@/lib/api-csv";
import { dayToIso } from "@/lib/dates";
import { atlasPath, type Lang } from "@/lib/messages";
import type { Totals } from "@/lib/timeline";
import type { Place, Side } from "@/lib/types";
import { formatUrlState, type UrlState } from "@/lib/url-state";
import { legendRows } from "./Legend";
import { useI18n } from "./i18n";

/** What the dialog shares: the atlas state at the moment it opens. */
export interface ShareSnapshot {
  /** The state to share, with its day set. */
  url: UrlState & { day: number };
  states: PlaceState[];
  totals: Totals;
}

export interface ShareDialogProps {
  lang: Lang;
  places: Place[];
  colors: Map<string, string>;
  sides: Side[];
  basemap: FeatureCollection | null;
  /**
   * The current state, read when the dialog opens. A getter rather than props, so the slider
   * moving the date does not re-render the dialog on every step (the modal dialog makes the
   * page inert while it is open, so the state cannot change under it; back/forward closes it).
   */
  snapshot: () => ShareSnapshot;
}

/** Saves a blob under a file name (an <a download> click). */
function save(blob: Blob, name: string) {
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** The state at the date, one row per place. */
export function stateCsv(places: Place[], states: PlaceState[]): string {
  const rows = places.map((p, i) => {
    const s = states[i]!;
    const side = s.status === "held" ? s.side : null;
    const sides = s.status === "contested" ? s.sides.join(" ") : s.status === "mixed" ? s.shares.map((x) => x.side).join(" ") : "";
    return [p.id, p.name, p.nameAr, p.kind, p.region, s.status, side, sides, s.since !== null ? dayToIso(s.since) : null, s.certain];
  });
  return toCsv(["id", "name", "name_ar", "kind", "region", "status", "side", "sides", "since", "certain"], rows);
}

function ShareDialog({ lang, places, colors, sides, basemap, snapshot }: ShareDialogProps) {
  const { t, f, dir, sideName } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [origin, setOrigin] = useState("");
  const [copied, setCopied] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [snap, setSnap] = useState<ShareSnapshot | null>(null);
  useEffect(function closeOnHistoryMove() {
    const close = () => dialog.current?.close();
    window.addEventListener("popstate", close);
    return () => window.removeEventListener("popstate", close);
  }, []);
  // Until first opened, render as of the current state (so the dialog's markup is complete).
  const { url, states, totals } = snap ?? snapshot();
  const iso = dayToIso(url.day);
  const permalink = `${origin}${atlasPath(lang)}${formatUrlState(url)}`;
  const embedSrc = `${origin}${atlasPath(lang)}${formatUrlState({ ...url, place: null }, { embed: "1" })}`;
  const snippet = `<iframe src="${embedSrc}" title="${t.iframeTitle(f.day(url.day)).replace(/"/g, "&quot;")}" width="100%" height="600" style="border:0" loading="lazy" allow="fullscreen"></iframe>`;

  const open = () => {
    setSnap(snapshot());
    setOrigin(window.location.origin);
    setCopied(null);
    dialog.current?.showModal();
  };
  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      // No clipboard (permissions, http): the text is selected for a manual copy instead.
    }
  };
  const downloadPng = async () => {
    setBusy(true);
    try {
      const { mapImagePng } = await import("./map-image");
      const legend = legendRows(totals, sides, { side: (s) => sideName(sides, s.id), contested: t.contested, unknown: t.unknownSide });
      const blob = await mapImagePng({
        places, states, colors, basemap, legend, legendHead: [t.side, t.area, t.people],
        title: t.title, date: f.day(url.day), credits: t.creditsShort, dir, percent: f.percent,
      });
      save(blob, `libya-control-${iso}${lang === "ar" ? "-ar" : ""}.png`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="share-open" onClick={open} aria-haspopup="dialog">{t.share}</button>
      <dialog ref={dialog} className="share-dialog" aria-labelledby="share-title" onClick={(e) => { if (e.target === dialog.current) dialog.current.close(); }}>
        <div className="share-body">
          <header className="share-head">
            <h2 id="share-title">{t.shareTitle} <span className="muted">· {f.day(url.day)}</span></h2>
            <button type="button" className="close" onClick={() => dialog.current?.close()} aria-label={t.close}>×</button>
          </header>
          <label className="share-field">
            <span>{t.permalink}</span>
            <span className="share-row">
              <input name="permalink" readOnly value={permalink} dir="ltr" onFocus={(e) => e.currentTarget.select()} />
              <button type="button" onClick={() => copy("link", permalink)}>{copied === "link" ? t.copied : t.copy}</button>
            </span>
          </label>
          <label className="share-field">
            <span>{t.embedCode}</span>
            <span className="share-row">
              <textarea name="embed" readOnly value={snippet} rows={4} dir="ltr" onFocus={(e) => e.currentTarget.select()} />
              <button type="button" onClick={() => copy("embed", snippet)}>{copied === "embed" ? t.copied : t.copy}</button>
            </span>
          </label>
          <h3>{t.downloads}</h3>
          <ul className="share-downloads">
            <li><button type="button" onClick={downloadPng} disabled={busy} data-download="png">{t.downloadPng}</button></li>
            <li><a href={`/api/state.geojson?date=${iso}`} download={`libya-control-${iso}.geojson`} data-download="geojson">{t.downloadGeojson}</a></li>
            <li><button type="button" onClick={() => save(new Blob([stateCsv(places, states)], { type: "text/csv;charset=utf-8" }), `libya-control-${iso}.csv`)} data-download="csv">{t.downloadStateCsv}</button></li>
            <li><a href={`/api/claims?to=${iso}&format=csv`} download data-download="claims-csv">{t.downloadClaimsCsv}</a></li>
          </ul>
        </div>
      </dialog>
    </>
  );
}

export default memo(ShareDialog);
