"use client";
/**
 * From an article to reviewed claims: paste or upload the text, find candidate claims (the
 * server runs lib/extract on the current data), review each (accept, edit, reject) with its
 * words highlighted in the text, fill the source's metadata, preview the effect on the places,
 * and save through the safe store. Problems come back per field; a conflict keeps the input.
 * Everything is rendered as text; a URL becomes a link only when it is http(s).
 */
import { useId, useMemo, useState } from "react";
import type { CandidateClaim } from "@/lib/extract";
import { CLAIM_STATUSES, type ClaimStatus, type Confidence, type SourceMeta } from "@/lib/types";
import type { EditorSession } from "./EditorApp";
import { callEditor, errorMessage, readFileText, safeHref, type EditorErrorBody, type EditorIssue } from "./editor-client";
import { SketchMap, type SketchLayer } from "./GeoJsonSketch";
import styles from "./editor.module.css";

/** What the extractor proposes (lib/extract.ts), as the API sends it. */
type Candidate = CandidateClaim;

interface ClaimFields {
  place: string;
  actor: string;
  status: ClaimStatus;
  date: string;
  quote: string;
  confidence: Confidence;
  notes: string;
}

type Decision = "pending" | "accepted" | "rejected";

interface Draft {
  key: string;
  n: number;
  candidate: Candidate | null;
  decision: Decision;
  claim: ClaimFields;
  /** The id it was saved under; unsaved drafts get ids when previewed or saved. */
  savedId?: string;
}

type Meta = SourceMeta;

interface PreviewRow {
  placeId: string;
  placeName: string;
  kind: string;
  claims: string[];
  date: string;
  before: StateSummary;
  after: StateSummary;
  changed: boolean;
}

interface StateSummary {
  status: "held" | "contested" | "mixed" | "unknown";
  sides: string[];
  text: string;
}

interface Existing {
  /** The source id this revision is of. */
  id: string;
  revision: string;
  claimIds: string[];
  title?: string;
}

const EMPTY_META: Meta = { id: "", title: "", publisher: "", url: "", published: "", language: "en" };
const META_FIELDS: { key: keyof Meta; label: string; hint?: string }[] = [
  { key: "id", label: "Source id", hint: "file name under data/sources/, a lowercase slug" },
  { key: "title", label: "Title" },
  { key: "publisher", label: "Publisher" },
  { key: "url", label: "URL", hint: "http:// or https://" },
  { key: "published", label: "Published", hint: "YYYY-MM-DD (or YYYY-MM, YYYY)" },
  { key: "language", label: "Language", hint: "ISO 639-1, e.g. en" },
];
const CONFIDENCES: Confidence[] = ["low", "medium", "high"];
const words = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

function precisionOf(date: string): "day" | "month" | "year" {
  return date.length >= 10 ? "day" : date.length >= 7 ? "month" : "year";
}

function withPrecision(date: string, p: "day" | "month" | "year"): string {
  const [y = "", m = "01", d = "01"] = date.split("-");
  return p === "year" ? y : p === "month" ? `${y}-${m}` : `${y}-${m}-${d}`;
}

/** Ids for the accepted drafts: their saved id, or the next free `<source>-<n>`. */
function assignIds(drafts: Draft[], sourceId: string, taken: string[]): Map<string, string> {
  const used = new Set([...taken, ...drafts.map((d) => d.savedId).filter((x): x is string => !!x)]);
  const out = new Map<string, string>();
  let n = 1;
  for (const d of drafts) {
    if (d.decision !== "accepted") continue;
    if (d.savedId) {
      out.set(d.key, d.savedId);
      continue;
    }
    while (used.has(`${sourceId}-${n}`)) n++;
    const id = `${sourceId}-${n}`;
    used.add(id);
    out.set(d.key, id);
  }
  return out;
}

