// Where MyGeotab's JSON-RPC endpoint is: the configured server, or the server Authenticate's `path` named.

/**
 * The API URL (`<origin>/apiv1`) for a server setting (`my.geotab.com` or a full URL with scheme and port), or for
 * the `path` an Authenticate answered; null when the setting is not a usable http(s) host. A `path` has no scheme
 * (`my3.geotab.com`, `127.0.0.1:41234`): it keeps the configured scheme, and the configured port unless it names one.
 */
export const resolveGeotabApiUrl = ({ server, path }: { server: string; path?: string | null }): string | null => {
  const text = server.trim();
  let base: URL;
  try {
    base = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if ((base.protocol !== "http:" && base.protocol !== "https:") || base.username || base.password || !base.hostname) return null;
  if (path && path !== "ThisServer") {
    let target: URL;
    try {
      target = new URL(`${base.protocol}//${path.trim()}`);
    } catch {
      return null;
    }
    // A path is a host name (with an optional port), nothing more.
    if (target.username || target.password || target.pathname !== "/" || target.search || target.hash || !target.hostname) return null;
    base = new URL(`${base.protocol}//${target.hostname}${target.port ? `:${target.port}` : base.port ? `:${base.port}` : ""}`);
  }
  return `${base.origin}/apiv1`;
};
