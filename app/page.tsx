import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

const LandingPage = () => (
  <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center px-6 py-16">
    <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Carrier Portal</p>
    <h1 className="mt-2 text-4xl font-bold tracking-tight text-slate-900">Your fleet data, connected.</h1>
    <p className="mt-4 text-lg text-slate-700">
      Send live truck positions, dispatch plans and free-capacity offers from your telematics or transport system
      to one signed, per-connection endpoint. We check every message, keep a receipt of what arrived and what was
      dropped and why, and show your trucks on a live map.
    </p>
    <div className="mt-8 flex gap-3">
      <Link href="/login" className={buttonClass("primary")}>Sign in</Link>
      <Link href="/signup" className={buttonClass("secondary")}>Create account</Link>
    </div>
  </main>
);

export default LandingPage;
