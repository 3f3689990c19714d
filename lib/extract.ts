/**
 * Rule-based extraction of candidate claims from a news article, for editors to review.
 *
 * How it reads a text:
 * 1. Split into sentences (line breaks and . ! ? followed by a capital; common abbreviations kept).
 * 2. Find place and actor mentions with the gazetteer; "he", "his forces", "the general"… stand for
 *    the last actor named in the previous three sentences, "the city"/"the town" for the last place
 *    named in the previous two (lower confidence). A place that only locates something else
 *    ("90 km south of Tripoli", "near Tripoli") is left out; an actor named as a target ("rivals of
 *    Haftar", "battling Gaddafi's regime") cannot be the agent of an active verb.
 * 3. Rewrite each sentence as a skeleton in which mentions become markers (⟦A0⟧ for actor 0,
 *    ⟦P1⟧ for place 1) and match verb patterns per status against it: active ("⟦A⟧ … seized … ⟦P⟧"),
 *    passive ("⟦P⟧ was captured by ⟦A⟧", "⟦P⟧ fell to ⟦A⟧"), possessive ("⟦A⟧'s offensive on ⟦P⟧"),
 *    state ("⟦P⟧ is under the control of ⟦A⟧", "⟦A⟧-held ⟦P⟧"). An actor and its place must be
 *    close: no other actor in between, a bounded gap.
 * 4. Drop matches that state an intention, a condition, a negation or the future ("aims to
 *    capture", "will take", "would give", "failed to retake"): the verb must not follow "to" and no
 *    modal or intention word may sit between actor and verb.
 * 5. Date each match: the date expression near the match that is closest to the verb (explicit years and
 *    months by regex, the rest by chrono-node against the publication date, never in the future);
 *    otherwise the publication month (an undated report is about the recent past), or the
 *    publication day for a present-tense state ("controls", "is under the control of").
 * 6. Resolve the actor's side on that date (an alias used out of its era, e.g. "rebels" in 2020,
 *    gives no side and no candidate), then merge duplicates (same place, side and status,
 *    overlapping dates), keeping the most confident.
 * Pure: no fs, no React.
 */
import * as chrono from "chrono-node";
import { parsePeriod, type DatePeriod, type Precision } from "./dates";
import { buildGazetteer, type Gazetteer, type Mention } from "./gazetteer";
import { sideInPeriod } from "./resolve";
import { MAX_QUOTE_WORDS } from "./schema";
import type { Actor, ClaimStatus, Confidence, Place } from "./types";

/** A claim the extractor proposes; an editor accepts, fixes or rejects it. */
export interface CandidateClaim {
  placeId: string;
  placeText: string;
  actorId: string;
  actorText: string;
  side: string;
  status: ClaimStatus;
  date: string;
  precision: Precision;
  /** The supporting sentence, cut to at most 25 words around the match. */
  quote: string;
  /** Offsets of the quote in the text: text.slice(start, end) === quote. */
  start: number;
  end: number;
  confidence: Confidence;
  reason: string;
}

export interface ExtractOptions {
  /** Publication date (YYYY-MM-DD); found from a dateline when absent. */
  published?: string;
  places: Place[];
  actors: Actor[];
  /** A prebuilt gazetteer for the same places and actors (saves rebuilding it per article). */
  gazetteer?: Gazetteer;
}

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

// ---------- sentences ----------

const ABBREVIATIONS = /(?:\b(?:Gen|Col|Lt|Maj|Capt|Sgt|Mr|Mrs|Ms|Dr|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|vs|approx|Brig|Cmdr|Adm)|\b[A-Z])\.$/;

/** Splits a text into sentences with their offsets; line breaks always end a sentence. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text.charAt(s))) s++;
    while (e > s && /\s/.test(text.charAt(e - 1))) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
  };
  const lineRe = /[^\n]+/g;
  let line: RegExpExecArray | null;
  while ((line = lineRe.exec(text))) {
    const base = line.index;
    const l = line[0];
    let from = 0;
    const endRe = /[.!?]["”’')\]]*(?=\s+["“‘(]?[A-Z0-9\u0600-\u06ff])/g;
    let m: RegExpExecArray | null;
    while ((m = endRe.exec(l))) {
      const upto = m.index + m[0].length;
      if (m[0][0] === "." && ABBREVIATIONS.test(l.slice(Math.max(from, m.index - 12), m.index + 1))) continue;
      push(base + from, base + upto);
      from = upto;
    }
    push(base + from, base + l.length);
  }
  return out;
}

// ---------- dates ----------

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_RE = "(Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)";
const monthIndex = (s: string | undefined) => MONTHS.findIndex((m) => m.startsWith((s ?? "").toLowerCase().replace(/\.$/, "").slice(0, 3))) + 1;

interface DateMention {
  start: number;
  end: number;
  iso: string;
  precision: Precision;
}

const pad = (n: number) => String(n).padStart(2, "0");

function isoOf(d: Date, precision: Precision): string {
  const y = d.getUTCFullYear();
  if (precision === "year") return String(y);
  if (precision === "month") return `${y}-${pad(d.getUTCMonth() + 1)}`;
  return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * Date expressions in a sentence, resolved against the publication day (never after it).
 * @example findDates("In January 2019, his forces…", "2019-04-06")[0].iso === "2019-01"
 */
