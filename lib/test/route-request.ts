// Calls a route handler directly, returning status and JSON.
export type TTestSessionUser = { id: string; companyId: string; role: "admin" | "member"; name: string; email: string; companyName: string };

/** GET through a route handler with params. */
export const callRoute = async <P>(handler: (request: Request, context: { params: Promise<P> }) => Promise<Response>, { url, params }: { url: string; params: P }) => {
  const response = await handler(new Request(`http://localhost${url}`), { params: Promise.resolve(params) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};
