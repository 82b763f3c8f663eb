/** Whoever is acting: always a signed-in user of one company. */
export type TActor = { id: string; companyId: string; role: "admin" | "member" };

export type TUserSummary = { id: string; name: string; email: string; role: "admin" | "member"; createdAt: Date };
