import type { Metadata, Viewport } from "next";
import { messagesFor } from "@/lib/messages";
import "./globals.css";

const t = messagesFor("en");

export const metadata: Metadata = {
  title: t.title,
  description: t.tagline,
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The atlas pages set lang and dir for their language before first paint (app/atlas-page.tsx).
    <html lang="en" suppressHydrationWarning>
      <body>{children}</body>
    </html>
  );
}