export function findDates(sentence: string, published: string | null): DateMention[] {
  const out: DateMention[] = [];
  const taken = (s: number, e: number) => out.some((d) => s < d.end && e > d.start);
  // Explicit month-year and bare years first: chrono reads neither reliably.
  const monthYear = new RegExp(`\\b(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+)?${MONTH_RE}\\s+(?:(\\d{1,2})(?:st|nd|rd|th)?(?:-\\d{1,2})?,?\\s+)?((?:19|20)\\d{2})\\b`, "gi");
  let m: RegExpExecArray | null;
  while ((m = monthYear.exec(sentence))) {
    const month = monthIndex(m[2]);
    const day = Number(m[1] ?? m[3] ?? 0);
    const y = Number(m[4]);
    const iso = day ? `${y}-${pad(month)}-${pad(day)}` : `${y}-${pad(month)}`;
    if (month && parsePeriod(iso)) out.push({ start: m.index, end: m.index + m[0].length, iso, precision: day ? "day" : "month" });
  }
  const yearRe = /\b(?:(?:in|by|since|during|of|early|late|mid|summer|spring|autumn|winter|until)[\s-]+)(?:(?:early|late|mid)[\s-]+)?((?:19|20)\d{2})\b(?![-–]\d)/gi;
  while ((m = yearRe.exec(sentence))) {
    const s = m.index + m[0].length - 4;
    if (!taken(s, s + 4)) out.push({ start: m.index, end: s + 4, iso: m[1] ?? "", precision: "year" });
  }
  if (published) {
    const pubDay = parsePeriod(published);
    if (pubDay) {
      const ref = new Date(pubDay.start * 86_400_000 + 12 * 3_600_000);
      for (const r of chrono.en.parse(sentence, { instant: ref, timezone: 0 }, { forwardDate: false })) {
        const s = r.index;
        const e = r.index + r.text.length;
        if (taken(s, e) || /^\d{4}$/.test(r.text.trim())) continue;
        const c = r.start;
        let d = r.start.date();
        let precision: Precision;
        if (c.isCertain("day") || c.isCertain("weekday")) precision = "day";
        else if (c.isCertain("month")) precision = "month";
        else if (c.isCertain("year")) precision = "year";
        else precision = "month";
        // "last week", "two weeks ago": no ISO form for a week, so the month it falls in.
        if (/\bweeks?\b|\bmonths?\b/i.test(r.text)) precision = "month";
        else if (/\byears?\b/i.test(r.text)) precision = "year";
        // A weekday or a day without a year means the most recent one, not the next one.
        if (d.getTime() > ref.getTime() + 86_400_000) {
          if (c.isCertain("weekday") && !c.isCertain("day")) d = new Date(d.getTime() - 7 * 86_400_000);
          else if (!c.isCertain("year")) d = new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate(), 12));
          else continue;
        }
        out.push({ start: s, end: e, iso: isoOf(d, precision), precision });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The publication date in a dateline near the top of an article: "06.04.2019, Tripoli.",
 * "TRIPOLI, April 6 (Reuters) -", "TRIPOLI, September 12, 2016 –", "July 6, 2017".
 * A dateline without a year takes the latest year the article mentions.
 * @example parseDateline("Headline\n\n06.04.2019, Tripoli.\n\nText") === "2019-04-06"
 */
export function parseDateline(text: string): string | null {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean).slice(0, 6);
  const years = [...text.matchAll(/\b(20[12]\d)\b/g)].map((m) => Number(m[1]));
  const fallbackYear = years.length ? Math.max(...years) : null;
  const ok = (iso: string) => (parsePeriod(iso)?.precision === "day" ? iso : null);
  for (const l of lines) {
    let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}),?\s+\p{L}/u.exec(l);
    if (m) return ok(`${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`);
    // CITY, Month D[, YYYY] (Agency) – … ; City, Country, Mon D (Agency …)
    const re = new RegExp(`^[\\p{Lu}][\\p{L} .'-]*(?:,\\s*[\\p{L} ]+)?,\\s+${MONTH_RE}\\s+(\\d{1,2})(?:,\\s*((?:19|20)\\d{2}))?\\s*(?:\\(|[-–—:])`, "u");
    m = re.exec(l);
    if (m) {
      const y = m[3] ? Number(m[3]) : fallbackYear;
      if (y) return ok(`${y}-${pad(monthIndex(m[1]))}-${pad(Number(m[2]))}`);
    }
    // CITY (Agency - 27th June, 2019)
    m = new RegExp(`^[\\p{Lu}][\\p{L} .,'-]*\\([^)]*?(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE},?\\s+((?:19|20)\\d{2})\\s*\\)`, "u").exec(l);
    if (m) return ok(`${m[3]}-${pad(monthIndex(m[2]))}-${pad(Number(m[1]))}`);
    // A line that starts with a full date ("July 6, 2017 at 2:14 am", "Date: Sep 19, 2016").
    m = new RegExp(`^(?:Date:\\s*|[A-Z][a-z]{2}\\s+)?${MONTH_RE}\\s+(\\d{1,2}),?\\s+((?:19|20)\\d{2})\\b`).exec(l);
    if (m) return ok(`${m[3]}-${pad(monthIndex(m[1]))}-${pad(Number(m[2]))}`);
    m = new RegExp(`^(?:[A-Z][a-z]{2}\\s+)?(\\d{1,2})\\s+${MONTH_RE},?\\s+((?:19|20)\\d{2})\\b`).exec(l);
    if (m) return ok(`${m[3]}-${pad(monthIndex(m[2]))}-${pad(Number(m[1]))}`);
  }
  return null;
}

