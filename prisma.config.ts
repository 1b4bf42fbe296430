import { defineConfig } from "prisma/config";

// The Prisma CLI is used only to generate the client (see prisma/generate.mjs);
// migrations run through prisma/tooling without the native schema engine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
