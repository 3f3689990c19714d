"use client";
/**
 * The analyst's panel: a place's state at the date and since when, the claims behind it and
 * those that disagree, side by side, and its history as a clickable strip.
 */
import { useMemo } from "react";
import { stateOf, supportingClaims, type ControlIndex } from "@/lib/control-index";
import { historyOf, disagreeingClaims } from "@/lib/timeline";
import { lookOf } from "@/lib/map-style";
import type { LedgerPayload } from "@/lib/payload";
import type { Place, ResolvedClaim, Side } from "@/lib/types";
import { useI18n } from "./i18n";
import { useLedger } from "./use-atlas";

export interface PlacePanelProps {
  place: Place;
  index: ControlIndex;
  day: number;
  sides: Side[];
  colors: Map<string, string>;
  regionName: string | null;
  onDay: (day: number) => void;
  onClose: () => void;
}

/** Only http(s) links ever reach an href, whatever the data says. */
function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function ClaimCard({ claim, ledger, sides, colors, future }: { claim: ResolvedClaim; ledger: LedgerPayload | undefined; sides: Side[]; colors: Map<string, string>; future: boolean }) {
  const { t, f, sideName } = useI18n();
  const detail = ledger?.claims[claim.id];
  const source = detail ? ledger?.sources.find((s) => s.id === detail.source) : undefined;
  const actorEntry = ledger?.actors.find((a) => a.id === claim.actor);
  const actor = (t.lang === "ar" ? actorEntry?.nameAr : undefined) ?? actorEntry?.name ?? claim.actor;
  const href = safeHref(source?.url);
  return (
    <li className={`claim${future ? " claim-future" : ""}`} data-claim={claim.id}>
      <div className="claim-head">
        <span className="chip" style={{ background: colors.get(claim.sideId) ?? "#999" }} aria-hidden="true" />
        <strong>{actor}</strong> <span>{t.statusWords[claim.status]}</span>
        <span className="claim-date" title={t.precisionTitle(t.precision[claim.precision])}>{f.claimDate(claim.date)}{claim.precision !== "day" ? ` (${t.precision[claim.precision]})` : ""}</span>
        {future ? <span className="claim-after">{t.afterThisDate}</span> : null}
      </div>
      <div className="claim-side">{sideName(sides, claim.sideId)}</div>
      {detail ? (
        <>
          {detail.quote ? <blockquote lang={source?.language} dir="auto">“{detail.quote.replace(/^["“”']+|["“”']+$/g, "")}”</blockquote> : <p className="paraphrase" dir="auto">{detail.paraphrase}</p>}
          <div className="claim-source">
            {/* dir="auto" isolates each part, so a Latin publisher next to an Arabic date keeps its order. */}
            {href ? <a href={href} target="_blank" rel="noopener noreferrer nofollow" dir="auto">{source?.publisher ?? t.sourceFallback}</a> : <span dir="auto">{source?.publisher}</span>}
            {source ? <>{t.lang === "ar" ? "، " : ", "}<bdi>{f.claimDate(source.published)}</bdi></> : null}
            <span className={`confidence confidence-${detail.confidence}`}> · {t.confidence[detail.confidence]}</span>
          </div>
          {source ? <div className="claim-title" lang={source.language} dir="auto">{source.title}</div> : null}
          {detail.notes ? <div className="claim-notes" dir="auto">{detail.notes}</div> : null}
        </>
      ) : <p className="loading">{t.loadingSource}</p>}
    </li>
  );
}

export default function PlacePanel({ place, index, day, sides, colors, regionName, onDay, onClose }: PlacePanelProps) {
  const { t, f, placeName, describe } = useI18n();
  const { ledger, error, retry } = useLedger(true);
  const state = stateOf(index, place.id, day);
  const name = placeName(place);
  const kind = place.kind === "region" ? t.district : place.kind === "area" ? t.drawnArea : (place.category ? (t.categories[place.category] ?? place.category) : t.categories.town!);
  const history = useMemo(() => historyOf(index, place.id), [index, place.id]);
  const i = index.placeIndex.get(place.id)!;
  const claims = useMemo(() => [...index.claimsByPlace[i]!].sort((a, b) => a.effectiveDay - b.effectiveDay), [index, i]);
  const support = new Set(supportingClaims(index, place.id, day));
  const conflicts = useMemo(() => {
    const ids = new Set(state.conflicts);
    for (const c of disagreeingClaims(index, place.id, day)) ids.add(c.id);
    return claims.filter((c) => ids.has(c.id));
  }, [index, place.id, day, state.conflicts, claims]);
  const supporting = claims.filter((c) => support.has(c.id) && !conflicts.includes(c));
  const derivedFrom = state.derived ? index.children[i]!.map((k) => index.places[k]!).filter((p) => stateOf(index, p.id, day).status !== "unknown") : [];
  const first = history[0]?.from ?? day;
  const last = index.changeDays[index.changeDays.length - 1] ?? day;
  const span = Math.max(1, Math.max(last, day) + 365 - first);

  return (
    <aside className="panel" aria-label={t.panelLabel(name)}>
      <header className="panel-head">
        <div>
          <h2>{name}{t.lang === "ar" ? (name !== place.name ? <> <span className="other-name" lang="en" dir="ltr">{place.name}</span></> : null) : place.nameAr ? <> <span className="other-name" lang="ar" dir="rtl">{place.nameAr}</span></> : null}</h2>
          <div className="panel-kind">{kind}{regionName ? ` · ${regionName}` : ""}{place.population ? ` · ${t.population(f.number(place.population))}` : ""}{place.approximate ? ` · ${t.approximateLocation}` : ""}</div>
        </div>
        <button type="button" className="close" onClick={onClose} aria-label={t.closePanel}>×</button>
      </header>
      <p className={`state state-${state.status}`}>
        <span className="chip" style={{ background: lookOf(state, colors).fill }} aria-hidden="true" />
        {describe(state, sides)}
        {!state.certain ? <em className="uncertain">{t.uncertainNote}</em> : null}
        {state.derived ? <em>{t.derivedNote}</em> : null}
      </p>
      {history.length ? (
        <section>
          <h3>{t.history}</h3>
          <ol className="history" aria-label={t.historyLabel}>
            {history.map((h) => {
              const to = h.to ?? Math.max(last, day) + 365;
              return (
                <li key={h.from} style={{ insetInlineStart: `${((h.from - first) / span) * 100}%`, width: `${Math.max(0.6, ((to - h.from + 1) / span) * 100)}%` }}>
                  <button
                    type="button" onClick={() => onDay(h.from)}
                    style={{ background: lookOf(h.state, colors).fill, opacity: h.state.certain ? 1 : 0.55 }}
                    title={`${f.day(h.from)}${h.to !== null ? ` – ${f.day(h.to)}` : ` ${t.onwards}`}: ${describe(h.state, sides)}`}
                    aria-label={`${f.day(h.from)}: ${describe(h.state, sides)}`}
                  />
                </li>
              );
            })}
          </ol>
        </section>
      ) : null}
      {error ? <p className="error" role="alert">{t.sourcesError(error.message)} <button type="button" onClick={retry}>{t.retry}</button></p> : null}
      {derivedFrom.length ? (
        <section>
          <h3>{t.derivedFrom}</h3>
          <p className="derived">{derivedFrom.map((p) => `${placeName(p)}: ${describe(stateOf(index, p.id, day), sides)}`).join(t.lang === "ar" ? "؛ " : "; ")}</p>
        </section>
      ) : null}
      <div className="ledger">
        <section>
          <h3>{t.claimsBehind(f.number(supporting.length))}</h3>
          <ul className="claims">{supporting.map((c) => <ClaimCard key={c.id} claim={c} ledger={ledger} sides={sides} colors={colors} future={false} />)}</ul>
        </section>
        <section>
          <h3>{t.conflicting(f.number(conflicts.length))}</h3>
          {conflicts.length ? <ul className="claims">{conflicts.map((c) => <ClaimCard key={c.id} claim={c} ledger={ledger} sides={sides} colors={colors} future={false} />)}</ul> : <p className="muted">{t.noConflicts}</p>}
        </section>
      </div>
      <section>
        <h3>{t.allClaims(name, f.number(claims.length))}</h3>
        <ul className="claims">{claims.map((c) => <ClaimCard key={c.id} claim={c} ledger={ledger} sides={sides} colors={colors} future={c.effectiveDay > day} />)}</ul>
      </section>
    </aside>
  );
}
