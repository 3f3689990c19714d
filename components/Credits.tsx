/** Data credits (server component): the licences the upstream data asks us to show. */
export default function Credits() {
  return (
    <footer className="credits">
      <p>
        Districts: <a href="https://www.naturalearthdata.com/">Natural Earth</a> (public domain), re-keyed to ISO 3166-2 with iso3166-2-db (MIT).
        Towns: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0); airports: <a href="https://ourairports.com/">OurAirports</a> (public domain).
        Base map: Natural Earth via world-atlas (ISC). Claims: our reading of the cited articles; the dataset is CC BY 4.0, the code MIT.
        {" "}<a href="/api-docs">Open data API</a>.
      </p>
    </footer>
  );
}