/** Splits "# key: value" header lines (fixture metadata) from an article's text. */
export function readArticle(raw: string): { meta: Record<string, string>; text: string } {
  const meta: Record<string, string> = {};
  const lines = raw.split("\n");
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^#\s*([\w-]+):\s*(.*)$/.exec(lines[i] ?? "");
    if (!m) break;
    meta[(m[1] ?? "").toLowerCase()] = (m[2] ?? "").trim();
  }
  return { meta, text: lines.slice(i).join("\n").replace(/^\s*\n/, "") };
}

// ---------- patterns ----------

/** Words that make a statement an intention, a condition, a negation or a forecast. */
const IRREALIS = /\b(?:will|would|could|may|might|shall|should|plans?|planned|planning|aims?|aimed|aiming|goal|intends?|intended|seeks?|sought|seeking|trying|tried|attempts?|attempted|attempting|bid|vows?|vowed|threatens?|threatened|prepares?|preparing|prepared|expected|hopes?|hoped|hoping|wants?|wanted|ready|failed|fail|not|never|no longer|unable|if|avoid|fears?|ambition|order to|ultimatum|push back|repel|repelled|prevent)\b/i;

const A = "⟦A(\\d+)⟧";
const P = "⟦P(\\d+)⟧";
/** Text between mentions: no actor marker, bounded length. */
const gap = (n: number) => `(?:[^⟦]|⟦P\\d+⟧){0,${n}}?`;
/** Text next to a verb: no marker and no clause break (a comma starts another clause). */
const near = (n: number) => `[^⟦,;]{0,${n}}?`;
/** Between a place and a verb whose agent follows ("⟦P⟧ is under ⟦A⟧ control but under attack by ⟦A⟧"): any markers. */
const span = (n: number) => `(?:[^⟦]|⟦[AP]\\d+⟧){0,${n}}?`;
/** A place and any further places listed after it: "⟦P1⟧, ⟦P2⟧ and ⟦P3⟧". */
const PLACES = `${P}((?:(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s+as well as\\s+|\\s*&\\s*)(?:the\\s+)?(?:(?:towns?|cities|city|ports?|oil ports?|terminals?)\\s+of\\s+)?⟦P\\d+⟧)*)`;

interface Rule {
  status: ClaimStatus;
  re: RegExp;
  /** Actor before place (groups: actor, verb, place, list), place before actor (place, list, verb, actor) or noun first (verb, place, list, actor). */
  order: "actor-first" | "place-first" | "noun-first";
  /** A present-tense state: dated to the publication day when the sentence has no date. */
  state?: boolean;
  strength: "strong" | "weak";
  label: string;
}

const CAPTURE = "(?:re)?captur(?:ed|es|e|ing)|seiz(?:ed|es|e|ing)|(?:re)?took|(?:re)?tak(?:en|es|e|ing)|retook|overr(?:an|un|unning)|liberat(?:ed|es|e|ing)|regain(?:ed|s)?(?: control of)?|won back|took back|taken back|(?:took|taken|take|takes|taking) over|conquer(?:ed|s)?|storm(?:ed|s)? and (?:occupied|took|seized)|occupied|secured|wrest(?:ed)?(?: control of)?|entered|enter(?:s|ing)?|moved into|swept into|(?:drove|driven|pushed|expelled|ousted|evicted|cleared)[^⟦]{0,40}?(?:from|out of)";
const CONTROL_VERB = "(?:taken|took|take|takes|taking|seized|seize|seizes|gained|regained|assumed|established|re-established|reestablished|wrested|secured|claimed|claim|claims|announced)\\s+(?:(?:full|total|complete|the)\\s+)*control\\s+(?:of|over)";
const HOLD = "controls|controlled|holds|held|hold|(?:is|are|was|were|remain|remains|remained|be) in (?:(?:full|total|complete)\\s+)?(?:control|command) of|(?:has|have|had) (?:(?:full|total|complete)\\s+)?control of|in (?:(?:full|total|complete)\\s+)?control of";
const OFFENSIVE_NOUN = "(?:counter-?)?offensive|assault|attack|campaign|operation|push|advance|march";
const LOSE_PASSIVE = "(?:was|were|been|being|had been|have been|has been)\\s+(?:driven|pushed|forced|kicked|chased|expelled|ousted|evicted|routed)(?:\\s+(?:out|back|away))?\\s+(?:of|from)";

