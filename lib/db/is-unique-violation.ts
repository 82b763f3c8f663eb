/** True when a Prisma error is a unique-constraint violation (P2002). */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
