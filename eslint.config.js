import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const ZOD_THROUGH_UTILS = { name: "zod", message: "Import z from ~/utils/zod, which makes zod's own messages translation keys." };
// The messages reach the browser as one language's file (app/routes/locales.$file.ts), never inside its JavaScript.
const MESSAGES_ON_THE_SERVER = {
  group: ["~/locales/*", "**/locales/*", "!**/locales/transliterate"],
  message: "Messages come from ~/utils/i18n.server (server) or useTranslation (pages).",
};

export default tseslint.config(
  { ignores: ["build/", "public/build/", "app/generated/", ".cache/", "node_modules/", ".react-email/", "data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Schemas are built from ~/utils/zod, whose setting makes zod's own messages translation keys wherever a schema runs.
    files: ["app/**", "emails/**"],
    ignores: ["app/utils/zod.ts", "app/utils/i18n.server.ts", "app/locales/**"],
    rules: { "no-restricted-imports": ["error", { paths: [ZOD_THROUGH_UTILS], patterns: [MESSAGES_ON_THE_SERVER] }] },
  },
  {
    // Routes and components reach the database through a model (app/models), never the client itself.
    files: ["app/routes/**", "app/components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [ZOD_THROUGH_UTILS],
          patterns: [
            MESSAGES_ON_THE_SERVER,
            { group: ["**/db.server", "~/generated/prisma/client"], message: "Routes and components go through a model in app/models." },
          ],
        },
      ],
    },
  },
);
