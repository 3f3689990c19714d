/**
 * A gazetteer for article extraction: finds the places and actors named in a text.
 *
 * Places match by English name, Arabic name and alternates, plus generated transliteration
 * variants (Misrata/Misurata, Sirte/Sirt, -a/-ah endings, an optional "al-"/"el-"/"Al " article).
 * Actors match by name and aliases. Everything goes into one alternation, longest entry first,
 * so "Benghazi Defense Brigades" is an actor mention and not the city, and "Ras Lanuf oil
 * terminal" beats "Ras Lanuf". Pure: no fs, no React.
 */
import type { Actor, Place } from "./types";

export type MentionKind = "place" | "actor";

/** One occurrence of a place or actor in a text. */
export interface Mention {
  kind: MentionKind;
  /** Place id or actor id. */
  id: string;
  /** Actors sharing this alias ("government forces": Gaddafi's in 2011, the GNA's in 2016), best first. */
  ids: string[];
  /** The text as it appears in the article. */
  text: string;
  start: number;
  end: number;
}

interface Entry {
  kind: MentionKind;
  id: string;
  /** Lowercased surface form (what the regex alternation was built from). */
  key: string;
  /** Must match with this exact case (acronyms such as "IS", "LNA"). */
  exactCase: string | null;
  /** A single-word place must be capitalised in the text ("Sultan", not "sultan"). */
  needsCapital: boolean;
  /** Ranking when two entries share a key: cities beat districts of the same name. */
  rank: number;
  /** Every actor id with this alias, in data order. */
  ids: string[];
}

export interface Gazetteer {
  /** Every place or actor mention, left to right, without overlaps. */
  find(text: string): Mention[];
  placeById: Map<string, Place>;
  actorById: Map<string, Actor>;
}

/** Spelling pairs seen in news copy that the data's alternates may miss. */
const VARIANT_PAIRS: [string, string][] = [
  ["Misrata", "Misurata"], ["Misrata", "Misratah"], ["Sirte", "Sirt"], ["Derna", "Darnah"], ["Derna", "Darna"],
  ["Ajdabiya", "Ajdabiyah"], ["Ajdabiya", "Ajdabia"], ["Tripoli", "Tarabulus"], ["Gharyan", "Garyan"], ["Gharyan", "Gharian"],
  ["Zawiya", "Zawiyah"], ["Zawiya", "Zawia"], ["Zliten", "Zlitan"], ["Tarhuna", "Tarhouna"], ["Sabha", "Sebha"],
  ["Benghazi", "Bengazi"], ["Ras Lanuf", "Ras Lanouf"], ["Es Sider", "Es Sidra"], ["Es Sider", "Al-Sidra"], ["Brega", "Marsa el Brega"],
  ["Al-Watiya air base", "Al-Watiya airbase"], ["Al-Watiya air base", "Watiya airbase"], ["Al-Watiya air base", "Al-Watiyah"],
  ["Bin Jawad", "Bin Jawwad"], ["Ubari", "Awbari"], ["Kufra", "Al Kufrah"], ["Jufra", "Al Jufrah"],
];

/** Region-level names that are not in the place files' names or alternates. */
const EXTRA_NAMES: Record<string, string[]> = {
  fezzan: ["Fezzan", "Fazzan", "Fezan", "the south of Libya"],
  "oil-crescent": ["oil crescent", "Oil Crescent", "oil crescent region"],
  "LY-JG": ["Nafusa Mountains", "Nafusa mountains", "Western Mountains", "Jebel Nafusa", "Jabal Nafusa"],
  "LY-JA": ["Green Mountain", "Jebel Akhdar", "Jabal Akhdar"],
  "LY-KF": ["Kufra", "Kufrah"],
  "LY-JU": ["Jufra", "Jufrah"],
};

/** Alternates that are codes or words that mean something else in English news. */
const STOP_ALTERNATES = new Set(["homs", "ea", "aea", "oea", "sabra", "berta", "balis", "gat", "hon", "sert", "sidr", "berenice", "hesperides", "cyrene", "labdah", "lebda", "southern libya", "the oil ports", "benina", "al abraq", "mitiga", "sharara", "zuara", "zuava", "beda", "iefren"]);