const GROUPS = {
  "actor-first": { actor: 1, verb: 2, place: 3, list: 4 },
  "place-first": { place: 1, list: 2, verb: 3, actor: 4 },
  "noun-first": { verb: 1, place: 2, list: 3, actor: 4 },
} as const;

const RULES: Rule[] = [
  // Losses first, so "were driven out of" is not read as "drove … out of".
  { status: "lost", order: "actor-first", strength: "strong", label: "actor was driven out of place", re: new RegExp(`${A}${gap(80)}\\b(${LOSE_PASSIVE})\\s+${near(40)}${PLACES}`, "i") },
  { status: "lost", order: "actor-first", strength: "strong", label: "actor lost place", re: new RegExp(`${A}${gap(60)}\\b(lost|loses|lose)\\s+(?:(?:full|total|complete)\\s+)?(?:control\\s+(?:of|over)\\s+)?${near(30)}${PLACES}`, "i") },
  { status: "withdrew", order: "actor-first", strength: "strong", label: "actor withdrew from place", re: new RegExp(`${A}${gap(80)}\\b(withdr(?:ew|awn|aw|awing)|pulled (?:out|back)|pull(?:ed|ing)? out|retreat(?:ed|ing)?|fled|escaped|abandon(?:ed|s)?|evacuated)\\s+(?:(?:completely|entirely|fully)\\s+)?(?:(?:from|out of)\\s+${near(30)}|(?:the\\s+)?(?:(?:oil\\s+)?(?:town|city|port|base)\\s+of\\s+)?)${PLACES}`, "i") },
  { status: "captured", order: "actor-first", strength: "strong", label: "actor took control of place", re: new RegExp(`${A}${gap(100)}\\b(${CONTROL_VERB})\\s+${near(60)}${PLACES}`, "i") },
  { status: "captured", order: "place-first", strength: "strong", label: "place was captured by actor", re: new RegExp(`${PLACES}${span(100)}\\b((?:was|were|has been|had been|have been|is|being)?\\s*(?:(?:re)?captured|seized|taken|retaken|overrun|liberated|conquered|stormed|occupied)\\s+by)\\s+${near(30)}${A}`, "i") },
  { status: "captured", order: "place-first", strength: "strong", label: "place fell to actor", re: new RegExp(`${PLACES}${span(100)}\\b((?:had |has )?f(?:e|a)ll(?:en|s)?\\s+(?:with(?:in)?\\s+\\w+\\s+)?to)\\s+${near(30)}${A}`, "i") },
  { status: "captured", order: "noun-first", strength: "strong", label: "capture of place by actor", re: new RegExp(`\\b((?:capture|seizure|takeover|fall|recapture|liberation)\\s+of)\\s+${near(30)}${PLACES}${near(30)}\\b(?:by|to)\\s+${near(30)}${A}`, "i") },
  { status: "captured", order: "actor-first", strength: "strong", label: "actor's capture of place", re: new RegExp(`${A}['’]?s?\\s+${near(20)}\\b((?:capture|seizure|takeover|recapture|liberation)\\s+of)\\s+${near(30)}${PLACES}`, "i") },
  { status: "captured", order: "actor-first", strength: "strong", label: "actor captured place", re: new RegExp(`${A}${gap(100)}\\b(${CAPTURE})\\s+${near(60)}${PLACES}`, "i") },
  { status: "controls", order: "place-first", strength: "strong", state: true, label: "place is under the control of actor", re: new RegExp(`${PLACES}${span(100)}\\b((?:is|are|was|were|remains?|remained|been|be|back|now)?\\s*(?:under|in)\\s+(?:(?:the|full|total|complete|firm)\\s+)*(?:control|hands|grip)\\s+of)\\s+${near(20)}${A}`, "i") },
  { status: "controls", order: "place-first", strength: "strong", state: true, label: "place is under actor control", re: new RegExp(`${PLACES}${span(100)}\\b((?:is|are|was|were|remains?|remained|been|be|back|now)?\\s*(?:under|in))\\s+(?:(?:the|full|total|complete|firm)\\s+)*${A}['’]?s?\\s+(?:control|hands)`, "i") },
  { status: "controls", order: "place-first", strength: "strong", state: true, label: "place is controlled by actor", re: new RegExp(`${PLACES}${span(100)}\\b((?:is|are|was|were|been|be|remains?|remained)\\s+(?:(?:still|now|firmly|fully|largely)\\s+)?(?:controlled|held|run|governed)\\s+by)\\s+${near(30)}${A}`, "i") },
  { status: "offensive", order: "place-first", strength: "weak", label: "place is under attack by actor", re: new RegExp(`${PLACES}${span(100)}\\b(under\\s+(?:(?:constant|heavy|sustained|renewed|fierce)\\s+)*(?:attack|siege|fire|bombardment|shelling)\\s+(?:by|from))\\s+${near(30)}${A}`, "i") },
  { status: "controls", order: "actor-first", strength: "strong", state: true, label: "actor-held place", re: new RegExp(`${A}(-(?:held|controlled|run))\\s+${near(40)}${PLACES}`, "i") },
  { status: "controls", order: "actor-first", strength: "strong", state: true, label: "actor controls place", re: new RegExp(`${A}${gap(80)}\\b(${HOLD})\\s+${near(40)}${PLACES}`, "i") },
  { status: "offensive", order: "actor-first", strength: "strong", label: "actor launched an offensive on place", re: new RegExp(`${A}${gap(100)}\\b((?:launch(?:ed|es|ing)?|start(?:ed|s)?|began|begun|begin|mount(?:ed|s)?|continu(?:ed|es)|announced|waging|waged|resumed|engaged in)\\s+(?:an?\\s+|its\\s+|their\\s+|his\\s+|the\\s+)?${near(30)}\\b(?:${OFFENSIVE_NOUN}))\\b${near(40)}${PLACES}`, "i") },
  { status: "offensive", order: "actor-first", strength: "strong", label: "actor's offensive on place", re: new RegExp(`${A}['’]?s?\\s+${near(30)}\\b((?:${OFFENSIVE_NOUN})\\s+(?:on|against|toward|towards|to take|to seize|to capture|into|in))\\s+${near(30)}${PLACES}`, "i") },
  { status: "offensive", order: "actor-first", strength: "strong", label: "actor advanced on place", re: new RegExp(`${A}${gap(80)}\\b((?:advanc(?:ed|ing|e|es)|march(?:ed|ing|es)?|mov(?:ed|ing|es)|push(?:ed|ing|es)?|closing in|closed in|converg(?:ed|ing)|head(?:ed|ing))\\s+(?:on|toward|towards|in on|against|north toward|west toward|east toward|south toward))\\s+${near(30)}${PLACES}`, "i") },
  { status: "offensive", order: "actor-first", strength: "weak", label: "actor attacked place", re: new RegExp(`${A}${gap(80)}\\b(attack(?:ed|s|ing)?|storm(?:ed|s|ing)?|besieg(?:ed|es|ing)|lay siege to|laid siege to|sent (?:his|its|their)\\s+(?:army|forces|troops|fighters)\\s+(?:against|to|towards?))\\s+${near(40)}${PLACES}`, "i") },
  { status: "contested", order: "actor-first", strength: "weak", label: "actor fought over place", re: new RegExp(`${A}${gap(80)}\\b((?:fight(?:ing|s)?|fought|battl(?:ed|ing|es?)|clash(?:ed|es|ing)?)(?:\\s+\\w+){0,3}?\\s+(?:for|in|over|around|near|inside|at|on the outskirts of|for control of))\\s+${near(30)}${PLACES}`, "i") },
  { status: "contested", order: "noun-first", strength: "weak", label: "fighting for place between actors", re: new RegExp(`\\b((?:battle|fighting|clashes|war|struggle)\\s+(?:for|over|in)(?:\\s+control\\s+of)?)\\s+${near(20)}${PLACES}${near(20)}\\bbetween\\s+${near(20)}${A}`, "i") },
];

