// What an action reads its form with, taken from here by the pages that check
// their form on the server only (the log-in page, the personal invitation
// link). In the browser's build a `.server` module is empty, so such a page
// loads neither zod nor conform; importing the same names from
// `@conform-to/zod/v4` or a schema module would put them in its JavaScript
// even though only the action uses them (the bundler keeps a shared module's
// chunk once the page's file imports it). The budget is held by
// test/page-scripts.test.ts; docs/performance.md has the figures.
export { parseWithZod } from "@conform-to/zod/v4";
export { LoginSchema } from "./accounts";
export { LinkAnswerSchema } from "./invitations";
