/** The caller's address from proxy headers (Next sets them too), for sign-in throttling; null when unknown. */
export const clientIp = (headers: Record<string, unknown> | Headers): string | null => {
  const read = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers[name] as string | undefined)) ?? undefined;
  const forwarded = read("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || read("x-real-ip") || null;
};
