/**
 * The languages of the interface: messages, locale for Intl, writing direction, and the
 * date, number and name formatting that goes with them. Pure: used by the client UI, the
 * page metadata and the preview image alike.
 */
import { ar } from "./ar";
import { en, type Messages } from "./en";
import type { Place, Side } from "../types";

export type { Messages };
export const LANGS = ["en", "ar"] as const;
export type Lang = (typeof LANGS)[number];

/**
 * Intl locale per language. Arabic uses ar-LY: Arabic month names (أبريل) with the Western
 * digits Libyan print uses (10 أبريل 2019), rather than ar-EG's Eastern Arabic digits.
 */
export const LOCALES: Record<Lang, string> = { en: "en-GB", ar: "ar-LY" };

const MESSAGES: Record<Lang, Messages> = { en, ar };

/** The messages of a language. */
export function messagesFor(lang: Lang): Messages {
  return MESSAGES[lang];
}

/** Writing direction of a language. */
export function dirOf(lang: Lang): "ltr" | "rtl" {
  return lang === "ar" ? "rtl" : "ltr";
}

/** The path of the atlas page in a language: "/" or "/ar". */
export function atlasPath(lang: Lang): string {
  return lang === "ar" ? "/ar" : "/";
}

const MS_PER_DAY = 86_400_000;

export interface Formatters {
  /** "10 April 2019" / "10 أبريل 2019" for a day number. */
  day(day: number): string;
  /** A claim date as precise as it is: a day, "April 2019", or "2019". */
  claimDate(iso: string): string;
  /** A year of a day number. */
  year(day: number): string;
  /** A count or population. */
  number(n: number): string;
  /** A percentage from a share in 0…1, rounded. */
  percent(share: number): string;
}

const formatterCache = new Map<Lang, Formatters>();

/** Date and number formatting for a language (UTC, never local time). */
export function formattersFor(lang: Lang): Formatters {
  const hit = formatterCache.get(lang);
  if (hit) return hit;
  const locale = LOCALES[lang];
  const long = new Intl.DateTimeFormat(locale, { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
  const month = new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "long", year: "numeric" });
  const year = new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric" });
  const num = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const f: Formatters = {
    day: (d) => long.format(new Date(d * MS_PER_DAY)),
    claimDate: (iso) => {
      const d = new Date(`${iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso}T00:00:00Z`);
      return iso.length === 4 ? year.format(d) : iso.length === 7 ? month.format(d) : long.format(d);
    },
    year: (d) => year.format(new Date(d * MS_PER_DAY)),
    number: (n) => num.format(n),
    percent: (share) => pct.format(share),
  };
  formatterCache.set(lang, f);
  return f;
}

/** A side's name in a language (data/sides.json carries name and nameAr). */
export function sideNameIn(lang: Lang, side: Pick<Side, "name" | "nameAr"> | undefined, fallback: string): string {
  if (!side) return fallback;
  return lang === "ar" && side.nameAr ? side.nameAr : side.name;
}

/** A place's name in a language: Arabic from data when there is one, else the English name. */
export function placeNameIn(lang: Lang, place: Pick<Place, "name" | "nameAr">): string {
  return lang === "ar" && place.nameAr ? place.nameAr : place.name;
}
