import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "~emails": fileURLToPath(new URL("./emails", import.meta.url)),
      "~": fileURLToPath(new URL("./app", import.meta.url)),
    },
  },
  esbuild: { jsx: "automatic" },
  test: {
    globals: true,
    reporters: ["default", "./test/setup/summary-reporter.ts"],
    environment: "node",
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    globalSetup: ["test/setup/global.ts"],
    setupFiles: ["test/setup/database.ts"],
    testTimeout: 30_000,
    // Browser assertions poll the page; give a busy machine time to answer.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 60_000,
    // Browser tests start servers and Chromium: run files two at a time at most.
    maxWorkers: 2,
  },
});
