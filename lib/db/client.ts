// The one Prisma client (a globalThis singleton, so dev reloads reuse it).
// Created on first use so that importing this module opens no database.
import { PrismaClient } from "./generated/client";
import { createAdapterFactory } from "./adapter-factory";

export type TDb = PrismaClient;
export type TTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const holder = globalThis as { __prisma?: PrismaClient };

const getClient = (): PrismaClient => (holder.__prisma ??= new PrismaClient({ adapter: createAdapterFactory() }));

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_target, property) => {
    const client = getClient();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** Disconnects and forgets the client (tests and CLI tools). */
export const disconnectDb = async (): Promise<void> => {
  const client = holder.__prisma;
  holder.__prisma = undefined;
  await client?.$disconnect();
};
