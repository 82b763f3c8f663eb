// Sends signed-out visitors to sign-in. Pages and handlers still check the
// session themselves; this only spares them a render. The front door, health
// and Inngest skip it entirely (matcher), to keep those paths lean.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { getAuthSecret } from "@/lib/auth/auth-secret";
import { isPublicPath } from "@/lib/auth/public-paths";

export const proxy = async (request: NextRequest): Promise<NextResponse> => {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();
  const token = await getToken({ req: request, secret: getAuthSecret() });
  if (token) return NextResponse.next();
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: { code: "unauthenticated", message: "Sign in first." } }, { status: 401 });
  }
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
};

export const config = {
  matcher: ["/((?!api/health|api/inngest|api/auth|api/v1/carriers-module/my-company/integrations/inbound/|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
