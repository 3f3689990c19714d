/**
 * The days the atlas UI opens on and starts from, shared by the page (metadata, preview
 * image) and the client so a permalink without a date means the same day everywhere.
 */
import { parseDay } from "./dates";

/** The day shown when the permalink has no (valid) date: the start of the 2019 Tripoli offensive. */
export const DEFAULT_DAY = parseDay("2019-04-10")!;

/** The first day of the slider: the start of the February 2011 uprising. */
export const MIN_DAY = parseDay("2011-02-15")!;
