"use client";
/**
 * GeoJSON updates: paste or upload a Feature or FeatureCollection (a district update, a drawn
 * area, a town); "Check" runs the checks of data:check on the whole would-be data set without
 * writing and lists the problems by feature and field; "Save" is possible only after a clean
 * check of exactly this input, with the file revision the check saw (a conflict keeps the input).
 */
import { useId, useMemo, useState } from "react";
import type { EditorSession } from "./EditorApp";
import { callEditor, errorMessage, readFileText, type EditorErrorBody, type EditorIssue } from "./editor-client";
import GeoJsonSketch from "./GeoJsonSketch";
import styles from "./editor.module.css";

interface GeoAnswer {
  path: string;
  revision: string;
  kind: string;
  changes: { id: string; change: "added" | "replaced" | "unchanged" }[];
  saved: boolean;
}

export default function GeoJsonEditor({ session }: { session: EditorSession }) {
  const uid = useId();
  const [input, setInput] = useState("");
  const [checked, setChecked] = useState<{ input: string; answer: GeoAnswer } | null>(null);
  const [issues, setIssues] = useState<EditorIssue[]>([]);
  const [conflict, setConflict] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);

  const parsed = useMemo(() => {
    try {
      return input.trim() ? (JSON.parse(input) as unknown) : null;
    } catch {
      return null;
    }
  }, [input]);

  async function send(dryRun: boolean) {
    setBusy(true);
    setStatus(dryRun ? "Checking…" : "Saving…");
    try {
      const a = await callEditor<GeoAnswer & Partial<EditorErrorBody>>(session.token, "/api/editor/geojson", {
        geojson: input,
        baseRevision: checked?.answer.revision ?? null,
        dryRun,
      });
      if (a.status === 200) {
        setIssues([]);
        setConflict(null);
        setChecked({ input, answer: a.json });
        const summary = a.json.changes.map((c) => `${c.id} ${c.change}`).join(", ");
        setStatus(dryRun ? `Valid: ${a.json.path} would change (${summary}). Save to write it.` : `Saved ${a.json.path} (${summary}).`);
        return;
      }
      const err = a.json.error;
      if (a.status === 422 && err?.issues) {
        setIssues(err.issues);
        setChecked(null);
        setStatus(`${err.issues.length} problem${err.issues.length === 1 ? "" : "s"}: nothing was written.`);
        return;
      }
      if (a.status === 409 && err) {
        setConflict(err.message ?? "Conflict.");
        setChecked(null);
        setStatus("Not saved: conflict. Your input is kept.");
        return;
      }
      setStatus(`${errorMessage(a)} Your input is kept.`);
    } catch {
      setStatus("The server could not be reached. Your input is kept.");
    } finally {
      setBusy(false);
    }
  }

  const ready = checked !== null && checked.input === input && !checked.answer.saved;
  const badIds = new Set(issues.map((i) => i.id).filter((x): x is string => !!x));

  return (
    <section aria-label="GeoJSON places" className={styles.geo}>
      <p className="muted">
        A Feature or FeatureCollection whose features all have <code>properties.kind</code> <code>region</code> (goes to regions.geojson),
        {" "}<code>city</code> (cities.geojson) or <code>area</code> (areas.geojson). A feature replaces the one with its <code>properties.id</code>, or is added.
      </p>
      <label htmlFor={`${uid}-geo`}>GeoJSON</label>
      <textarea id={`${uid}-geo`} name="geojson" rows={12} value={input} spellCheck={false} onChange={(e) => { setInput(e.target.value); setConflict(null); }} />
      <div className={styles.row}>
        <label htmlFor={`${uid}-geofile`}>Or upload a .geojson file</label>
        <input id={`${uid}-geofile`} type="file" accept=".geojson,.json,application/geo+json,application/json" onChange={async (e) => {
          const f = e.target.files?.[0];
          if (f) setInput(await readFileText(f));
        }} />
        <button type="button" onClick={() => void send(true)} disabled={busy || !input.trim()}>Check</button>
        <button type="button" onClick={() => void send(false)} disabled={busy || !ready} aria-describedby={`${uid}-savehint`}>Save</button>
        <span id={`${uid}-savehint`} className="muted">{ready ? "" : "Save is possible after a clean check of this exact input."}</span>
      </div>
      <p role="status" aria-live="polite" className={styles.status}>{status}</p>
      {issues.length ? (
        <div role="alert" className={styles.issues}>
          <p>Problems (by feature and field):</p>
          <ul>
            {issues.map((i) => (
              <li key={i.line}>
                {i.preexisting ? "(already in data/) " : ""}
                <strong>{i.id ? `feature ${i.id}` : i.file}</strong>
                {i.field ? ` · ${i.field}` : ""}: expected {i.expected}, found {i.found}
                {i.id && i.file !== "(pasted GeoJSON)" ? <span className="muted"> ({i.file})</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {conflict ? <div role="alert" className={styles.conflict}><p><strong>Conflict.</strong> {conflict}</p></div> : null}
      {parsed ? <GeoJsonSketch geojson={parsed} badIds={badIds} /> : null}
    </section>
  );
}
