/** The visible warning for a plain http:// callback URL: signatures prove who sent an event, but do not hide it. */
export const PlainHttpWarning = ({ url }: { url: string }) =>
  /^http:\/\//i.test(url.trim()) ? (
    <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      Warning: this URL uses plain http://. Events (plans, positions, offers) travel unencrypted and can be read on the way. Use https:// unless the receiver is on your own network.
    </p>
  ) : null;
