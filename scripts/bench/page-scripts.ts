// The JavaScript a page makes the browser load, counted from the build's
// manifest (public/build/manifest-*.js) after `remix build`, without a server:
// the client entry and its imports, then for every route the URL matches
// (root first) its module and the shared chunks it imports. That is the list
// Remix's <Scripts> writes into the page as modulepreload links; a file named
// twice is counted once. Each file is gzipped at zlib level 6, as the
// server's compression sends it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { matchRoutes } from "@remix-run/react";

type RouteObject = Parameters<typeof matchRoutes>[0][number];

type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean; module: string; imports?: string[] };
export type BuildManifest = { entry: { module: string; imports?: string[] }; routes: Record<string, ManifestRoute> };

export type PageScripts = {
  /** The route ids the URL matched, root first. */
  routes: string[];
  files: Array<{ url: string; raw: number; gzip: number }>;
  raw: number;
  gzip: number;
};

/** Reads the manifest of the client build in `publicBuildDir` (public/build). */
export function readBuildManifest(publicBuildDir: string): BuildManifest {
  const names = readdirSync(publicBuildDir).filter((name) => /^manifest-[A-Z0-9]+\.js$/.test(name));
  if (names.length !== 1) throw new Error(`expected one manifest-*.js in ${publicBuildDir}, found ${names.length}: run \`npx remix build\` first`);
  const source = readFileSync(join(publicBuildDir, names[0]), "utf8");
  const json = source.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "");
  return JSON.parse(json) as BuildManifest;
}

/** The route tree of the manifest, for matching URLs the way the app does. */
function routeTree(manifest: BuildManifest): RouteObject[] {
  const byParent = new Map<string | undefined, ManifestRoute[]>();
  for (const route of Object.values(manifest.routes)) {
    const siblings = byParent.get(route.parentId) ?? [];
    siblings.push(route);
    byParent.set(route.parentId, siblings);
  }
  const build = (parentId: string | undefined): RouteObject[] =>
    (byParent.get(parentId) ?? []).map((route) =>
      route.index ? { id: route.id, index: true, path: route.path } : { id: route.id, path: route.path, children: build(route.id) },
    );
  return build(undefined);
}

/** The route ids a URL path matches, root first; throws when nothing but the catch-all would. */
export function matchedRouteIds(manifest: BuildManifest, path: string): string[] {
  const matches = matchRoutes(routeTree(manifest), path) ?? [];
  const ids = matches.map((match) => match.route.id as string);
  if (!ids.length) throw new Error(`no route matches ${path}`);
  return ids;
}

/** The script files `path` loads and their sizes, read from `publicBuildDir` (public/build). */
export function pageScripts(publicBuildDir: string, path: string, manifest = readBuildManifest(publicBuildDir)): PageScripts {
  const routes = matchedRouteIds(manifest, path);
  const urls = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (const id of routes) {
    const route = manifest.routes[id];
    urls.add(route.module);
    for (const url of route.imports ?? []) urls.add(url);
  }
  const files = [...urls].map((url) => {
    // Manifest URLs start with the public path, /build/.
    const body = readFileSync(join(publicBuildDir, url.replace(/^\/build\//, "")));
    return { url, raw: body.length, gzip: gzipSync(body, { level: 6 }).length };
  });
  return {
    routes,
    files,
    raw: files.reduce((sum, file) => sum + file.raw, 0),
    gzip: files.reduce((sum, file) => sum + file.gzip, 0),
  };
}
