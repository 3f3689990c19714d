"use client";
/**
 * The editor shell: asks for the editor token (kept in sessionStorage for this tab), loads
 * what the editor offers (places, actors, sides), and shows two tabs: an article to claims, and
 * GeoJSON updates.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import ArticleEditor from "./ArticleEditor";
import GeoJsonEditor from "./GeoJsonEditor";
import { callEditor, errorMessage, TOKEN_KEY } from "./editor-client";
import styles from "./editor.module.css";

export interface EditorSession {
  token: string;
  version: string;
  problems: string[];
  places: { id: string; name: string; kind: string; region: string | null }[];
  actors: { id: string; name: string; alignments: { side: string; from: string; to?: string }[] }[];
  sides: { id: string; name: string; color: string }[];
}

type Tab = "article" | "geojson";
const TABS: { id: Tab; label: string }[] = [{ id: "article", label: "Article → claims" }, { id: "geojson", label: "GeoJSON places" }];

export default function EditorApp() {
  const [session, setSession] = useState<EditorSession | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [checking, setChecking] = useState(true);
  const [tab, setTab] = useState<Tab>("article");
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const open = useCallback(async (token: string) => {
    setChecking(true);
    try {
      const a = await callEditor<Omit<EditorSession, "token">>(token, "/api/editor/session");
      if (a.status === 200) {
        sessionStorage.setItem(TOKEN_KEY, token);
        setSession({ ...a.json, token });
        setMessage(null);
      } else {
        sessionStorage.removeItem(TOKEN_KEY);
        setMessage(a.status === 403 || a.status === 401 ? "That token is not the editor token." : errorMessage(a));
      }
    } catch {
      setMessage("The server could not be reached.");
    } finally {
      setChecking(false);
    }
  }, []);

  useEffect(function resumeSession() {
    const saved = sessionStorage.getItem(TOKEN_KEY);
    // After this render: a stored token is checked again before the editor opens.
    void Promise.resolve().then(() => (saved ? open(saved) : setChecking(false)));
  }, [open]);

  if (!session) {
    return (
      <form
        className={styles.login}
        onSubmit={(e) => {
          e.preventDefault();
          const token = String(new FormData(e.currentTarget).get("token") ?? "").trim();
          if (token) void open(token);
        }}
      >
        <label htmlFor="editor-token">Editor token</label>
        <input id="editor-token" name="token" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={checking}>{checking ? "Checking…" : "Open the editor"}</button>
        <p className="muted">The token is kept in this tab only (sessionStorage) and sent with each request.</p>
        {message ? <p role="alert" className={styles.error}>{message}</p> : null}
      </form>
    );
  }

  const onTabKey = (e: React.KeyboardEvent, i: number) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const next = (i + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length;
    setTab(TABS[next]!.id);
    tabRefs.current[next]?.focus();
  };

  return (
    <div className={styles.editor}>
      <div className={styles.bar}>
        <div role="tablist" aria-label="Editor" className={styles.tabs}>
          {TABS.map((t, i) => (
            <button
              key={t.id}
              ref={(el) => { tabRefs.current[i] = el; }}
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              type="button"
              onClick={() => setTab(t.id)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => { sessionStorage.removeItem(TOKEN_KEY); setSession(null); }}>Sign out</button>
      </div>
      {session.problems.length ? (
        <div className={styles.warning} role="note">
          <p>data/ has {session.problems.length} problem{session.problems.length === 1 ? "" : "s"} already; saves are refused until they are fixed:</p>
          <ul>{session.problems.slice(0, 10).map((p) => <li key={p}>{p}</li>)}</ul>
        </div>
      ) : null}
      <div role="tabpanel" id="panel-article" aria-labelledby="tab-article" hidden={tab !== "article"}>
        <ArticleEditor session={session} />
      </div>
      <div role="tabpanel" id="panel-geojson" aria-labelledby="tab-geojson" hidden={tab !== "geojson"}>
        <GeoJsonEditor session={session} />
      </div>
    </div>
  );
}
