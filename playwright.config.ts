// End-to-end tests in a real Chromium against a production build (`next build`,
// `next start`) on a fresh embedded database under .data/e2e.
import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? "/usr/bin/chromium";
if (!existsSync(executablePath)) {
  throw new Error(
    `No Chromium at ${executablePath}. Install one (Debian/Ubuntu: \`sudo apt-get install chromium\`) ` +
      "or point PLAYWRIGHT_CHROMIUM_EXECUTABLE at a Chromium or Chrome binary.",
  );
}

// E2E_PORT lets two checkouts run the suite side by side.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      // Root in CI needs --no-sandbox; the rest avoid network calls this machine cannot make.
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: `rm -rf .data/e2e && next build && next start -p ${port}`,
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // Every spec signs up its own companies from this one address: lift the per-address sign-up limit.
    // Callback receivers in the specs listen on loopback, which the SSRF guard otherwise refuses.
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: ".data/e2e", NEXTAUTH_URL: baseURL, SIGN_UP_MAX_PER_IP: "10000", OUTBOUND_ALLOWED_CIDRS: "127.0.0.0/8,::1/128" } as Record<string, string>,
  },
});