/** Extra actor surface forms: "the LNA", "Daesh" and pronoun-free labels reporters use. */
const EXTRA_ACTOR_ALIASES: Record<string, string[]> = {
  lna: ["Haftar's Libyan National Army", "Libya National Army", "Haftar's LNA", "pro-Haftar forces", "Haftar's troops", "Haftar's fighters", "forces loyal to Khalifa Haftar", "forces of Libyan strongman Khalifa Haftar", "eastern Libyan forces", "East Libyan forces", "Hafter", "LNA forces", "Haftar's army"],
  gna: ["Government of National Accord (GNA)", "GNA-aligned forces", "pro-government forces", "unity government forces", "forces loyal to Libya's unity government", "forces loyal to Libya's UN-backed government", "Tripoli forces", "UN-recognised government", "UN-recognized government", "internationally-recognised government", "internationally-recognized government", "forces allied to the UN-recognised government", "unity government", "loyalist forces", "Libyan loyalist forces", "government forces", "Tripoli government", "forces allied to the Tripoli government", "Tripoli-based government"],
  isil: ["Islamic State jihadist group", "IS group", "Islamic State militants", "ISIL", "Daesh"],
  "ntc-rebels": ["rebel", "Libyan rebels", "rebel troops", "rebel fighters", "opposition forces", "liberating forces"],
  "gaddafi-forces": ["Gaddafi", "Gadhafi", "Qaddafi", "Kadhafi", "Gaddafi's troops", "Gaddafi troops", "pro-Gaddafi forces", "pro-Qaddafi forces", "Qaddafi loyalist forces", "Gadhafi's forces", "Gaddafi loyalists", "Libyan forces loyal to Gaddafi"],
  "libya-dawn": ["Libya's Dawn", "Dawn of Libya", "Libya Dawn forces"],
  "zintan-brigades": ["Zintan militia", "Zintan militias", "Zintan forces"],
  "pfg-jadhran": ["Petrol Facilities Guard", "Petroleum Facilities Guard (PFG)"],
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const stripMarks = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[’‘'`ʿʾ]/g, "").normalize("NFC");
const ARTICLE_RE = /^(?:al|el|ar|as|az|at|an|ad|ash|ad)[-\s]/i;

/** Spelling variants of a place name: without marks, without or with an article, -a/-ah. */
export function placeVariants(name: string): string[] {
  const out = new Set<string>([name]);
  const plain = stripMarks(name);
  out.add(plain);
  for (const n of [name, plain]) {
    const bare = n.replace(ARTICLE_RE, "");
    out.add(bare);
    if (bare.length >= 4) for (const art of ["al-", "el-", "Al ", "El "]) out.add(art + bare);
    if (/[^a]a$/.test(bare)) out.add(`${bare}h`);
    if (/ah$/.test(bare)) out.add(bare.slice(0, -1));
  }
  return [...out].filter((v) => v.trim().length >= 3);
}

const isArabic = (s: string) => /[\u0600-\u06ff]/.test(s);
const isAcronym = (s: string) => /^[A-Z]{2,5}$/.test(s);

/**
 * Builds a matcher for the given places and actors.
 * @example buildGazetteer(places, actors).find("Haftar's forces took Sirt") // [{kind:"actor",id:"lna",…},{kind:"place",id:"sirte",…}]
 */
export function buildGazetteer(places: Place[], actors: Actor[]): Gazetteer {
  const entries = new Map<string, Entry>();
  const add = (e: Omit<Entry, "key" | "exactCase" | "needsCapital" | "ids">, surface: string) => {
    const s = surface.trim().replace(/\s+/g, " ");
    if (s.length < 2) return;
    const key = s.toLowerCase();
    const exactCase = e.kind === "actor" && isAcronym(s) ? s : null;
    const needsCapital = e.kind === "place" && !/\s/.test(s) && !isArabic(s);
    const old = entries.get(key);
    if (old && old.kind === "actor" && e.kind === "actor") {
      if (!old.ids.includes(e.id)) old.ids.push(e.id);
      return;
    }
    if (old && old.rank >= e.rank) return;
    entries.set(key, { ...e, key, exactCase, needsCapital, ids: [e.id] });
  };
  const kindRank = { city: 3, area: 2, region: 1 } as const;
  for (const p of places) {
    const base = { kind: "place" as const, id: p.id, rank: kindRank[p.kind] };
    const names = [p.name, ...(EXTRA_NAMES[p.id] ?? [])];
    for (const [a, b] of VARIANT_PAIRS) if (a === p.name) names.push(b);
    for (const n of names) for (const v of placeVariants(n)) add(base, v);
    if (p.nameAr) add(base, p.nameAr);
    for (const alt of p.alternates) {
      // Alternates from GeoNames include IATA codes and romanised junk; keep real spellings.
      if (alt.length < 4 || isAcronym(alt) || !/^[A-Z\u0600-\u06ff]/.test(alt) || STOP_ALTERNATES.has(alt.toLowerCase())) continue;
      for (const v of isArabic(alt) ? [alt] : placeVariants(alt)) if (!STOP_ALTERNATES.has(v.toLowerCase())) add({ ...base, rank: base.rank - 0.5 }, v);
    }
  }
  for (const a of actors) {
    const base = { kind: "actor" as const, id: a.id, rank: 10 };
    for (const s of [a.name, ...a.aliases, ...(EXTRA_ACTOR_ALIASES[a.id] ?? [])]) {
      add(base, s);
    }
    if (a.nameAr) add(base, a.nameAr);
  }

  const keys = [...entries.keys()].sort((x, y) => y.length - x.length || (x < y ? -1 : 1));
  const source = keys.map((k) => escapeRe(k).replace(/ /g, "\\s+").replace(/-/g, "[-\\s]?").replace(/'/g, "['’]?")).join("|");
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, "giu");
  const lookup = (matched: string): Entry | undefined => {
    const norm = matched.toLowerCase().replace(/\s+/g, " ").replace(/’/g, "'");
    return entries.get(norm) ?? [...entries.values()].find((e) => new RegExp(`^${escapeRe(e.key).replace(/ /g, " ").replace(/-/g, "[- ]?").replace(/'/g, "'?")}$`, "u").test(norm));
  };

  function find(text: string): Mention[] {
    const out: Mention[] = [];
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const e = lookup(m[0]);
      const ok = e && (!e.exactCase || m[0] === e.exactCase) && (!e.needsCapital || /^[A-Z\u0600-\u06ff]/.test(m[0]));
      if (!e || !ok) {
        re.lastIndex = m.index + 1;
        continue;
      }
      out.push({ kind: e.kind, id: e.id, ids: e.ids, text: m[0], start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  return { find, placeById: new Map(places.map((p) => [p.id, p])), actorById: new Map(actors.map((a) => [a.id, a])) };
}
