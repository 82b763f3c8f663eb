import Link from "next/link";

const NotFound = () => (
  <main className="mx-auto max-w-xl px-6 py-24 text-center">
    <h1 className="text-2xl font-semibold">Page not found</h1>
    <p className="mt-2 text-slate-600">This page does not exist, or you do not have access to it.</p>
    <Link href="/" className="mt-6 inline-block font-medium text-brand-700 underline">Go to the start page</Link>
  </main>
);

export default NotFound;
