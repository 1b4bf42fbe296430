// Builds the check-in page's service worker (app/service-worker/worker.ts)
// into build/sw.js, which server.js serves at /sw.js. Run after `remix build`
// (`npm run build` does both). esbuild is the bundler `remix build` itself uses.
import { build } from "esbuild";

await build({
  entryPoints: ["app/service-worker/worker.ts"],
  outfile: "build/sw.js",
  bundle: true,
  format: "iife",
  target: "es2020",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
