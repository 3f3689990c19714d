"use client";
/**
 * The atlas on the client: date, selected place, compare date and view live in the URL;
 * the engine runs here (index built once), and a date change flows date → states → styles.
 * The same component serves /, /ar and their ?embed=1 views (map, slider, link back only).
 */
import dynamic from "next/dynamic";
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import type { FeatureCollection } from "geojson";
import type { Place } from "@/lib/types";
import { placeNameIn } from "@/lib/messages";
import { controlAt, nextChange, periodOf, previousChange } from "@/lib/control-index";
import { EARLIEST_DAY, dayToIso, parseDay, today } from "@/lib/dates";
import { changesBetween, territorySeries, totalsFromStates } from "@/lib/timeline";
import { formatUrlState, parseUrlState, type UrlState, type View } from "@/lib/url-state";
import { atlasPath, type Lang } from "@/lib/messages";
import { DEFAULT_DAY, MIN_DAY } from "@/lib/atlas-days";
import DateSlider from "./DateSlider";
import Legend from "./Legend";
import PlacePanel from "./PlacePanel";
import ShareChart from "./ShareChart";
import ShareDialog, { type ShareDialogProps, type ShareSnapshot } from "./ShareDialog";
import { fetchJson, useAtlas } from "./use-atlas";
import useSWRImmutable from "swr/immutable";
import { flyToPlace } from "./fly-to";
import { I18nProvider, useI18n } from "./i18n";

function MapLoading() {
  const { t } = useI18n();
  return <div className="atlas-map map-loading">{t.loadingMap}</div>;
}

/** Memoised: between two change days its props stay the same objects, so a step skips it. */
const AtlasMap = memo(dynamic(() => import("./AtlasMap"), { ssr: false, loading: () => <MapLoading /> }));

const NO_CHANGES: ReturnType<typeof changesBetween> = [];

