/**
 * The atlas page in a language (/ and /ar share it): the masthead, the client app and the
 * credits, or only the map and slider when ?embed=1; and its metadata, so a shared
 * permalink shows a title and a preview image of the map at its date.
 */
import type { Metadata } from "next";
import { headers } from "next/headers";
import AtlasApp from "@/components/AtlasApp";
import Credits from "@/components/Credits";
import { getAtlas } from "@/lib/api";
import { DEFAULT_DAY } from "@/lib/atlas-days";
import { dayToIso, EARLIEST_DAY, today } from "@/lib/dates";
import { atlasPath, dirOf, formattersFor, LOCALES, messagesFor, placeNameIn, type Lang } from "@/lib/messages";
import { formatUrlState, parseUrlState } from "@/lib/url-state";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The query as URLSearchParams, first value of each repeated key. */
function toParams(sp: Record<string, string | string[] | undefined>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) p.set(k, first);
  }
  return p;
}

/** Title, description, Open Graph and Twitter card of a permalink; a bad date means the default day. */
export async function atlasMetadata(lang: Lang, searchParams: SearchParams): Promise<Metadata> {
  const params = toParams(await searchParams);
  const { state } = parseUrlState(params, { min: EARLIEST_DAY, max: today() });
  const day = state.day ?? DEFAULT_DAY;
  const t = messagesFor(lang);
  const date = formattersFor(lang).day(day);
  let placeName: string | null = null;
  try {
    const place = state.place ? getAtlas().placeById.get(state.place) : undefined;
    placeName = place ? placeNameIn(lang, place) : null;
  } catch {
    // The data failing to load must not take the page down with it: the title goes without the place.
  }
  const title = t.pageTitle(date, placeName);
  const description = t.pageDescription(date);
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (/^(localhost|127\.|\[::1\])/.test(host) ? "http" : "https");
  const base = new URL(`${proto}://${host}`);
  const image = { url: `/og?date=${dayToIso(day)}`, width: 1200, height: 630, alt: t.ogAlt(date) };
  const canonical = `${atlasPath(lang)}${formatUrlState({ ...state, day })}`;
  return {
    metadataBase: base,
    title: { absolute: title },
    description,
    alternates: {
      canonical,
      languages: { en: `/${formatUrlState({ ...state, day })}`, ar: `/ar${formatUrlState({ ...state, day })}` },
    },
    openGraph: { type: "website", siteName: t.title, title, description, url: canonical, locale: LOCALES[lang].replace("-", "_"), images: [image] },
    twitter: { card: "summary_large_image", title, description, images: [image] },
  };
}

/** The page body for a language. */
export default async function AtlasPage({ lang, searchParams }: { lang: Lang; searchParams: SearchParams }) {
  const embed = toParams(await searchParams).get("embed") === "1";
  const t = messagesFor(lang);
  const dir = dirOf(lang);
  return (
    <main className={`page${embed ? " page-embed" : ""}`} lang={lang} dir={dir}>
      {/* The root layout is shared by both languages; set the document's language and direction before first paint. */}
      <script dangerouslySetInnerHTML={{ __html: `document.documentElement.lang=${JSON.stringify(lang)};document.documentElement.dir=${JSON.stringify(dir)};` }} />
      {embed ? null : (
        <header className="masthead">
          <h1>{t.title}</h1>
          <p className="tagline">{t.tagline}</p>
        </header>
      )}
      <AtlasApp lang={lang} embed={embed} />
      {embed ? null : <Credits lang={lang} />}
    </main>
  );
}
