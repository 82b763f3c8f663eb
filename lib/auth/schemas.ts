// Shapes of what people type into the account forms.
import { z } from "zod";

export const ZEmail = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@company.com."));

export const ZNewPassword = z
  .string({ error: "Choose a password." })
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.");

export const ZPersonName = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");

export const ZCompanyName = z.string({ error: "Enter your company's name." }).trim().min(2, "Enter your company's name.").max(120, "Use at most 120 characters.");

export const ZRole = z.enum(["admin", "member"], { error: "Choose admin or member." });

export const ZSignUp = z.object({ companyName: ZCompanyName, name: ZPersonName, email: ZEmail, password: ZNewPassword });
export type TSignUp = z.infer<typeof ZSignUp>;

export const ZCredentials = z.object({ email: ZEmail, password: z.string().min(1, "Enter your password.").max(200) });