function normalise(s: string) {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[‘’'`ʿʾ-]/g, "").replace(/^(al|el|ar|as|az|at|ad|an)\s*/i, "").toLowerCase().trim();
}

export interface AtlasAppProps {
  lang: Lang;
  /** The embeddable view: only the map, the slider and a link back to the full atlas. */
  embed?: boolean;
}

/** The search suggestions: ~200 options that never change with the date, so rendered once. */
const PlaceNames = memo(function PlaceNames({ places, lang }: { places: Place[]; lang: AtlasAppProps["lang"] }) {
  return (
    <datalist id="place-names">
      {places.map((p) => <option key={p.id} value={placeNameIn(lang, p)}>{lang === "ar" ? p.name : (p.nameAr ?? "")}</option>)}
    </datalist>
  );
});

interface ToolbarProps {
  lang: Lang;
  places: Place[];
  compare: number | null;
  max: number;
  onSearch: (q: string) => void;
  onCompare: (day: number | null) => void;
  share: Omit<ShareDialogProps, "lang" | "places">;
  /** The language switch: its href carries the current state and is kept up to date by the atlas (not a prop, so a slider step skips the toolbar). */
  langLink: RefObject<HTMLAnchorElement | null>;
}

/** Search, compare, share, language: none of it depends on the date, so a slider step skips it. */
const Toolbar = memo(function Toolbar({ lang, places, compare, max, onSearch, onCompare, share, langLink }: ToolbarProps) {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const other: Lang = lang === "ar" ? "en" : "ar";
  return (
    <div className="toolbar">
      <form className="search" role="search" onSubmit={(e) => { e.preventDefault(); onSearch(query); }}>
        <label>
          <span className="visually-hidden">{t.findPlace}</span>
          <input type="search" list="place-names" placeholder={t.findPlaceholder} value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <PlaceNames places={places} lang={lang} />
        <button type="submit">{t.find}</button>
      </form>
      <label className="compare">
        {t.compareWith}{" "}
        <input
          type="date" name="compare" min={dayToIso(MIN_DAY)} max={dayToIso(max)} value={compare !== null ? dayToIso(compare) : ""}
          onChange={(e) => onCompare(parseDay(e.target.value))}
        />
      </label>
      {compare !== null ? <button type="button" onClick={() => onCompare(null)}>{t.clearCompare}</button> : null}
      <span className="toolbar-end">
        <ShareDialog lang={lang} places={places} {...share} />
        <a ref={langLink} className="lang-switch" href={atlasPath(other)} hrefLang={other} lang={other} aria-label={t.switchLanguageLabel}>{t.switchLanguage}</a>
      </span>
    </div>
  );
});

export default function AtlasApp({ lang, embed = false }: AtlasAppProps) {
  return (
    <I18nProvider lang={lang}>
      <Atlas embed={embed} />
    </I18nProvider>
  );
}

function Atlas({ embed }: { embed: boolean }) {
  const { t, f, lang, placeName, describe } = useI18n();
  const { atlas, error, retry } = useAtlas();
  const { data: basemap } = useSWRImmutable<FeatureCollection>("/basemap.geojson", fetchJson);
  const max = today();
  const [url, setUrl] = useState<UrlState>({ day: null, place: null, compare: null, view: null });
  const [notice, setNotice] = useState<string | null>(null);
  const replaceTimer = useRef<number | undefined>(undefined);

  // Read the permalink on load and on back/forward.
  useEffect(function followUrl() {
    const read = () => {
      const { state, problems } = parseUrlState(new URLSearchParams(window.location.search), { min: EARLIEST_DAY, max });
      setUrl(state);
      setNotice(problems.length ? problems.map((p) => t.ignoredParam(p.param, p.got, p.expected)).join(" ") : null);
    };
    read();
    window.addEventListener("popstate", read);
    return () => window.removeEventListener("popstate", read);
  }, [max, t]);

  // The embed view keeps its flag in the URL as the state changes.
  const extra = useMemo((): Record<string, string> => (embed ? { embed: "1" } : {}), [embed]);
  // History writes are coalesced: Next's router reacts to every pushState/replaceState (about
  // 5 ms of main-thread work here), so the slider never writes per step. A burst of changes
  // becomes one history entry (pushed if any change in it was a deliberate step) 250 ms after it ends.
  const pendingPush = useRef(false);
  // The latest state, for callbacks that must stay the same function across steps (so the
  // memoised map, legend and dialog skip a step): updated as soon as an event writes, and
  // after every render.
  const urlRef = useRef(url);
  useLayoutEffect(function rememberUrl() {
    urlRef.current = url;
  }, [url]);
  const write = useCallback((next: UrlState, push: boolean) => {
    urlRef.current = next;
    setUrl(next);
    pendingPush.current ||= push;
    window.clearTimeout(replaceTimer.current);
    // The URL is formatted once, when the burst ends, from the state at that moment.
    replaceTimer.current = window.setTimeout(() => {
      const href = `${window.location.pathname}${formatUrlState(urlRef.current, extra)}`;
      if (pendingPush.current) window.history.pushState(null, "", href);
      else window.history.replaceState(null, "", href);
      pendingPush.current = false;
    }, 250);
  }, [extra]);

  const day = url.day ?? DEFAULT_DAY;
  // Every day of a period between two change days has the same states (the same objects), so
  // the states, totals and everything drawn from them change only when a period does.
  const period = atlas ? periodOf(atlas.index, day) : -1;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `day` matters only through `period`.
  const states = useMemo(() => (atlas ? controlAt(atlas.index, day) : []), [atlas, period]);
  const totals = useMemo(() => (atlas ? totalsFromStates(atlas.index, states) : {}), [atlas, states]);
  const series = useMemo(() => (atlas ? territorySeries(atlas.index) : []), [atlas]);
  const changes = useMemo(() => (atlas && url.compare !== null ? changesBetween(atlas.index, url.compare, day) : NO_CHANGES), [atlas, url.compare, day]);
  const highlighted = useMemo(() => new Set(changes.map((c) => c.placeId)), [changes]);

  const setDay = useCallback((d: number, commit: boolean) => write({ ...urlRef.current, day: d }, commit), [write]);
  const step = useCallback((dir: -1 | 1) => {
    if (!atlas) return;
    const from = urlRef.current.day ?? DEFAULT_DAY;
    const d = dir > 0 ? nextChange(atlas.index, from) : previousChange(atlas.index, from);
    if (d !== null) write({ ...urlRef.current, day: Math.min(d, max) }, true);
  }, [atlas, write, max]);
  const select = useCallback((id: string | null) => write({ ...urlRef.current, place: id }, true), [write]);
  // What the share dialog shares, read when it opens (derived then, not kept up to date per step).
  const snapshot = useCallback((): ShareSnapshot => {
    const u = urlRef.current;
    const d = u.day ?? DEFAULT_DAY;
    const st = atlas ? controlAt(atlas.index, d) : [];
    return { url: { ...u, day: d }, states: st, totals: atlas ? totalsFromStates(atlas.index, st) : {} };
  }, [atlas]);
  const onView = useCallback((v: View) => write({ ...urlRef.current, view: v }, false), [write]);

  const searchIndex = useMemo(() => atlas?.payload.places.flatMap((p) => [p.name, p.nameAr ?? "", ...p.alternates].filter(Boolean).map((n) => ({ key: normalise(n), id: p.id }))) ?? [], [atlas]);
  const onSearch = useCallback((q: string) => {
    if (!atlas) return;
    const k = normalise(q);
    if (!k) return;
    const hit = searchIndex.find((e) => e.key === k) ?? searchIndex.find((e) => e.key.startsWith(k)) ?? searchIndex.find((e) => e.key.includes(k));
    if (!hit) {
      setNotice(t.noPlace(q.slice(0, 40)));
      return;
    }
    setNotice(null);
    select(hit.id);
    flyToPlace(atlas.placeById.get(hit.id));
  }, [atlas, searchIndex, select, t]);
  const onCompare = useCallback((d: number | null) => write({ ...urlRef.current, compare: d }, true), [write]);
  const share = useMemo(() => atlas ? { colors: atlas.colors, sides: atlas.payload.sides, basemap: basemap ?? null, snapshot } : null, [atlas, basemap, snapshot]);
  const langLink = useRef<HTMLAnchorElement>(null);
  const here = formatUrlState({ ...url, day });
  useLayoutEffect(function keepLangLink() {
    if (langLink.current) langLink.current.href = `${atlasPath(lang === "ar" ? "en" : "ar")}${here}`;
  }, [lang, here, atlas]);

  if (error) {
    return (
      <div className="atlas-error" role="alert">
        <p>{t.dataError(error.message)}</p>
        <button type="button" onClick={retry}>{t.tryAgain}</button>
      </div>
    );
  }
  if (!atlas) return <div className="atlas-loading" role="status">{t.loadingAtlas}</div>;

  const selected = url.place ? atlas.placeById.get(url.place) : undefined;
  const region = selected?.region ? atlas.placeById.get(selected.region) : undefined;
  const sides = atlas.payload.sides;

  const map = (
    <AtlasMap
      places={atlas.payload.places} index={atlas.index} states={states} colors={atlas.colors}
      selected={url.place} highlighted={highlighted} view={url.view} basemap={basemap ?? null}
      onSelect={select} onView={onView}
    />
  );
  const slider = <DateSlider day={day} min={MIN_DAY} max={max} changeDays={atlas.index.changeDays} onChange={setDay} onStep={step} />;

  if (embed) {
    return (
      <div className="atlas atlas-embed">
        <div className="stage">
          {map}
          <Legend totals={totals} sides={sides} />
          <a className="embed-back" href={`${atlasPath(lang)}${here}`} target="_blank" rel="noopener">{t.title} · {t.openFullAtlas} ↗</a>
          <span className="embed-credits">{t.creditsShort}</span>
        </div>
        {slider}
      </div>
    );
  }

  return (
    <div className={`atlas${selected ? " has-panel" : ""}`}>
      <Toolbar
        lang={lang} places={atlas.payload.places} compare={url.compare} max={max}
        onSearch={onSearch} onCompare={onCompare} share={share!} langLink={langLink}
      />
      {notice ? <p className="notice" role="status">{notice}</p> : null}
      <div className="stage">
        {map}
        <Legend totals={totals} sides={sides} />
        {selected ? (
          <PlacePanel
            place={selected} index={atlas.index} day={day} sides={sides} colors={atlas.colors}
            regionName={region ? placeName(region) : null} onDay={(d) => setDay(d, true)} onClose={() => select(null)}
          />
        ) : null}
      </div>
      {url.compare !== null ? (
        <section className="changes" aria-label={t.changesLabel}>
          <h2>{t.changedBetween(changes.length, f.number(changes.length), f.day(Math.min(url.compare, day)), f.day(Math.max(url.compare, day)))}</h2>
          <ul>
            {changes.slice(0, 200).map((c) => {
              const p = atlas.placeById.get(c.placeId)!;
              return (
                <li key={c.placeId}>
                  <button type="button" onClick={() => select(c.placeId)}>{placeName(p)}</button>: {describe(url.compare! < day ? c.before : c.after, sides)} {lang === "ar" ? "←" : "→"} {describe(url.compare! < day ? c.after : c.before, sides)}
                  {c.claims.length ? <span className="muted"> ({t.claimCount(c.claims.length, f.number(c.claims.length))})</span> : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {slider}
      <ShareChart series={series} sides={sides} day={day} min={MIN_DAY} max={max} onDay={(d) => setDay(d, true)} />
    </div>
  );
}
