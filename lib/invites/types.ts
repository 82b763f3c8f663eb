/** What the admin sees once after creating an invite. */
export type TInviteCreated = { path: string; email: string; expiresAt: string };
