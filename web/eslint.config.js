// ESLint for the app: JavaScript's and typescript-eslint's recommended rules, and React's hooks rules
// (rules-of-hooks, exhaustive-deps and the React Compiler's checks). `npm run lint` fails on any finding.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig([
  globalIgnores(["dist/", "node_modules/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `const { id: _id, ...changes } = input` is how we drop fields from an object.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}", "test/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      // useResource(load, deps) takes deps as useEffect does, so its call sites are checked the same way.
      "react-hooks/exhaustive-deps": ["error", { additionalHooks: "^useResource$" }],
      // It flags marking a load as started (loading on, error cleared) when its inputs change, and async
      // loads whose setState runs after an await; both are how our screens fetch, and intended.
      "react-hooks/set-state-in-effect": "off",
    },
  },
  {
    // The browser tests, their runner, the build scripts and configs run in Node.
    files: ["e2e/**/*.mjs", "scripts/**/*.mjs", "build/**/*.ts", "*.config.{js,ts}"],
    languageOptions: { globals: globals.node },
  },
  {
    // The service worker's source, written into the build by build/offline-shell.ts.
    files: ["build/service-worker.js"],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    // page.evaluate() callbacks in the browser tests run in the page, where the DOM globals exist.
    files: ["e2e/**/*.mjs"],
    languageOptions: { globals: globals.browser },
  },
]);
