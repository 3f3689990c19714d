import type { PlaceState } from "@/lib/control-index";
import { formattersFor, messagesFor, type Lang } from "@/lib/messages";

/** "6 April 2019" (or "6 أبريل 2019") for a day number. */
export function formatDay(day: number, lang: Lang = "en"): string {
  return formattersFor(lang).day(day);
}

/** A claim date as precise as it is: "6 April 2019", "April 2019", "2019". */
export function formatClaimDate(iso: string, lang: Lang = "en"): string {
  return formattersFor(lang).claimDate(iso);
}

/** One line describing a state, in a language. */
export function describeState(s: PlaceState, sideName: (id: string) => string, lang: Lang = "en"): string {
  const t = messagesFor(lang);
  const f = formattersFor(lang);
  switch (s.status) {
    case "held": return t.held(sideName(s.side), s.since !== null ? f.day(s.since) : null);
    case "contested": return t.contestedState(s.sides.map(sideName), s.holder ? sideName(s.holder) : null, f.day(s.since));
    case "mixed": return t.mixedState(s.shares.map((x) => `${x.side === "contested" ? t.contestedShare : sideName(x.side)} ${f.percent(x.share)}`));
    case "unknown": return t.unknownState;
  }
}