/** Actor words that stand for the last actor named ("he seized Benghazi"). */
const PRONOUN_RE = /\b(?:(?:he|she)\b|(?:his|its|their)\s+(?:forces|army|troops|fighters|units|militia|militias|brigades|men)\b|the (?:general|marshal|field marshal|commander|strongman)\b)/gi;
/** Words before an actor name that make it the target, not the agent ("opponents of Haftar"). */
const NOT_AGENT_BEFORE = /\b(?:opponents|rivals|enemies|foes|against|fighting|fought|battling|battled|opposing|opposed to|from|(?<!(?:led|commanded|headed|run)\s)by)\s+(?:(?:the|Col\.?|Colonel|leader|strongman|Moammar|Muammar|Moamar|Mouammar|Khalifa|Field Marshal|Marshal|Gen\.?|General)\s+)*$/i;
const NOT_AGENT_AFTER = /^['’]s\s+(?:opponents|rivals|enemies|foes|refusal|rejection)/i;
/** …unless a relative clause makes it the agent again ("from Haftar's forces, who escaped from …"). */
const AGENT_AGAIN_AFTER = /^\s*,?\s*(?:who|which|that)\b/i;
/** An actor that only appears in a hoped-for or doubted event ("the chances of Haftar's side taking back …"). */
const IRREALIS_BEFORE_ACTOR = /\b(?:(?:chances?|hopes?|aim|goal|bid|attempts?|efforts?|plans?|ambitions?|threat)\s+(?:of|by|for)|prevent|prevents|preventing|stop|stops|stopping|deter|keep)\s+(?:the\s+)?$/i;
const IRREALIS_AFTER_PLACE = /^[^.;]{0,20}?\b(?:were|was|is|are|would be|seemed|seems)\s+(?:highly\s+|very\s+)?(?:unlikely|impossible|doubtful|remote)\b/i;
/**
 * A place named only to locate something else ("450 km east of the capital Tripoli", "near Tripoli"):
 * it is kept out of the skeleton so it can neither be claimed nor block a pattern.
 */
const REFERENCE_BEFORE = /\b(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+(?:of|from)|near|outside|close to|(?:km|kilomet(?:er|re)s?|miles?)\)?\s+(?:\w+\s+)?(?:of|from))\s+(?:the\s+)?(?:(?:capital|city|town|port|oil town)\s+(?:of\s+)?)?$/i;
const MODIFIER_AFTER = /^(?:-based|\s+(?:campaign|officials?|government|authorities|forces|militias?|brigades?|fighters|front|offensive|operation|residents?|airport|port|council)\b|['’]s\b)/i;
/** "the city", "the town": the last place named in this or the previous two sentences. */
const PLACE_PRONOUN_RE = /\bthe\s+(?:(?:coastal|strategic|eastern|western|southern|northern|oil|port|besieged|embattled|key)\s+)*(?:city|town)\b(?!\s+(?:of|centre|center|council|district|hall|'s|’s))/gi;
/** Reported or unconfirmed statements lower the confidence. */
const HEDGE = /\b(?:claim(?:s|ed)?|reportedly|unconfirmed|not (?:yet )?(?:been )?(?:independently )?(?:confirmed|verified)|if confirmed|could not be (?:independently )?verified|allegedly)\b/i;

interface SentenceMention extends Mention {
  /** Set for pronouns ("he", "the city"): the name they stand for. */
  resolvedFrom?: string;
  /** An actor named as a target ("against Haftar"): it may not be the agent of an active verb. */
  notAgent?: boolean;
  /** An actor in a hoped-for or doubted event: no claim. */
  irrealis?: boolean;
}

const CONF: Confidence[] = ["low", "medium", "high"];
const lower = (c: Confidence, by = 1): Confidence => CONF[Math.max(0, CONF.indexOf(c) - by)] ?? "low";

/**
 * Candidate claims in an article: place, actor and side, status, date, quote with offsets.
 * @example extractClaims("In 2017, he seized Benghazi.", { published: "2019-04-06", places, actors })
 */
export function extractClaims(text: string, options: ExtractOptions): CandidateClaim[] {
  const gaz = options.gazetteer ?? buildGazetteer(options.places, options.actors);
  const published = options.published ?? parseDateline(text);
  const pubPeriod = published ? parsePeriod(published) : null;
  const sentences = splitSentences(text);
  const all = gaz.find(text);
  const out: CandidateClaim[] = [];
  const recentActors: { id: string; text: string; sentence: number }[] = [];
  const recentPlaces: { id: string; text: string; sentence: number }[] = [];

  sentences.forEach((sent, si) => {
    const mentions: SentenceMention[] = all
      .filter((m) => m.start >= sent.start && m.end <= sent.end)
      .filter((m) => m.kind === "actor" || !REFERENCE_BEFORE.test(text.slice(Math.max(sent.start, m.start - 45), m.start)))
      .map((m) => ({ ...m }));
    for (const p of sent.text.matchAll(PLACE_PRONOUN_RE)) {
      const start = sent.start + (p.index ?? 0);
      const end = start + p[0].length;
      if (mentions.some((m) => start < m.end && end > m.start)) continue;
      const before = mentions.filter((m) => m.kind === "place" && m.end <= start && !MODIFIER_AFTER.test(text.slice(m.end, m.end + 20))).pop();
      const antecedent = before ? { id: before.id, text: before.text } : recentPlaces.filter((x) => x.sentence >= si - 2).pop();
      if (antecedent) mentions.push({ kind: "place", id: antecedent.id, ids: [antecedent.id], text: p[0], start, end, resolvedFrom: antecedent.text });
    }
    // Pronouns stand for the last actor named in this or the previous three sentences.
    for (const p of sent.text.matchAll(PRONOUN_RE)) {
      const start = sent.start + (p.index ?? 0);
      const end = start + p[0].length;
      if (mentions.some((m) => start < m.end && end > m.start)) continue;
      const before = mentions.filter((m) => m.kind === "actor" && m.end <= start).pop();
      const antecedent = before ? { id: before.id, text: before.text } : recentActors.filter((a) => a.sentence >= si - 3).pop();
      if (antecedent) mentions.push({ kind: "actor", id: antecedent.id, ids: [antecedent.id], text: p[0], start, end, resolvedFrom: antecedent.text });
    }
    mentions.sort((a, b) => a.start - b.start);
    for (const m of mentions) {
      if (m.kind !== "actor") continue;
      const before = text.slice(Math.max(sent.start, m.start - 30), m.start);
      const after = text.slice(m.end, Math.min(sent.end, m.end + 20));
      if ((NOT_AGENT_BEFORE.test(before) && !AGENT_AGAIN_AFTER.test(after)) || NOT_AGENT_AFTER.test(after)) m.notAgent = true;
      if (IRREALIS_BEFORE_ACTOR.test(before)) m.irrealis = true;
    }

    // The skeleton: the sentence with each mention replaced by a marker of its index.
    let skeleton = "";
    const skelPos: number[] = []; // skeleton index → text offset
    let cursor = sent.start;
    mentions.forEach((m, i) => {
      for (let k = cursor; k < m.start; k++) {
        skeleton += text[k];
        skelPos.push(k);
      }
      const marker = `⟦${m.kind === "actor" ? "A" : "P"}${i}⟧`;
      for (const ch of marker) {
        skeleton += ch;
        skelPos.push(m.start);
      }
      cursor = m.end;
    });
    for (let k = cursor; k < sent.end; k++) {
      skeleton += text[k];
      skelPos.push(k);
    }
    skelPos.push(sent.end);

    const dates = findDates(sent.text, published);
    for (const rule of RULES) {
      const re = new RegExp(rule.re.source, "gid");
      for (let from = 0; from < skeleton.length; ) {
        re.lastIndex = from;
        const m = re.exec(skeleton);
        if (!m || !m.indices) break;
        from = m.index + 1;
        const g = GROUPS[rule.order];
        const actorIdx = Number(m[g.actor]);
        const verb = m[g.verb] ?? "";
        const verbAt = m.indices[g.verb]![0];
        const placeIdxs = [Number(m[g.place]), ...[...(m[g.list] ?? "").matchAll(/⟦P(\d+)⟧/g)].map((x) => Number(x[1]))];
        const actor = mentions[actorIdx];
        if (!actor || actor.kind !== "actor" || actor.irrealis) continue;
        // An active verb needs its actor as the agent, not as a target ("rivals of Haftar stormed …").
        if (rule.order === "actor-first" && actor.notAgent && !/^-/.test(verb)) continue;
        const actorEnd = m.indices[g.actor]![1] + 1;
        // Intention, negation, condition, future: between actor and verb, or just before the verb.
        const between = rule.order === "actor-first" ? skeleton.slice(actorEnd, verbAt) : skeleton.slice(Math.max(0, verbAt - 40), verbAt);
        const justBefore = skeleton.slice(Math.max(0, verbAt - 25), verbAt);
        const infinitive = /\bto\s+(?:have\s+)?$/i.test(justBefore) && !/\b(?:managed|succeeded|came|went|claimed|claims|claim|said|says|appear|appears|appeared|seemed|seems|continue|continued)\s+to\s+(?:have\s+)?$/i.test(justBefore);
        if (IRREALIS.test(between.replace(/⟦[AP]\d+⟧/g, " ")) || infinitive) continue;

        for (const pi of placeIdxs) {
          const place = mentions[pi];
          if (!place || place.kind !== "place") continue;
          if (IRREALIS_AFTER_PLACE.test(text.slice(place.end, sent.end))) continue;
          // Date: the date expression nearest to the verb, else the publication date.
          const verbOffset = (skelPos[verbAt] ?? sent.start) - sent.start;
          // Only a date close to the match belongs to it, not one in another clause of a long sentence.
          const matchStart = (skelPos[m.index] ?? sent.start) - sent.start;
          const matchEnd = (skelPos[m.index + m[0].length] ?? sent.end) - sent.start;
          const nearest = dates
            .filter((d) => d.end >= matchStart - 80 && d.start <= matchEnd + 60)
            .sort((x, y) => Math.abs(x.start - verbOffset) - Math.abs(y.start - verbOffset))[0];
          let date: string | null = null;
          let precision: Precision | null = null;
          let dateWhy: string;
          if (nearest) {
            date = nearest.iso;
            precision = nearest.precision;
            dateWhy = `dated by "${sent.text.slice(nearest.start, nearest.end)}"`;
          } else if (pubPeriod) {
            const present = rule.state && /\b(?:is|are|remains?|now|still|controls|holds)\b/i.test(sent.text);
            precision = present ? "day" : "month";
            date = present ? published! : published!.slice(0, 7);
            dateWhy = present ? "present-tense state: publication day" : "undated: publication month";
          } else continue;
          const period = parsePeriod(date);
          if (!period || (pubPeriod && period.start > pubPeriod.end)) continue;
          // An alias shared by several actors goes to the one that had a side on that date.
          let actorId = "";
          let side: string | null = null;
          for (const id of actor.ids) {
            const a = gaz.actorById.get(id);
            side = a ? sideInPeriod(a, period) : null;
            if (side) {
              actorId = id;
              break;
            }
          }
          if (!side) continue;

          let confidence: Confidence = rule.strength === "strong" ? "high" : "medium";
          if (actor.resolvedFrom) confidence = lower(confidence);
          if (place.resolvedFrom) confidence = lower(confidence);
          if (HEDGE.test(sent.text)) confidence = lower(confidence);
          const spanStart = Math.min(skelPos[m.index] ?? sent.start, actor.start, place.start);
          const spanEnd = Math.max(skelPos[m.index + m[0].length] ?? sent.end, actor.end, place.end);
          const q = cutQuote(text, sent, spanStart, spanEnd);
          out.push({
            placeId: place.id,
            placeText: place.text,
            actorId,
            actorText: actor.text,
            side,
            status: rule.status,
            date,
            precision: precision!,
            quote: q.quote,
            start: q.start,
            end: q.end,
            confidence,
            reason: `${rule.label} ("${verb.trim().replace(/\s+/g, " ")}")${actor.resolvedFrom ? `; "${actor.text}" read as ${actor.resolvedFrom}` : ""}${place.resolvedFrom ? `; "${place.text}" read as ${place.resolvedFrom}` : ""}; ${dateWhy}`,
          });
        }
      }
    }
    for (const m of mentions) {
      if (m.resolvedFrom) continue;
      if (m.kind === "actor" && !m.notAgent) recentActors.push({ id: m.id, text: m.text, sentence: si });
      // A place used as a modifier ("its Tripoli campaign", "Tripoli officials") is no antecedent for "the town".
      if (m.kind === "place" && !MODIFIER_AFTER.test(text.slice(m.end, m.end + 20))) recentPlaces.push({ id: m.id, text: m.text, sentence: si });
    }

  });
  return mergeCandidates(out);
}

/** Cuts a sentence to at most MAX_QUOTE_WORDS words around [spanStart, spanEnd), trimming quotation marks. */
function cutQuote(text: string, sent: Sentence, spanStart: number, spanEnd: number): { quote: string; start: number; end: number } {
  const words = [...sent.text.matchAll(/\S+/g)].map((w) => ({ start: sent.start + w.index!, end: sent.start + w.index! + w[0].length }));
  let first = 0;
  let last = words.length - 1;
  if (words.length > MAX_QUOTE_WORDS) {
    const a = Math.max(0, words.findIndex((w) => w.end > spanStart));
    let b = words.findIndex((w) => w.end >= spanEnd);
    if (b < 0) b = words.length - 1;
    if (b - a + 1 >= MAX_QUOTE_WORDS) {
      // The match itself is long: keep its end (verb and place), drop the start.
      first = b - MAX_QUOTE_WORDS + 1;
      last = b;
    } else {
      const spare = MAX_QUOTE_WORDS - (b - a + 1);
      first = Math.max(0, a - Math.floor(spare / 2));
      last = Math.min(words.length - 1, first + MAX_QUOTE_WORDS - 1);
      first = Math.max(0, last - MAX_QUOTE_WORDS + 1);
    }
  }
  const lastEnd = words[last]?.end ?? sent.end;
  let start = words[first]?.start ?? sent.start;
  let end = lastEnd;
  while (start < end && /["“”‘’'(\[]/.test(text.charAt(start))) start++;
  while (end > start && /["“”’'\])]/.test(text.charAt(end - 1))) end--;
  if (end < lastEnd && /[.!?]/.test(text.charAt(end))) end++;
  return { quote: text.slice(start, end), start, end };
}

/** Merges candidates about the same place, side and status with overlapping dates: the most confident (then the first) wins. */
function mergeCandidates(cands: CandidateClaim[]): CandidateClaim[] {
  const kept: CandidateClaim[] = [];
  for (const c of cands.slice().sort((a, b) => CONF.indexOf(b.confidence) - CONF.indexOf(a.confidence) || a.start - b.start)) {
    const pc = parsePeriod(c.date)!;
    const dup = kept.find((k) => k.placeId === c.placeId && k.side === c.side && k.status === c.status && overlaps(parsePeriod(k.date)!, pc));
    if (!dup) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start || a.placeId.localeCompare(b.placeId));
}

/** Whether two periods share a day. */
export function overlaps(a: DatePeriod, b: DatePeriod): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Whether a string is a real calendar day as YYYY-MM-DD. @example isValidDay("2019-02-30") === false */
export function isValidDay(iso: string): boolean {
  return parsePeriod(iso)?.precision === "day";
}
