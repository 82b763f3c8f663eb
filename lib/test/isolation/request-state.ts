// What the isolation sweep's mocks of next-auth and next/headers answer with:
// the session of the user the current case acts as, and the request headers.
import type { Session } from "next-auth";

export const requestState: { session: Session | null; headers: Headers } = { session: null, headers: new Headers() };

/** Acts as this user (a real row: getSessionUser re-loads it), or signed out with null. */
export const actAs = (user: { id: string; companyId: string; role: "admin" | "member"; email: string } | null): void => {
  requestState.session = user
    ? { user: { id: user.id, companyId: user.companyId, role: user.role, email: user.email }, expires: new Date(Date.now() + 3_600_000).toISOString() }
    : null;
};
