/**
 * npm run data:check [-- DIR]
 * Validates every file under DIR/data (default: this project) and prints one line per problem.
 * Exit 0 only when all is valid. Never crashes on bad input: a crash would be a bug in the checker.
 */
import path from "node:path";
import { checkData, formatIssue } from "../lib/check";
import { readDataFiles } from "../lib/data-files";

const root = path.resolve(process.argv[2] ?? ".");
const files = readDataFiles(root);
const { issues, dataset } = checkData(files);
if (issues.length > 0) {
  for (const i of issues) console.error(formatIssue(i));
  console.error(`\n${issues.length} problem${issues.length === 1 ? "" : "s"} in ${files.length} files.`);
  process.exit(1);
}
const d = dataset!;
const kinds = (k: string) => d.places.filter((p) => p.kind === k).length;
console.log(`data/ is valid: ${kinds("region")} districts, ${kinds("city")} towns and sites, ${kinds("area")} areas, ${d.sides.length} sides, ${d.actors.length} actors, ${d.sources.length} sources, ${d.claims.length} claims (version ${d.version}).`);
