"use client";
/**
 * The language of the atlas UI, given once by the page (/ or /ar) and read by every
 * component through useI18n(): messages, formatters, and side and place names.
 */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { dirOf, formattersFor, messagesFor, placeNameIn, sideNameIn, type Formatters, type Lang, type Messages } from "@/lib/messages";
import type { PlaceState } from "@/lib/control-index";
import type { Place, Side } from "@/lib/types";
import { describeState } from "./format";

export interface I18n {
  lang: Lang;
  dir: "ltr" | "rtl";
  t: Messages;
  f: Formatters;
  /** A side's name by id, given the sides. */
  sideName: (sides: Side[], id: string) => string;
  placeName: (place: Pick<Place, "name" | "nameAr">) => string;
  describe: (s: PlaceState, sides: Side[]) => string;
}

const LangContext = createContext<Lang>("en");

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

/** The language helpers of the current page. */
export function useI18n(): I18n {
  const lang = useContext(LangContext);
  return useMemo(() => {
    const sideName = (sides: Side[], id: string) => sideNameIn(lang, sides.find((s) => s.id === id), id);
    return {
      lang,
      dir: dirOf(lang),
      t: messagesFor(lang),
      f: formattersFor(lang),
      sideName,
      placeName: (p) => placeNameIn(lang, p),
      describe: (s, sides) => describeState(s, (id) => sideName(sides, id), lang),
    };
  }, [lang]);
}
