// Runs each snippet for real against a local HTTP listener and checks that the
// signature it sends verifies over the exact bytes it sends.
import { execFile } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSnippets } from "./build-snippets";
import { EXAMPLE_ENVELOPE } from "./example-envelope";

const run = promisify(execFile);
const secret = "whsec_snippet-test-secret";
let server: Server;
let url = "";
const received: { body: string; signature: string | undefined; contentType: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ body: Buffer.concat(chunks).toString("utf8"), signature: req.headers["x-betakom-signature"] as string | undefined, contentType: req.headers["content-type"] });
      res.writeHead(202, { "content-type": "application/json" }).end('{"status":"accepted"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/carriers-module/my-company/integrations/inbound/inbound-webhook/tok`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const expectSignedExample = (output: string) => {
  const last = received.at(-1)!;
  expect(output).toContain("202");
  expect(last.contentType).toBe("application/json");
  expect(last.signature).toBe(createHmac("sha256", secret).update(last.body).digest("hex"));
  expect(JSON.parse(last.body)).toEqual(EXAMPLE_ENVELOPE);
};

describe("integration snippets", () => {
  it("curl with openssl signs and sends the example", async () => {
    const { stdout } = await run("bash", ["-c", `${buildSnippets({ url, secret }).curl}\necho " 202-from-curl"`]);
    expectSignedExample(stdout);
  });

  it("Node.js signs and sends the example", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "snippet-"));
    await writeFile(path.join(dir, "send.mjs"), buildSnippets({ url, secret }).node);
    const { stdout } = await run(process.execPath, [path.join(dir, "send.mjs")]);
    expectSignedExample(stdout);
  });

  it("Python signs and sends the example", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "snippet-"));
    await writeFile(path.join(dir, "send.py"), buildSnippets({ url, secret }).python);
    const { stdout } = await run("python3", [path.join(dir, "send.py")]);
    expectSignedExample(stdout);
  });
});
