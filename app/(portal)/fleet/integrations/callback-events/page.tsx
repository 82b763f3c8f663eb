import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/require-user";
import { CALLBACK_EVENTS, CALLBACK_MODULES, eventNamesOf, exampleBody, MODULE_LABELS } from "@/lib/callbacks/catalogue";

export const metadata: Metadata = { title: "Callback events" };

const HEADERS: [string, string][] = [
  ["content-type", "application/json"],
  ["webhook-id", "The event's id (equal to event_id in the body). The same on every retry and resend, and for every endpoint: de-duplicate on it."],
  ["webhook-timestamp", "This attempt's time in Unix seconds. Refuse a request more than 5 minutes away from your clock."],
  ["webhook-signature", "v1,<base64 HMAC-SHA256 of \"{webhook-id}.{webhook-timestamp}.{body}\">, keyed with the endpoint secret's bytes (the base64 after whsec_, decoded). During a secret rotation one signature per valid secret, space-separated: accept if any matches."],
  ["x-betakom-signature", "Hex HMAC-SHA256 of the raw body, keyed with the current secret's bytes: the scheme of the inbound API."],
  ["x-betakom-event", "The event name, as in the body."],
  ["x-betakom-delivery", "This delivery's id: one per event and endpoint."],
  ["x-betakom-attempt", "The attempt number, from 1."],
  ["user-agent", "Names the carrier portal."],
];

/** The event catalogue for integrators: when each event fires, what its id is, an example body, and how to verify a callback. */
const CallbackEventsPage = async () => {
  await requireUser();
  return (
    <div className="space-y-6">
      <Link href="/fleet/integrations" className="text-sm text-brand-700 underline">← Integrations</Link>
      <h1 className="text-2xl font-semibold">Callback events</h1>
      <Card title="What every callback looks like">
        <div className="space-y-4 text-sm text-slate-700">
          <p>
            Each event is a <code>POST</code> to the endpoint&apos;s URL with a JSON body <code>{"{ id, event_id, event_name, occurred_at, sequence, data }"}</code>.{" "}
            <code>id</code> is the object&apos;s own id as you sent it (the message id from the 202 answer, <code>externalPlanId</code>, <code>externalOfferId</code>,{" "}
            <code>externalUnitId</code>, or the connection id). <code>sequence</code> only grows: the order of arrival is not guaranteed, so when you already hold a newer
            event for an object, drop an older one that arrives late.
          </p>
          <p>
            Answer with any 2xx within 15 seconds. Anything else, a redirect or no answer is retried after 5 seconds, 5 minutes, 30 minutes, 2, 5, 10 and 10 hours (±20 %).{" "}
            <code>410 Gone</code> disables the endpoint; the response header <code>webhook-delivery: abort-message</code> stops retrying one event and{" "}
            <code>webhook-delivery: disable</code> disables the endpoint.
          </p>
          <table className="w-full text-left">
            <caption className="mb-2 text-left font-semibold text-slate-800">Headers on every attempt</caption>
            <thead className="text-slate-500"><tr><th className="py-1 pr-4">Header</th><th>Meaning</th></tr></thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {HEADERS.map(([name, meaning]) => <tr key={name}><th scope="row" className="py-1 pr-4 font-mono text-xs font-normal">{name}</th><td>{meaning}</td></tr>)}
            </tbody>
          </table>
          <p>
            To verify, take the raw body exactly as received (before any JSON parsing), compute the signature and compare in constant time. The <code>standardwebhooks</code>{" "}
            package (npm and PyPI) does this: <code>new Webhook(secret).verify(rawBody, headers)</code>. The examples shown with a new endpoint secret also cover plain HMAC.
          </p>
        </div>
      </Card>
      {CALLBACK_MODULES.map((module) => (
        <Card key={module} title={MODULE_LABELS[module]}>
          <div className="space-y-6">
            {eventNamesOf(module).map((name) => (
              <article key={name} aria-labelledby={`event-${name}`} className="space-y-2">
                <h3 id={`event-${name}`} className="font-mono text-sm font-semibold text-slate-900">{name}</h3>
                <dl className="grid grid-cols-[6rem_1fr] gap-1 text-sm">
                  <dt className="text-slate-500">When</dt><dd>{CALLBACK_EVENTS[name].when}</dd>
                  <dt className="text-slate-500"><code>id</code></dt><dd>{CALLBACK_EVENTS[name].id}</dd>
                </dl>
                <pre aria-label={`Example body of ${name}`} className="max-h-80 overflow-auto rounded-md bg-slate-900 p-4 text-xs text-slate-100"><code>{JSON.stringify(exampleBody(name), null, 2)}</code></pre>
              </article>
            ))}
          </div>
        </Card>
      ))}
    </div>
  );
};

export default CallbackEventsPage;
