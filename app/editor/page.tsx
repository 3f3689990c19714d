import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import EditorApp from "@/components/editor/EditorApp";
import { editorToken } from "@/lib/editor-auth";

export const metadata: Metadata = {
  title: "Editor · Libya Control Atlas",
  robots: { index: false, follow: false },
};

// EDITOR_TOKEN is read per request: the editor exists only while it is set.
export const dynamic = "force-dynamic";

/** The editor: from a news article to reviewed claims, and checked GeoJSON updates. */
export default function EditorPage() {
  if (!editorToken()) notFound();
  return (
    <main className="page">
      <header className="masthead">
        <h1>Editor</h1>
        <p className="tagline">Turn an article into reviewed claims, or update places. Everything is checked like <code>npm run data:check</code> before it is written.</p>
        <Link href="/">Back to the map</Link>
      </header>
      <EditorApp />
    </main>
  );
}
