import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    companyId: string;
    role: "admin" | "member";
  }
  interface Session {
    user: { id: string; companyId: string; role: "admin" | "member"; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId: string;
    companyId: string;
    role: "admin" | "member";
  }
}
