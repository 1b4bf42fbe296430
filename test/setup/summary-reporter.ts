import type { Reporter, TestModule } from "vitest/node";

/** Ends the run with one plain line, "Tests on <engine>: N passed, N failed, N skipped", that any CI log reader understands. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else counts.skipped++;
      }
    }
    const engine = process.env.TEST_POSTGRESQL_URL ? "PostgreSQL" : "SQLite";
    console.log(`\nTests on ${engine}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
