// Dates render on the server; a fixed locale and zone keeps them stable.
const formatter = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export const formatDateTime = (date: Date): string => `${formatter.format(date)} UTC`;
