import type { Metadata } from "next";
import Link from "next/link";
import { getAtlas } from "@/lib/api";
import { CONVENTIONS, endpointDocs } from "@/lib/api-reference";
import styles from "./api-docs.module.css";

export const metadata: Metadata = {
  title: "Open data API · Libya Control Atlas",
  description: "Endpoints, parameters and sample answers of the Libya Control Atlas open data API.",
};

/** The API reference: plain HTML, rendered at build time from the real answers. */
export default function ApiDocsPage() {
  const atlas = getAtlas();
  const docs = endpointDocs(atlas.dataset.sides.map((s) => s.id));
  return (
    <main className={styles.page}>
      <p><Link href="/">← Back to the map</Link></p>
      <h1>Open data API</h1>
      <p>
        Everything the map shows is available as JSON, GeoJSON and CSV. Data version <code>{atlas.dataset.version}</code>.
      </p>
      <nav aria-label="Endpoints">
        <ul className={styles.toc}>
          {docs.map((d) => (
            <li key={d.path}><a href={`#${anchor(d.path)}`}><code>{d.path}</code></a> — {d.title}</li>
          ))}
        </ul>
      </nav>
      <h2>Conventions</h2>
      {CONVENTIONS.map((c) => <p key={c}>{c}</p>)}
      <pre className={styles.sample}>{`{"error":{"param":"date","expected":"YYYY-MM-DD between 2011-01-01 and today","got":"2019-13-45"}}`}</pre>
      {docs.map((d) => (
        <section key={d.path} id={anchor(d.path)} className={styles.endpoint}>
          <h2><span className={styles.method}>GET</span> <code>{d.path}</code></h2>
          <p>{d.summary}</p>
          {d.params.length > 0 && (
            <table className={styles.params}>
              <thead><tr><th scope="col">Parameter</th><th scope="col">Expected</th><th scope="col">When absent</th></tr></thead>
              <tbody>
                {d.params.map((p) => (
                  <tr key={p.name}><td><code>{p.name}</code></td><td>{p.expected}</td><td>{p.absent}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          <p>Example: <a href={d.example}><code>{d.example}</code></a></p>
          <details>
            <summary>Sample answer (abbreviated)</summary>
            <pre className={styles.sample}>{d.sample(atlas)}</pre>
          </details>
        </section>
      ))}
    </main>
  );
}

function anchor(path: string): string {
  return path.replace(/^\/api\/?/, "").replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "api";
}
