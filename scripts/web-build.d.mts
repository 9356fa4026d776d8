// Types for scripts/web-build.mjs, which TypeScript code (tests/e2e) imports.

/** The repository's root directory (absolute, no trailing separator). */
export declare const repoRoot: string;

/** Every file or directory whose change makes apps/web/dist stale. */
export declare function webSourcePaths(root?: string): string[];

export interface WebBuildStatus {
  stale: boolean;
  /** True when the web app has no sources (apps/web/index.html), so nothing can be built. */
  missingSources: boolean;
  reason: string;
  distDirectory: string;
}

/** Whether apps/web/dist must be (re)built, and why. */
export declare function webBuildStatus(root?: string): WebBuildStatus;

export interface EnsureWebBuildOptions {
  root?: string;
  log?: (line: string) => void;
  /** Throw, instead of going on without a web app, when it has no sources. */
  requireSources?: boolean;
}

/** Builds the web app (`pnpm --filter @nabolag/web build`) if it is stale; throws if the build fails. */
export declare function ensureWebBuild(
  options?: EnsureWebBuildOptions,
): Promise<{ built: boolean; reason: string; distDirectory: string }>;
