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
import { describeState, formatClaimDate, formatDay } from "./format";
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

const STATUS_WORDS: Record<ResolvedClaim["status"], string> = {
  controls: "controls", captured: "captured", lost: "lost", withdrew: "withdrew from", contested: "fighting for", offensive: "attacking",
};

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
  const side = sides.find((s) => s.id === claim.sideId);
  const detail = ledger?.claims[claim.id];
  const source = detail ? ledger?.sources.find((s) => s.id === detail.source) : undefined;
  const actor = ledger?.actors.find((a) => a.id === claim.actor)?.name ?? claim.actor;
  const href = safeHref(source?.url);
  return (
    <li className={`claim${future ? " claim-future" : ""}`} data-claim={claim.id}>
      <div className="claim-head">
        <span className="chip" style={{ background: colors.get(claim.sideId) ?? "#999" }} aria-hidden="true" />
        <strong>{actor}</strong> <span>{STATUS_WORDS[claim.status]}</span>
        <span className="claim-date" title={`precision: ${claim.precision}`}>{formatClaimDate(claim.date)}{claim.precision !== "day" ? ` (${claim.precision})` : ""}</span>
      </div>
      <div className="claim-side">{side?.name ?? claim.sideId}</div>
      {detail ? (
        <>
          {detail.quote ? <blockquote>“{detail.quote.replace(/^["“”']+|["“”']+$/g, "")}”</blockquote> : <p className="paraphrase">{detail.paraphrase}</p>}
          <div className="claim-source">
            {href ? <a href={href} target="_blank" rel="noopener noreferrer nofollow">{source?.publisher ?? "source"}</a> : <span>{source?.publisher}</span>}
            {source ? <span>, {formatClaimDate(source.published)}</span> : null}
            <span className={`confidence confidence-${detail.confidence}`}> · {detail.confidence} confidence</span>
          </div>
          {source ? <div className="claim-title">{source.title}</div> : null}
          {detail.notes ? <div className="claim-notes">{detail.notes}</div> : null}
        </>
      ) : <p className="loading">Loading the source…</p>}
    </li>
  );
}

export default function PlacePanel({ place, index, day, sides, colors, regionName, onDay, onClose }: PlacePanelProps) {
  const { ledger, error, retry } = useLedger(true);
  const state = stateOf(index, place.id, day);
  const sideName = (id: string) => sides.find((s) => s.id === id)?.name ?? id;
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
    <aside className="panel" aria-label={`${place.name}: control and claims`}>
      <header className="panel-head">
        <div>
          <h2>{place.name}{place.nameAr ? <span className="ar" lang="ar" dir="rtl"> {place.nameAr}</span> : null}</h2>
          <div className="panel-kind">{place.kind === "region" ? "District" : place.kind === "area" ? "Area" : (place.category ?? "Town")}{regionName ? ` · ${regionName}` : ""}{place.population ? ` · pop. ${place.population.toLocaleString("en")}` : ""}{place.approximate ? " · approximate location" : ""}</div>
        </div>
        <button type="button" className="close" onClick={onClose} aria-label="Close panel">×</button>
      </header>
      <p className={`state state-${state.status}`}>
        <span className="chip" style={{ background: lookOf(state, colors).fill }} aria-hidden="true" />
        {describeState(state, sideName)}
        {!state.certain ? <em className="uncertain"> — uncertain: a claim dated only to a month or year (or an inferred hand-over) decides it</em> : null}
        {state.derived ? <em> — from the towns in it</em> : null}
      </p>
      {history.length ? (
        <section>
          <h3>History</h3>
          <ol className="history" aria-label="History of control">
            {history.map((h) => {
              const to = h.to ?? Math.max(last, day) + 365;
              return (
                <li key={h.from} style={{ left: `${((h.from - first) / span) * 100}%`, width: `${Math.max(0.6, ((to - h.from + 1) / span) * 100)}%` }}>
                  <button
                    type="button" onClick={() => onDay(h.from)}
                    style={{ background: lookOf(h.state, colors).fill, opacity: h.state.certain ? 1 : 0.55 }}
                    title={`${formatDay(h.from)}${h.to !== null ? ` – ${formatDay(h.to)}` : " onwards"}: ${describeState(h.state, sideName)}`}
                    aria-label={`${formatDay(h.from)}: ${describeState(h.state, sideName)}`}
                  />
                </li>
              );
            })}
          </ol>
        </section>
      ) : null}
      {error ? <p className="error" role="alert">Could not load the sources ({error.message}). <button type="button" onClick={retry}>Retry</button></p> : null}
      {derivedFrom.length ? (
        <section>
          <h3>Towns it is derived from</h3>
          <p className="derived">{derivedFrom.map((p) => `${p.name}: ${describeState(stateOf(index, p.id, day), sideName)}`).join("; ")}</p>
        </section>
      ) : null}
      <div className="ledger">
        <section>
          <h3>Claims behind this state ({supporting.length})</h3>
          <ul className="claims">{supporting.map((c) => <ClaimCard key={c.id} claim={c} ledger={ledger} sides={sides} colors={colors} future={false} />)}</ul>
        </section>
        <section>
          <h3>Conflicting claims ({conflicts.length})</h3>
          {conflicts.length ? <ul className="claims">{conflicts.map((c) => <ClaimCard key={c.id} claim={c} ledger={ledger} sides={sides} colors={colors} future={false} />)}</ul> : <p className="muted">None on or before this date.</p>}
        </section>
      </div>
      <section>
        <h3>All claims about {place.name} ({claims.length})</h3>
        <ul className="claims">{claims.map((c) => <ClaimCard key={c.id} claim={c} ledger={ledger} sides={sides} colors={colors} future={c.effectiveDay > day} />)}</ul>
      </section>
    </aside>
  );
}
