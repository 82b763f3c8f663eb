// A TCP proxy between the portal and PostgreSQL that a test can cut: open
// connections are destroyed and new ones refused (nothing listens), as when
// the database host goes away; restoring listens on the same port again.
import { createConnection, createServer, type Server, type Socket } from "node:net";

export type TTcpProxy = { port: number; cut: () => Promise<void>; restore: () => Promise<void>; close: () => Promise<void> };

const listen = (server: Server, port: number) =>
  new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as { port: number }).port);
    });
  });

const closeServer = (server: Server) => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));

/** Forwards 127.0.0.1:<port> to `target`. */
export const startTcpProxy = async ({ host, port: targetPort }: { host: string; port: number }): Promise<TTcpProxy> => {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host, port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      // Either side failing ends both: the portal must see the connection die.
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const port = await listen(server, 0);
  const destroyAll = () => sockets.forEach((socket) => socket.destroy());
  return {
    port,
    cut: async () => {
      const closed = closeServer(server);
      destroyAll();
      await closed;
    },
    restore: async () => {
      await listen(server, port);
    },
    close: async () => {
      const closed = closeServer(server);
      destroyAll();
      await closed;
    },
  };
};
