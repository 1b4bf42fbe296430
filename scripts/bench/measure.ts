// Timing and load generation for the benchmarks. Absolute figures drift
// between machines and runs by a factor of two (shared/notes/toolchain.md),
// so every figure is printed beside a baseline measured in the same run.
import { Agent, request as httpRequest } from "node:http";
import { performance } from "node:perf_hooks";

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds that fn took. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Median of `runs` timings; fn gets the run's number. */
export async function medianTime(runs: number, fn: (run: number) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) samples.push(await time(() => fn(run)));
  return median(samples);
}

/** Median of `runs` timings after one untimed call (the database's pages read into memory, the code compiled). */
export async function warmMedianTime(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  return medianTime(runs, fn);
}

/** Calls of the programme report timed for the scale line. */
export const PROGRAMME_REPORT_RUNS = 5;

export type HttpCall = { method?: "GET" | "POST"; path: string; body?: string; headers?: Record<string, string> };

export type LoadResult = { requests: number; perSecond: number; p50: number; p99: number; statuses: Record<number, number> };

/**
 * A closed-loop load generator: `connections` clients on keep-alive
 * connections, each sending its next request as soon as the last answer has
 * been read. No new request starts after `warmupSeconds` + `seconds`; every
 * answer that arrives after the warm-up counts, those in flight at the end
 * included, so that a route slower than the window still gets figures
 * (requests per second over the time until its last answer). A 5xx stops the
 * run: a benchmark of errors is no benchmark. (autocannon does this and more,
 * but is not installed; this is enough for ratios measured in one run.)
 */
export async function loadTest(options: {
  base: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  call: (n: number) => HttpCall;
}): Promise<LoadResult> {
  const url = new URL(options.base);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  let lastAnswer = 0;
  const started = performance.now();
  const measureFrom = started + options.warmupSeconds * 1000;
  const until = measureFrom + options.seconds * 1000;

  const send = (call: HttpCall) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: call.method ?? "GET",
          path: call.path,
          headers: { "accept-encoding": "gzip", ...call.headers, ...(call.body ? { "content-length": Buffer.byteLength(call.body) } : {}) },
        },
        (res) => {
          res.on("data", () => undefined);
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(call.body);
    });

  try {
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (performance.now() < until) {
          const call = options.call(next++);
          const sentAt = performance.now();
          const status = await send(call);
          const answeredAt = performance.now();
          if (status >= 500) throw new Error(`${call.method ?? "GET"} ${call.path} answered ${status}`);
          if (answeredAt >= measureFrom) {
            lastAnswer = Math.max(lastAnswer, answeredAt);
            latencies.push(answeredAt - sentAt);
            statuses[status] = (statuses[status] ?? 0) + 1;
          }
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? NaN;
  const measuredMs = Math.max(until, lastAnswer) - measureFrom;
  return { requests: latencies.length, perSecond: latencies.length / (measuredMs / 1000), p50: at(0.5), p99: at(0.99), statuses };
}

/** A Markdown table, columns padded so that it also reads well in a terminal. */
export function markdownTable(header: string[], rows: string[][], align: Array<"left" | "right"> = []): string {
  const widths = header.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => r[i].length)));
  const pad = (cell: string, i: number) => (align[i] === "right" ? cell.padStart(widths[i]) : cell.padEnd(widths[i]));
  const line = (cells: string[]) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (align[i] === "right" ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return "—";
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}
