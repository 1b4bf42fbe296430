import { checkReadiness } from "~/models/health.server";

// Readiness: the database answers and the instance is not shutting down
// (a load balancer stops sending requests on a 503).
export async function loader() {
  const { ready, checks } = await checkReadiness();
  return new Response(JSON.stringify({ status: ready ? "ready" : "unavailable", checks }), {
    status: ready ? 200 : 503,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
