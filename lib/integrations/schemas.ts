import { z } from "zod";

export const ZConnectionName = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");