export default function ArticleEditor({ session }: { session: EditorSession }) {
  const uid = useId();
  const [raw, setRaw] = useState("");
  const [text, setText] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [meta, setMeta] = useState<Meta>(EMPTY_META);
  const [keepText, setKeepText] = useState(false);
  const [existing, setExisting] = useState<Existing | null>(null);
  const [issues, setIssues] = useState<EditorIssue[]>([]);
  const [conflict, setConflict] = useState<{ message: string; revision: string; current: Record<string, unknown> | null } | null>(null);
  const [rows, setRows] = useState<PreviewRow[] | null>(null);
  const [geometries, setGeometries] = useState<Record<string, unknown>>({});
  const [status, setStatus] = useState<string>("");
  const [busy, setBusy] = useState(false);

  const placeName = useMemo(() => new Map(session.places.map((p) => [p.id, p.name])), [session.places]);
  // What the input is based on: the revision loaded for this very id (none if it was never loaded).
  const loaded = existing?.id === meta.id ? existing : null;
  const baseRevision = loaded?.revision ?? null;
  const ids = useMemo(() => assignIds(drafts, meta.id, loaded?.claimIds ?? []), [drafts, meta.id, loaded]);
  const accepted = drafts.filter((d) => d.decision === "accepted");

  const run = async <T,>(label: string, fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setStatus(label);
    try {
      return await fn();
    } catch {
      setStatus("The server could not be reached. Your input is kept.");
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  async function loadExisting(id: string) {
    if (!id) return;
    const a = await callEditor<{ revision: string; file: { title?: string; claims?: { id?: string }[] } | null }>(session.token, `/api/editor/sources?id=${encodeURIComponent(id)}`);
    if (a.status !== 200) return;
    const file = a.json.file;
    setExisting({ id, revision: a.json.revision, claimIds: (file?.claims ?? []).map((c) => String(c.id ?? "")), title: file?.title });
  }

  async function extract() {
    await run("Finding candidate claims…", async () => {
      const a = await callEditor<{ text: string; meta: Meta; candidates: Candidate[] }>(session.token, "/api/editor/extract", { text: raw, published: /^\d{4}-\d{2}-\d{2}$/.test(meta.published) ? meta.published : undefined });
      if (a.status !== 200) {
        setStatus(errorMessage(a));
        return;
      }
      setText(a.json.text);
      setDrafts(a.json.candidates.map((c, i) => ({
        key: `c${i}`,
        n: i + 1,
        candidate: c,
        decision: "pending",
        claim: { place: c.placeId, actor: c.actorId, status: c.status, date: c.date, quote: c.quote, confidence: c.confidence, notes: "" },
      })));
      const next = { ...meta };
      for (const f of META_FIELDS) if (!next[f.key] || (f.key === "language" && next.language === "en")) next[f.key] = a.json.meta[f.key] ?? next[f.key];
      setMeta(next);
      setIssues([]);
      setRows(null);
      setConflict(null);
      setStatus(`${a.json.candidates.length} candidate claim${a.json.candidates.length === 1 ? "" : "s"} found. Accept, edit or reject each.`);
      await loadExisting(next.id);
    });
  }

  const update = (key: string, change: Partial<Draft> | ((d: Draft) => Partial<Draft>)) =>
    setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, ...(typeof change === "function" ? change(d) : change) } : d)));
  const updateClaim = (key: string, change: Partial<ClaimFields>) => update(key, (d) => ({ claim: { ...d.claim, ...change } }));

  const payload = () => ({
    source: { ...meta, ...(keepText && text ? { text } : {}) },
    claims: accepted.map((d) => ({
      id: ids.get(d.key),
      place: d.claim.place.trim(),
      actor: d.claim.actor,
      status: d.claim.status,
      date: d.claim.date.trim(),
      quote: d.claim.quote,
      confidence: d.claim.confidence,
      ...(d.claim.notes.trim() ? { notes: d.claim.notes.trim() } : {}),
    })),
    baseRevision,
  });

  async function preview() {
    await run("Previewing…", async () => {
      const a = await callEditor<{ rows: PreviewRow[]; geometries?: Record<string, unknown>; issues: EditorIssue[]; conflict?: string; message?: string }>(session.token, "/api/editor/preview", payload());
      if (a.status !== 200) {
        setStatus(errorMessage(a));
        return;
      }
      setIssues(a.json.issues);
      setRows(a.json.issues.length || a.json.conflict ? null : a.json.rows);
      setGeometries(a.json.geometries ?? {});
      setStatus(a.json.conflict ?? a.json.message ?? `Preview: ${a.json.rows.filter((r) => r.changed).length} of ${a.json.rows.length} place states change.`);
    });
  }

  async function save(base: string | null = baseRevision) {
    await run("Saving…", async () => {
      const a = await callEditor<{ path: string; revision: string; changed: string[]; file: { claims: { id: string }[] } } & Partial<EditorErrorBody>>(session.token, "/api/editor/sources", { ...payload(), baseRevision: base });
      if (a.status === 200) {
        setDrafts((ds) => ds.map((d) => (ids.has(d.key) ? { ...d, savedId: ids.get(d.key) } : d)));
        setExisting({ id: meta.id, revision: a.json.revision, claimIds: a.json.file.claims.map((c) => c.id), title: meta.title });
        setIssues([]);
        setConflict(null);
        setStatus(`Saved ${a.json.path}: ${a.json.changed.length} claim${a.json.changed.length === 1 ? "" : "s"} added or changed (revision ${a.json.revision.slice(0, 8)}).`);
        return;
      }
      const err = a.json.error;
      if (a.status === 409 && err) {
        setConflict({ message: err.message ?? "Conflict.", revision: err.revision ?? "", current: (err.current as Record<string, unknown> | null) ?? null });
        setStatus("Not saved: conflict. Your input is kept.");
        return;
      }
      if (a.status === 422 && err?.issues) {
        setIssues(err.issues);
        setStatus(err.message ?? "Not saved: the data would not pass data:check.");
        return;
      }
      setStatus(`Not saved: ${errorMessage(a)} Your input is kept.`);
    });
  }

  const issueFor = (id: string | undefined, field: string) => issues.filter((i) => id && i.id === id && (i.field ?? "").split(/[.,]\s*/)[0] === field);
  const shownMeta = new Set(META_FIELDS.map((f) => f.key as string));
  const claimFields = new Set(["place", "actor", "side", "status", "date", "quote", "paraphrase", "confidence", "notes", "id"]);
  const acceptedIds = new Set(accepted.map((d) => ids.get(d.key)));
  const otherIssues = issues.filter((i) => !((i.id === meta.id && shownMeta.has(i.field ?? "")) || (acceptedIds.has(i.id) && claimFields.has((i.field ?? "").split(/[.,]\s*/)[0] ?? ""))));

  async function onUpload(file: File | undefined) {
    if (!file) return;
    setRaw(await readFileText(file));
    setStatus(`Loaded ${file.name}. Find candidate claims next.`);
  }

  return (
    <section className={styles.article} aria-label="Article to claims">
      <div className={styles.input}>
        <label htmlFor={`${uid}-raw`}>Article (plain text: headline and dateline first)</label>
        <textarea id={`${uid}-raw`} name="article" rows={10} value={raw} onChange={(e) => setRaw(e.target.value)} spellCheck={false} />
        <div className={styles.row}>
          <label htmlFor={`${uid}-file`}>Or upload a .txt file</label>
          <input id={`${uid}-file`} type="file" accept=".txt,text/plain" onChange={(e) => void onUpload(e.target.files?.[0])} />
          <button type="button" onClick={() => void extract()} disabled={busy || !raw.trim()}>Find candidate claims</button>
        </div>
      </div>

      <p role="status" aria-live="polite" className={styles.status}>{status}</p>

      {text !== null ? (
        <div className={styles.review}>
          <div>
            <h2>Text</h2>
            <Highlighted text={text} drafts={drafts} />
          </div>
          <div>
            <h2>Candidate claims</h2>
            {drafts.length === 0 ? <p className="muted">No candidates: add claims by hand.</p> : null}
            <ol className={styles.candidates}>
              {drafts.map((d) => {
                const id = ids.get(d.key);
                const fid = (f: string) => `${uid}-${d.key}-${f}`;
                return (
                  <li key={d.key} id={`candidate-${d.n}`} className={`${styles.candidate} ${styles[d.decision]}`} data-decision={d.decision} aria-label={`Candidate ${d.n}`}>
                    <div className={styles.candidateHead}>
                      <strong>{d.n}.</strong>
                      <span>{placeName.get(d.claim.place) ?? (d.claim.place || "no place")} · {d.claim.status} · {d.claim.date}</span>
                      {id ? <code className="muted">{id}</code> : null}
                    </div>
                    {d.candidate ? <p className="muted">As written: “{d.candidate.placeText}”, “{d.candidate.actorText}” ({d.candidate.confidence}: {d.candidate.reason})</p> : null}
                    <div className={styles.decide}>
                      <button type="button" aria-pressed={d.decision === "accepted"} onClick={() => update(d.key, { decision: "accepted" })}>Accept</button>
                      <button type="button" aria-pressed={d.decision === "rejected"} onClick={() => update(d.key, { decision: "rejected" })}>Reject</button>
                      {d.decision !== "pending" ? <button type="button" onClick={() => update(d.key, { decision: "pending" })}>Undecide</button> : null}
                    </div>
                    {d.decision !== "rejected" ? (
                      <fieldset className={styles.fields}>
                        <legend className="visually-hidden">Claim {d.n}</legend>
                        <label htmlFor={fid("place")}>Place</label>
                        <div>
                          <input id={fid("place")} list={`${uid}-places`} value={d.claim.place} onChange={(e) => updateClaim(d.key, { place: e.target.value })} />
                          <span className="muted"> {placeName.get(d.claim.place) ?? "not a known place id"}</span>
                          <FieldIssues list={issueFor(id, "place")} />
                        </div>
                        <label htmlFor={fid("actor")}>Actor</label>
                        <div>
                          <select id={fid("actor")} value={d.claim.actor} onChange={(e) => updateClaim(d.key, { actor: e.target.value })}>
                            <option value="">(choose)</option>
                            {session.actors.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
                          </select>
                          <FieldIssues list={[...issueFor(id, "actor"), ...issueFor(id, "side")]} />
                        </div>
                        <label htmlFor={fid("status")}>Status</label>
                        <div>
                          <select id={fid("status")} value={d.claim.status} onChange={(e) => updateClaim(d.key, { status: e.target.value as ClaimStatus })}>
                            {CLAIM_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
                          </select>
                          <FieldIssues list={issueFor(id, "status")} />
                        </div>
                        <label htmlFor={fid("date")}>Date</label>
                        <div>
                          <input id={fid("date")} value={d.claim.date} size={10} onChange={(e) => updateClaim(d.key, { date: e.target.value })} />
                          {" "}
                          <label htmlFor={fid("precision")} className="visually-hidden">Precision</label>
                          <select id={fid("precision")} value={precisionOf(d.claim.date)} onChange={(e) => updateClaim(d.key, { date: withPrecision(d.claim.date, e.target.value as "day") })}>
                            <option value="day">day</option>
                            <option value="month">month</option>
                            <option value="year">year</option>
                          </select>
                          <FieldIssues list={issueFor(id, "date")} />
                        </div>
                        <label htmlFor={fid("quote")}>Quote</label>
                        <div>
                          <textarea id={fid("quote")} rows={2} value={d.claim.quote} onChange={(e) => updateClaim(d.key, { quote: e.target.value })} />
                          <span className={words(d.claim.quote) > 25 ? styles.error : "muted"}>{words(d.claim.quote)} / 25 words</span>
                          <FieldIssues list={[...issueFor(id, "quote"), ...issueFor(id, "paraphrase")]} />
                        </div>
                        <label htmlFor={fid("confidence")}>Confidence</label>
                        <div>
                          <select id={fid("confidence")} value={d.claim.confidence} onChange={(e) => updateClaim(d.key, { confidence: e.target.value as Confidence })}>
                            {CONFIDENCES.map((c) => <option key={c} value={c}>{c}</option>)}
                          </select>
                          <FieldIssues list={issueFor(id, "confidence")} />
                        </div>
                        <label htmlFor={fid("notes")}>Notes</label>
                        <div>
                          <input id={fid("notes")} value={d.claim.notes} onChange={(e) => updateClaim(d.key, { notes: e.target.value })} />
                          <FieldIssues list={[...issueFor(id, "notes"), ...issueFor(id, "id")]} />
                        </div>
                      </fieldset>
                    ) : null}
                  </li>
                );
              })}
            </ol>
            <button
              type="button"
              onClick={() => setDrafts((ds) => [...ds, { key: `m${ds.length}-${Date.now()}`, n: ds.length + 1, candidate: null, decision: "accepted", claim: { place: "", actor: "", status: "controls", date: meta.published, quote: "", confidence: "medium", notes: "" } }])}
            >
              Add a claim by hand
            </button>
            <datalist id={`${uid}-places`}>
              {session.places.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </datalist>
          </div>
        </div>
      ) : null}

      {text !== null ? (
        <form className={styles.meta} onSubmit={(e) => { e.preventDefault(); void save(); }} aria-label="Source">
          <h2>Source</h2>
          {META_FIELDS.map((f) => {
            const href = f.key === "url" ? safeHref(meta.url) : null;
            return (
              <div key={f.key} className={styles.metaField}>
                <label htmlFor={`${uid}-meta-${f.key}`}>{f.label}</label>
                <div>
                  <input
                    id={`${uid}-meta-${f.key}`}
                    name={f.key}
                    value={meta[f.key]}
                    onChange={(e) => setMeta({ ...meta, [f.key]: e.target.value })}
                    onBlur={f.key === "id" ? () => void loadExisting(meta.id) : undefined}
                    aria-describedby={f.hint ? `${uid}-meta-${f.key}-hint` : undefined}
                  />
                  {f.hint ? <span id={`${uid}-meta-${f.key}-hint`} className="muted"> {f.hint}</span> : null}
                  {href ? <> · <a href={href} target="_blank" rel="noopener noreferrer nofollow">open</a></> : null}
                  <FieldIssues list={issueFor(meta.id, f.key)} />
                </div>
              </div>
            );
          })}
          <div className={styles.metaField}>
            <span />
            <label><input type="checkbox" checked={keepText} onChange={(e) => setKeepText(e.target.checked)} /> Keep the article&apos;s text in the file (only where we may keep it)</label>
          </div>
          {loaded && loaded.claimIds.length ? (
            <p className="muted">data/sources/{meta.id}.json exists with {loaded.claimIds.length} claim{loaded.claimIds.length === 1 ? "" : "s"}; your accepted claims are added to it.</p>
          ) : null}
          {otherIssues.length ? (
            <div role="alert" className={styles.issues}>
              <p>Problems:</p>
              <ul>{otherIssues.map((i) => <li key={i.line}>{i.preexisting ? "(already in data/) " : ""}{i.line}</li>)}</ul>
            </div>
          ) : issues.length ? <p role="alert" className={styles.error}>{issues.length} problem{issues.length === 1 ? "" : "s"}: see the fields marked above.</p> : null}
          {conflict ? (
            <div role="alert" className={styles.conflict}>
              <p><strong>Conflict.</strong> {conflict.message}</p>
              {conflict.current ? (
                <p>On the server now: “{String(conflict.current.title ?? "")}” by {String(conflict.current.publisher ?? "")}, {Array.isArray(conflict.current.claims) ? conflict.current.claims.length : 0} claims.</p>
              ) : null}
              <button type="button" onClick={() => void save(conflict.revision)} disabled={busy}>Save my version over the current one</button>
            </div>
          ) : null}
          <div className={styles.row}>
            <button type="button" onClick={() => void preview()} disabled={busy || accepted.length === 0}>Preview</button>
            <button type="submit" disabled={busy || accepted.length === 0}>Save {accepted.length} claim{accepted.length === 1 ? "" : "s"}</button>
          </div>
        </form>
      ) : null}

      {rows ? (
        <section aria-label="Preview" className={styles.preview}>
          <h2>Preview: each affected place at the claim&apos;s date</h2>
          <table>
            <thead><tr><th scope="col">Place</th><th scope="col">Date</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.placeId}@${r.date}`} className={r.changed ? styles.changed : undefined}>
                  <td>{r.placeName} <span className="muted">({r.kind})</span></td>
                  <td>{r.date}</td>
                  <td>{r.before.text}</td>
                  <td>{r.after.text}{r.changed ? "" : " (no change)"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <PreviewMaps rows={rows} geometries={geometries} session={session} />
        </section>
      ) : null}
    </section>
  );
}

/** Before and after, side by side: each affected place coloured by its state at the claim's date. */
function PreviewMaps({ rows, geometries, session }: { rows: PreviewRow[]; geometries: Record<string, unknown>; session: EditorSession }) {
  const color = (id: string | undefined) => session.sides.find((s) => s.id === id)?.color ?? "#777";
  const layers = (which: "before" | "after"): SketchLayer[] => rows
    .filter((r) => geometries[r.placeId])
    // Districts under towns: draw larger places first.
    .sort((a, b) => (a.kind === "city" ? 1 : 0) - (b.kind === "city" ? 1 : 0))
    .map((r) => {
      const s = r[which];
      return {
        key: `${r.placeId}@${r.date}`,
        geometry: geometries[r.placeId],
        color: s.status === "unknown" ? "#ffffff" : s.status === "mixed" ? "#999999" : color(s.sides[0]),
        fill: s.status === "unknown" ? 0.7 : 0.45,
        dashed: s.status === "contested",
        title: `${r.placeName}, ${r.date}: ${s.text}`,
      };
    });
  return (
    <div className={styles.previewMaps}>
      <SketchMap layers={layers("before")} label="The affected places before the new claims" caption="Before (dashed: contested; white: unknown)" />
      <SketchMap layers={layers("after")} label="The affected places with the new claims" caption="After, each at its claim's date" />
    </div>
  );
}

/** The problems data:check found in one field. */
function FieldIssues({ list }: { list: EditorIssue[] }) {
  return list.length ? <ul className={styles.fieldIssues} data-field-issues="">{list.map((i) => <li key={i.line}>expected {i.expected}, found {i.found}</li>)}</ul> : null;
}

/** The article with each candidate's words marked and numbered (text only: React escapes it). */
function Highlighted({ text, drafts }: { text: string; drafts: Draft[] }) {
  const spans = drafts.filter((d) => d.candidate).map((d) => ({ start: d.candidate!.start, end: d.candidate!.end, n: d.n, decision: d.decision }));
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const parts: React.ReactNode[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i]!;
    const b = cuts[i + 1]!;
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    const piece = text.slice(a, b);
    if (!covering.length) {
      parts.push(piece);
      continue;
    }
    const starting = covering.filter((s) => s.start === a);
    parts.push(
      <mark key={a} className={styles[covering[0]!.decision]} data-candidates={covering.map((s) => s.n).join(" ")}>
        {starting.map((s) => <a key={s.n} href={`#candidate-${s.n}`} className={styles.markLabel} aria-label={`Candidate ${s.n}`}>{s.n}</a>)}
        {piece}
      </mark>,
    );
  }
  return <div className={styles.text} data-testid="article-text">{parts}</div>;
}
