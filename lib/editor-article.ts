/**
 * Source metadata read from an article's text, for the editor to prefill: headline, dateline,
 * publisher ("Source: …", "(Reuters)"), a URL and the language. Everything is a suggestion the
 * editor checks. Pure.
 */
import { parseDateline, readArticle } from "./extract";

export interface ArticleMeta {
  title: string;
  publisher: string;
  url: string;
  published: string;
  language: string;
  /** A source id made of publisher, date and the headline's first words. */
  id: string;
}

const AGENCIES = ["Reuters", "AFP", "AP", "Associated Press", "Xinhua", "Anadolu", "Al Jazeera", "BBC", "dpa", "ANSA", "Agenzia Nova", "Libya Herald", "Libya Observer"];

/** A lowercase slug of the first `words` words: "Haftar's forces take Sirte" → "haftars-forces-take". */
export function slugify(s: string, words = 6): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/['’]/g, "")
    .split(/[^a-z0-9]+/).filter(Boolean).slice(0, words).join("-");
}

/**
 * Metadata found in an article (with "# key: value" header lines, as in the extraction fixtures).
 * @example articleMeta("Haftar takes Sirte\n\nSIRTE, Jan 6, 2020 (Reuters) - …").published === "2020-01-06"
 */
export function articleMeta(raw: string): ArticleMeta {
  const { meta, text } = readArticle(raw);
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const headline = lines[0] && lines[0].length <= 300 && !/[.!?]["”]?$/.test(lines[0]) ? lines[0] : "";
  const title = meta.title ?? headline;
  let publisher = meta.publisher ?? "";
  if (!publisher) {
    const m = /^(?:Source|Via|By|Published by)\s*:\s*(.{2,80})$/im.exec(text);
    if (m) publisher = m[1]!.trim().replace(/[.\s]+$/, "");
  }
  if (!publisher) {
    const head = lines.slice(0, 6).join("\n");
    publisher = AGENCIES.find((a) => new RegExp(`\\(${a}\\b`).test(head)) ?? "";
  }
  const url = meta.url ?? /\bhttps?:\/\/[^\s<>"')\]]+/.exec(text)?.[0] ?? "";
  const published = meta.published ?? parseDateline(text) ?? "";
  const arabic = (text.match(/[\u0600-\u06ff]/g) ?? []).length;
  const language = meta.language ?? (arabic > text.length / 4 ? "ar" : /\b(?:le|la|les|des|est)\b/.test(text) && !/\b(?:the|and)\b/i.test(text) ? "fr" : "en");
  const id = [slugify(publisher, 2), published, slugify(title, 4)].filter(Boolean).join("-");
  return { title, publisher, url, published, language, id };
}
