import type { PlaceState } from "@/lib/control-index";

const MS = 86_400_000;
const long = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
const month = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });

/** "6 April 2019" for a day number. */
export function formatDay(day: number): string {
  return long.format(new Date(day * MS));
}

/** A claim date as precise as it is: "6 April 2019", "April 2019", "2019". */
export function formatClaimDate(iso: string): string {
  if (iso.length === 4) return iso;
  const d = new Date(`${iso.length === 7 ? `${iso}-01` : iso}T00:00:00Z`);
  return iso.length === 7 ? month.format(d) : long.format(d);
}

/** One line describing a state. */
export function describeState(s: PlaceState, sideName: (id: string) => string): string {
  switch (s.status) {
    case "held": return `Held by ${sideName(s.side)}${s.since !== null ? ` since ${formatDay(s.since)}` : ""}`;
    case "contested": return `Contested: ${s.sides.map(sideName).join(" vs ")}${s.holder ? ` (held by ${sideName(s.holder)} before)` : ""}, since ${formatDay(s.since)}`;
    case "mixed": return `Mixed: ${s.shares.map((x) => `${x.side === "contested" ? "contested" : sideName(x.side)} ${Math.round(x.share * 100)}%`).join(", ")}`;
    case "unknown": return "Unknown: no claim covers this date";
  }
}
