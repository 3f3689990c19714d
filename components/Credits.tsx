import { messagesFor, type Lang } from "@/lib/messages";

/** Data credits (server component): the licences the upstream data asks us to show. */
export default function Credits({ lang = "en" }: { lang?: Lang }) {
  const t = messagesFor(lang);
  return (
    <footer className="credits">
      <p>
        {t.creditsDistricts} <a href="https://www.naturalearthdata.com/">Natural Earth</a> ({t.creditsPublicDomain}), {t.creditsRekeyed}{" "}
        {t.creditsTowns} <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0){lang === "ar" ? "؛" : ";"} {t.creditsAirports} <a href="https://ourairports.com/">OurAirports</a> ({t.creditsPublicDomain}).{" "}
        {t.creditsBasemap} {t.creditsClaims}
        {" "}<a href="/api-docs">{t.apiLink}</a>.
      </p>
    </footer>
  );
}
