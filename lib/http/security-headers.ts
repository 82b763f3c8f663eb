// The security headers every response carries (next.config.ts `headers()`).
// Static on purpose: they are fixed at build time like NEXT_PUBLIC_MAP_STYLE_URL,
// and the inbound front door stays free of per-request work.
//
// Scripts: 'unsafe-inline', knowingly. Next's App Router streams its page data
// in inline <script> tags; the alternative, a per-request nonce, needs proxy.ts in
// front of every response and every page rendered dynamically, which the front
// door's throughput cannot afford and static headers cannot express. What the
// policy still forbids: scripts from any other origin, eval, plugins, <base>
// hijacking, forms posting elsewhere, and being framed. React escapes what it renders,
// so an injected inline script needs an HTML injection the code does not make.
// Styles: 'unsafe-inline' as MapLibre and React set inline styles.

export type TSecurityHeader = { key: string; value: string };

type TOptions = {
  /** "development" allows what `next dev` needs (eval for React's debugging, websockets for HMR). */
  nodeEnv: "development" | "production" | "test";
  /** NEXTAUTH_URL and PUBLIC_BASE_URL: HSTS only when the portal is served over https. */
  publicUrls: (string | undefined)[];
  /** NEXT_PUBLIC_MAP_STYLE_URL: the style, its tiles, sprites and glyphs are fetched from its origin. */
  mapStyleUrl?: string;
};

const originOf = (url: string | undefined): string | null => {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.origin : null;
  } catch {
    return null;
  }
};

/** The Content-Security-Policy and companion headers for every response. */
export const buildSecurityHeaders = ({ nodeEnv, publicUrls, mapStyleUrl }: TOptions): TSecurityHeader[] => {
  const dev = nodeEnv === "development";
  const https = publicUrls.some((url) => originOf(url)?.startsWith("https:"));
  const map = originOf(mapStyleUrl);
  const csp: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    // MapLibre decodes sprites and tiles into data: and blob: images.
    "img-src": ["'self'", "data:", "blob:", ...(map ? [map] : [])],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(map ? [map] : []), ...(dev ? ["ws:", "wss:"] : [])],
    // MapLibre starts its web worker from a blob: URL that imports /map-assets/…; child-src for browsers without worker-src.
    "worker-src": ["'self'", "blob:"],
    "child-src": ["'self'", "blob:"],
    "frame-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "manifest-src": ["'self'"],
    ...(https ? { "upgrade-insecure-requests": [] } : {}),
  };
  const policy = Object.entries(csp)
    .map(([directive, sources]) => [directive, ...sources].join(" "))
    .join("; ");
  return [
    { key: "Content-Security-Policy", value: policy },
    { key: "X-Content-Type-Options", value: "nosniff" },
    // Cross-origin requests (tile servers) learn the origin only, never a path such as /invite/<token>.
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // For browsers that predate frame-ancestors.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
    // Only for a portal on https: it pins the host to https for a year. No
    // includeSubDomains: the portal may sit on a domain whose other hosts are not ours.
    ...(https ? [{ key: "Strict-Transport-Security", value: "max-age=31536000" }] : []),
  ];
};
