import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Carrier Portal", template: "%s · Carrier Portal" },
  description: "Connect your fleet's telematics and dispatch systems, and see your trucks live.",
};

const RootLayout = ({ children }: { children: ReactNode }) => (
  <html lang="en">
    <body className="min-h-screen font-sans">{children}</body>
  </html>
);

export default RootLayout;
