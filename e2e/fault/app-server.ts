// A production server of the portal (`next start` on the suite's build in .next), owned by one test:
// its own port and environment, so the test can SIGKILL and restart it without touching the suite's
// server. Each runs in its own process group, so nothing it starts outlives it.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export type TAppServer = {
  baseURL: string;
  /** Everything the server printed (for diagnostics when a check fails). */
  output: () => string;
  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  crash: () => Promise<void>;
  /** SIGTERM, then waits for the process to exit. */
  stop: () => Promise<void>;
};

const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const running = new Set<ChildProcess>();

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", () => resolve()));

const signalGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is gone already.
  }
};

const waitForHealth = async ({ baseURL, child, output }: { baseURL: string; child: ChildProcess; output: () => string }) => {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode} before it was healthy:\n${output()}`);
    const status = await fetch(`${baseURL}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server at ${baseURL} was not healthy within 60 s:\n${output()}`);
};

/** Starts `next start` on `port` with `env` added to this process's environment; resolves once /api/health answers 200. */
export const startAppServer = async ({ port, env, name }: { port: number; env: Record<string, string>; name: string }): Promise<TAppServer> => {
  const baseURL = `http://localhost:${port}`;
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port)], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_ENV: "production", FORCE_COLOR: "0", ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  const lines: string[] = [];
  const keep = (chunk: Buffer) => lines.push(...chunk.toString("utf8").split("\n").filter(Boolean).map((l) => `[${name}] ${l}`));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const output = () => lines.join("\n");
  try {
    await waitForHealth({ baseURL, child, output });
  } catch (error) {
    signalGroup(child, "SIGKILL");
    throw error;
  }
  return {
    baseURL,
    output,
    crash: async () => {
      signalGroup(child, "SIGKILL");
      await exited(child);
    },
    stop: async () => {
      signalGroup(child, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 10_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
};

/** Kills every server these helpers started that is still running (afterAll: a failed test leaves none behind). */
export const killAllAppServers = async (): Promise<void> => {
  const children = [...running];
  children.forEach((child) => signalGroup(child, "SIGKILL"));
  await Promise.all(children.map(exited));
};
