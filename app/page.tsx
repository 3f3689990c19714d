import AtlasApp from "@/components/AtlasApp";
import Credits from "@/components/Credits";

export default function Home() {
  return (
    <main className="page">
      <header className="masthead">
        <h1>Libya Control Atlas</h1>
        <p className="tagline">Who held which part of Libya on any day since 2011 — and the sourced claims behind every colour.</p>
      </header>
      <AtlasApp />
      <Credits />
    </main>
  );
}
