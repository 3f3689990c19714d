/**
 * The interface in Arabic (Modern Standard Arabic). Same keys as en.ts: a missing one fails
 * the type check and lib/messages/messages.test.ts. Numbers and dates arrive formatted.
 */
import type { Messages } from "./en";

/**
 * Arabic plural forms for a count of things: zero, one, two, 3–10, 11+ (by the last two
 * digits); "#" in a form stands for the formatted count.
 */
function plural(n: number, count: string, forms: { zero?: string; one: string; two: string; few: string; many: string }): string {
  if (n === 0 && forms.zero) return forms.zero;
  if (n === 1) return forms.one;
  if (n === 2) return forms.two;
  const mod = n % 100;
  return (mod >= 3 && mod <= 10 ? forms.few : forms.many).replace("#", count);
}

export const ar: Messages = {
  lang: "ar",
  title: "أطلس السيطرة في ليبيا",
  tagline: "من سيطر على أي جزء من ليبيا في أي يوم منذ 2011 — والادعاءات الموثقة بمصادرها وراء كل لون.",
  switchLanguage: "English",
  switchLanguageLabel: "اقرأ الأطلس بالإنجليزية",
  loadingMap: "جارٍ تحميل الخريطة…",
  loadingAtlas: "جارٍ تحميل الأطلس…",
  dataError: (detail) => `تعذّر تحميل بيانات الأطلس (${detail}).`,
  tryAgain: "أعد المحاولة",
  findPlace: "ابحث عن مكان",
  findPlaceholder: "ابحث عن مكان (بالعربية أو الإنجليزية)",
  find: "ابحث",
  compareWith: "قارن مع",
  clearCompare: "ألغِ المقارنة",
  ignoredParam: (param, got) => `تم تجاهل ${param}=«${got}»: القيمة غير صالحة.`,
  noPlace: (q) => `لا يوجد مكان باسم «${q}».`,
  changesLabel: "التغييرات بين التاريخين",
  changedBetween: (n, count, from, to) => `${plural(n, count, { zero: "لم يتغيّر أي مكان", one: "تغيّر مكان واحد", two: "تغيّر مكانان", few: "تغيّرت # أماكن", many: "تغيّر # مكانًا" })} بين ${from} و${to}`,
  claimCount: (n, count) => plural(n, count, { one: "ادعاء واحد", two: "ادعاءان", few: "# ادعاءات", many: "# ادعاءً" }),

  legend: "مفتاح الخريطة",
  side: "الطرف",
  area: "المساحة",
  people: "السكان",
  contested: "متنازع عليه",
  unknownSide: "غير معروف (لا ادعاء)",
  legendNote: "التظليل المخطط: متنازع عليه. الباهت بحافة متقطعة: تاريخ غير مؤكد. الخطوط الحمراء المتقطعة: خطوط الجبهة بين المناطق.",

  held: (side, since) => `تحت سيطرة ${side}${since ? ` منذ ${since}` : ""}`,
  contestedState: (sides, holder, since) => sides.length === 1
    ? `اشتباكات مُبلَّغ عنها (${sides[0]})${holder ? `، وكان تحت سيطرة ${holder} قبل ذلك` : ""}، منذ ${since}`
    : `متنازع عليه: ${sides.join(" ضد ")}${holder ? ` (كان تحت سيطرة ${holder} قبل ذلك)` : ""}، منذ ${since}`,
  mixedState: (shares) => `مختلط: ${shares.join("، ")}`,
  contestedShare: "متنازع عليه",
  unknownState: "غير معروف: لا يغطي أي ادعاء هذا التاريخ",

  panelLabel: (name) => `${name}: السيطرة والادعاءات`,
  district: "شعبية",
  drawnArea: "منطقة",
  categories: {
    village: "قرية", town: "بلدة", neighbourhood: "حي", "military base": "قاعدة عسكرية", suburb: "ضاحية", city: "مدينة",
    airport: "مطار", "air base": "قاعدة جوية", "oil terminal": "ميناء نفطي", "border crossing": "منفذ حدودي", "oil field": "حقل نفطي", capital: "العاصمة",
  },
  population: (n) => `السكان ${n}`,
  approximateLocation: "موقع تقريبي",
  closePanel: "أغلق اللوحة",
  uncertainNote: " — غير مؤكد: يحسمه ادعاء مؤرخ بالشهر أو السنة فقط (أو تسليم مستنتج)",
  derivedNote: " — مستنتج من البلدات التي فيه",
  history: "التاريخ",
  historyLabel: "تاريخ السيطرة",
  onwards: "فما بعد",
  sourcesError: (detail) => `تعذّر تحميل المصادر (${detail}).`,
  retry: "أعد المحاولة",
  derivedFrom: "البلدات التي استُنتجت منها الحالة",
  claimsBehind: (n) => `الادعاءات وراء هذه الحالة (${n})`,
  conflicting: (n) => `ادعاءات متعارضة (${n})`,
  noConflicts: "لا شيء في هذا التاريخ أو قبله.",
  allClaims: (name, n) => `كل الادعاءات عن ${name} (${n})`,
  loadingSource: "جارٍ تحميل المصدر…",
  sourceFallback: "المصدر",
  confidence: { low: "ثقة منخفضة", medium: "ثقة متوسطة", high: "ثقة عالية" },
  precision: { day: "باليوم", month: "بالشهر", year: "بالسنة" },
  precisionTitle: (p) => `الدقة: ${p}`,
  afterThisDate: "بعد هذا التاريخ",
  statusWords: { controls: "يسيطر على", captured: "استولى على", lost: "خسر", withdrew: "انسحب من", contested: "يقاتل على", offensive: "يهاجم" },

  previousChange: "التغيير السابق",
  previousChangeHint: "التغيير السابق (Page Down)",
  nextChange: "التغيير التالي",
  nextChangeHint: "التغيير التالي (Page Up)",
  play: "تشغيل",
  pause: "إيقاف مؤقت",
  speed: "سرعة التشغيل",
  speeds: ["شهر في الثانية", "6 أشهر في الثانية"],
  goToDate: "انتقل إلى تاريخ",
  dateSlider: "التاريخ",

  chartCaption: (from, to) => `حصة كل طرف من مساحة ليبيا، ${from}–${to} (انقر للانتقال)`,
  chartCaptionPeople: (from, to) => `حصة كل طرف من سكان ليبيا، ${from}–${to} (انقر للانتقال)`,
  chartMetric: "قياس الرسم حسب",
  chartArea: "المساحة",
  chartPeople: "السكان",
  chartLabel: (date) => `حصة كل طرف من الأراضي عبر الزمن؛ المؤشر عند ${date}`,

  creditsDistricts: "الشعبيات:",
  creditsPublicDomain: "ملكية عامة",
  creditsRekeyed: "مع رموز ISO 3166-2 من iso3166-2-db (MIT).",
  creditsTowns: "البلدات:",
  creditsAirports: "المطارات:",
  creditsBasemap: "الخريطة الأساسية: Natural Earth عبر world-atlas (ISC).",
  creditsClaims: "الادعاءات: قراءتنا للمقالات المذكورة؛ البيانات مرخصة CC BY 4.0، والشيفرة MIT.",
  apiLink: "واجهة البيانات المفتوحة (بالإنجليزية)",
  creditsShort: "أطلس السيطرة في ليبيا (CC BY 4.0) · الشعبيات: Natural Earth · البلدات: GeoNames (CC BY 4.0)",

  share: "مشاركة",
  shareTitle: "شارك هذه الخريطة",
  permalink: "رابط هذه الخريطة",
  embedCode: "شيفرة التضمين",
  copy: "انسخ",
  copied: "نُسخ",
  downloads: "تنزيل",
  downloadPng: "الخريطة صورةً PNG",
  downloadGeojson: "الحالة بصيغة GeoJSON",
  downloadStateCsv: "الحالة بصيغة CSV",
  downloadClaimsCsv: "الادعاءات حتى هذا التاريخ (CSV)",
  close: "إغلاق",
  openFullAtlas: "افتح الأطلس كاملًا",
  iframeTitle: (date) => `أطلس السيطرة في ليبيا: السيطرة على ليبيا في ${date}`,

  pageTitle: (date, place) => `${place ?? "ليبيا"} في ${date} — أطلس السيطرة في ليبيا`,
  pageDescription: (date) => `من سيطر على أي جزء من ليبيا في ${date}، والادعاءات الموثقة وراء كل لون.`,
  ogAlt: (date) => `خريطة السيطرة على ليبيا في ${date}`,
};
