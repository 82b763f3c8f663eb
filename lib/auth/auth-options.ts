// next-auth configuration: email + password, JWT sessions carrying the user
// id, company id and role. Pages re-load the user on every request (see
// get-session-user.ts), so a removed user or a changed role takes effect at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { isAppError } from "@/lib/errors/app-error";
import { getAuthSecret } from "./auth-secret";
import { authorizeCredentials } from "./authorize-credentials";
import { safeCallbackPath } from "./public-paths";
import { readClientIp } from "./read-client-ip";

export const authOptions: NextAuthOptions = {
  secret: getAuthSecret(),
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials, req) => {
        try {
          return await authorizeCredentials({ email: credentials?.email, password: credentials?.password, ip: readClientIp({ headers: req?.headers ?? {} }) });
        } catch (error) {
          // next-auth hands this message to the sign-in form.
          if (isAppError(error)) throw new Error(error.message);
          console.error("[auth] sign-in failed", error);
          throw new Error("Sign-in is unavailable right now. Please try again.");
        }
      },
    }),
  ],
  callbacks: {
    // Every destination next-auth sends a browser to (callbackUrl parameter or cookie) follows the sign-in page's rule.
    redirect: ({ url, baseUrl }) => `${baseUrl}${safeCallbackPath({ value: url, origin: baseUrl })}`,
    jwt: ({ token, user }) => {
      if (user && "companyId" in user) {
        token.userId = user.id;
        token.companyId = user.companyId;
        token.role = user.role;
      }
      return token;
    },
    session: ({ session, token }) => ({
      ...session,
      user: { ...session.user, id: token.userId, companyId: token.companyId, role: token.role },
    }),
  },
};
