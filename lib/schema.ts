/**
 * Schemas for everything under data/. Validation happens once, at the boundary
 * (data:check, the build, the editor's save); code inside trusts the parsed types.
 */
import { z } from "zod";
import { CLAIM_STATUSES } from "./types";

export const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const REGION_ID_RE = /^LY-[A-Z]{2}$/;
const DATE_RE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
export const MAX_QUOTE_WORDS = 25;

export const placeIdSchema = z.string().refine((s) => ID_RE.test(s) || REGION_ID_RE.test(s), {
  message: "a place id: a lowercase slug like 'ras-lanuf' or a district code like 'LY-TB'",
});

/** http(s) only: a `javascript:` or `data:` URL must never reach a link. */
export const httpUrlSchema = z.string().refine((s) => {
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname.length > 0;
  } catch {
    return false;
  }
}, { message: "an http:// or https:// URL" });

export const isoDateSchema = z.string().regex(DATE_RE, { message: "a date as YYYY, YYYY-MM or YYYY-MM-DD" });

export const wordCount = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

export const claimSchema = z.object({
  id: z.string().regex(ID_RE, { message: "a lowercase slug id like 'bbc-2011-03-12-ras-lanuf-1'" }),
  place: placeIdSchema,
  actor: z.string().regex(ID_RE).optional(),
  side: z.string().regex(ID_RE).optional(),
  status: z.enum(CLAIM_STATUSES),
  date: isoDateSchema,
  quote: z.string().min(1).refine((s) => wordCount(s) <= MAX_QUOTE_WORDS, { message: `at most ${MAX_QUOTE_WORDS} words` }).optional(),
  paraphrase: z.string().min(1).max(400).optional(),
  confidence: z.enum(["low", "medium", "high"]),
  notes: z.string().max(1000).optional(),
}).strict();

export const sourceFileSchema = z.object({
  id: z.string().regex(ID_RE, { message: "a lowercase slug id" }),
  title: z.string().min(1).max(400),
  publisher: z.string().min(1).max(120),
  url: httpUrlSchema,
  published: isoDateSchema,
  language: z.string().regex(/^[a-z]{2}$/, { message: "an ISO 639-1 language code like 'en'" }),
  text: z.string().optional(),
  claims: z.array(z.unknown()),
}).strict();

export const sideSchema = z.object({
  id: z.string().regex(ID_RE),
  name: z.string().min(1),
  nameAr: z.string().min(1),
  short: z.string().min(1).max(12),
  color: z.string().regex(/^#[0-9A-Fa-f]{6}$/, { message: "a colour like #0072B2" }),
  pattern: z.enum(["solid", "diagonal", "cross", "dots", "horizontal", "vertical", "zigzag", "grid"]),
  description: z.string(),
  until: isoDateSchema.optional(),
  successor: z.string().regex(ID_RE).optional(),
}).strict();

export const actorSchema = z.object({
  id: z.string().regex(ID_RE),
  name: z.string().min(1),
  nameAr: z.string().optional(),
  aliases: z.array(z.string().min(1)),
  alignments: z.array(z.object({ side: z.string(), from: isoDateSchema, to: isoDateSchema.optional() }).strict()).min(1),
  notes: z.string().optional(),
}).strict();

export const placePropertiesSchema = z.object({
  id: placeIdSchema,
  kind: z.enum(["region", "city", "area"]),
  name: z.string().min(1),
  nameAr: z.string().min(1).nullable(),
  alternates: z.array(z.string()).optional(),
  population: z.number().int().nonnegative().nullable().optional(),
  region: z.string().nullable().optional(),
  category: z.string().optional(),
  coordsSource: z.string().optional(),
  approximate: z.boolean().optional(),
  description: z.string().optional(),
  naturalEarthName: z.string().optional(),
}).strict();

export type SourceFile = z.infer<typeof sourceFileSchema>;
export type ClaimInput = z.infer<typeof claimSchema>;
