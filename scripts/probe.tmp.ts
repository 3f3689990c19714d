import { loadDataset } from "../lib/data-files";
import { buildIndex, stateOf, supportingClaims } from "../lib/control-index";
import { parseDay, dayToIso } from "../lib/dates";
const ds = loadDataset();
const idx = buildIndex(ds);
const probes = process.argv.slice(2).map((a) => a.split("@") as [string, string]);
for (const [p, d] of probes) {
  const s = stateOf(idx, p, parseDay(d)!);
  const desc = s.status === "held" ? `held ${s.side} since ${dayToIso(s.since)}` : s.status === "contested" ? `contested ${s.sides.join("+")} holder ${s.holder} since ${dayToIso(s.since)}` : s.status === "mixed" ? `mixed ${JSON.stringify(s.shares)}` : "unknown";
  console.log(p.padEnd(16), d, desc, s.certain ? "" : "(uncertain)", "| decided:", s.claims.slice(0, 3).join(","), "| support:", supportingClaims(idx, p, parseDay(d)!).length);
}
