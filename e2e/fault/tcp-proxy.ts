// A TCP proxy between the portal and PostgreSQL that a test can break in two
// ways: `refuse` destroys the open connections and stops listening (the
// database host is gone: connections are refused at once); `hang` destroys
// them and accepts new ones that never get an answer (a host that went
// silent: only a connect timeout ends the wait). `forward` restores it on
// the same port.
import { createConnection, createServer, type Server, type Socket } from "node:net";

export type TProxyMode = "forward" | "refuse" | "hang";
export type TTcpProxy = { port: number; setMode: (mode: TProxyMode) => Promise<void>; close: () => Promise<void> };

const listen = (server: Server, port: number) =>
  new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as { port: number }).port);
    });
  });

const closeServer = (server: Server) => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));

/** Forwards 127.0.0.1:<port> to `host`:`port`. */
export const startTcpProxy = async ({ host, port: targetPort }: { host: string; port: number }): Promise<TTcpProxy> => {
  let mode: TProxyMode = "forward";
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    track(client);
    client.on("error", () => client.destroy());
    if (mode === "hang") return;
    const upstream = createConnection({ host, port: targetPort });
    track(upstream);
    // Either side failing ends both: the portal must see the connection die.
    upstream.on("error", () => {
      client.destroy();
      upstream.destroy();
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const port = await listen(server, 0);
  const destroyAll = () => sockets.forEach((socket) => socket.destroy());
  return {
    port,
    setMode: async (next) => {
      mode = next;
      destroyAll();
      if (next === "refuse") await closeServer(server);
      else if (!server.listening) await listen(server, port);
    },
    close: async () => {
      const closed = closeServer(server);
      destroyAll();
      await closed;
    },
  };
};
