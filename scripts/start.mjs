// `pnpm start`: build the web app if it is stale, then run the API server (which also serves the
// web app) in the foreground. The server's exit code becomes ours; SIGINT/SIGTERM are passed on
// so the server can shut down gracefully. Configuration is the server's environment (PORT, HOST,
// DATABASE_URL, NABOLAG_DATA_DIR, LOG_LEVEL, NABOLAG_WEB_DIST); see apps/api/src/config.ts.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { apiCommand } from './api-process.mjs';
import { ensureWebBuild } from './web-build.mjs';

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

async function main() {
  if (process.env.NABOLAG_WEB_DIST) {
    console.log(`[start] NABOLAG_WEB_DIST=${process.env.NABOLAG_WEB_DIST}: serving that build as it is.`);
  } else {
    await ensureWebBuild({ log: (line) => console.log(`[start] ${line}`) });
  }

  const { command, args, cwd } = apiCommand();
  console.log(`[start] starting the API: node ${args.join(' ')}`);
  // The server gets its own process group, so a Ctrl-C in the terminal (sent to the whole
  // foreground group) reaches only us and we pass it on once: a second SIGINT arriving while the
  // server shuts down could cut its shutdown short. No stdin: it never reads the terminal.
  const server = spawn(command, [...args, ...process.argv.slice(2)], {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: process.platform !== 'win32',
  });

  for (const signal of FORWARDED_SIGNALS) {
    process.on(signal, () => {
      if (server.exitCode === null && server.signalCode === null) server.kill(signal);
    });
  }

  server.once('error', (error) => {
    console.error(`[start] could not start the API: ${error.message}`);
    process.exit(1);
  });
  server.once('exit', (code, signal) => {
    if (signal) {
      // Exit as a shell would report a process killed by `signal`.
      process.exit(128 + (constants.signals[signal] ?? 1));
    }
    process.exit(code ?? 1);
  });
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
