import { prisma } from "~/db.server";

/** Set by the server when it starts shutting down, so load balancers stop sending requests here. */
export function isShuttingDown(): boolean {
  return (globalThis as { durableShuttingDown?: boolean }).durableShuttingDown === true;
}

/** Ready means: not shutting down, and the database answers. */
export async function checkReadiness(): Promise<{ ready: boolean; checks: Record<string, "ok" | "failed"> }> {
  const checks: Record<string, "ok" | "failed"> = { shutdown: isShuttingDown() ? "failed" : "ok" };
  try {
    await prisma.$queryRaw`SELECT 1`;
    checks.database = "ok";
  } catch {
    checks.database = "failed";
  }
  return { ready: Object.values(checks).every((c) => c === "ok"), checks };
}
