// Types for scripts/api-process.mjs, which TypeScript code (tests/e2e) imports.

/** The API's entry point, relative to the repository root. */
export declare const API_ENTRY: string;

/** The command that runs the API server; run it with `cwd`. */
export declare function apiCommand(options?: { root?: string; watch?: boolean }): {
  command: string;
  args: string[];
  cwd: string;
};
