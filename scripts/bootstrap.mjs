// The two commands for a fresh machine that has only Node.js 20 and npm (no pnpm, no PostgreSQL):
//
//   node scripts/bootstrap.mjs start [args…]   install, build the web app, run the server
//   node scripts/bootstrap.mjs test  [args…]   install, run every test (args go to vitest)
//
// It makes sure pnpm 12.4.2 (the version in package.json's packageManager) can be run — installing
// it globally with npm, or, without permission to do that, running it through npx — then runs
// `pnpm install --frozen-lockfile` and `pnpm start` or `pnpm test`. Plain Node: no dependencies.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { repoRoot } from './web-build.mjs';

const PNPM_VERSION = '12.4.2';
const MINIMUM_NODE = [20, 19];
const COMMANDS = new Set(['start', 'test']);
const onWindows = process.platform === 'win32';

function step(message) {
  console.log(`\n==> ${message}`);
}

function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

/** Runs a command to completion, quietly; returns its trimmed output, or undefined if it failed. */
function capture(command, args) {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', shell: onWindows });
  if (result.error || result.status !== 0) return undefined;
  return result.stdout.trim();
}

/** Runs a command with inherited output; resolves with its exit code (128+n when killed by signal n). */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', shell: onWindows });
    const forward = (signal) => child.kill(signal);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
    child.once('error', (error) => {
      console.error(`could not run ${command}: ${error.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => {
      for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(name, forward);
      resolve(signal ? 128 + (constants.signals[signal] ?? 1) : (code ?? 1));
    });
  });
}

/** How to run pnpm 12.4.2 here: `['pnpm']`, or `['npx', '-y', 'pnpm@12.4.2']` as the fallback. */
async function findPnpm() {
  step(`Checking for pnpm ${PNPM_VERSION}`);
  const found = capture('pnpm', ['--version']);
  if (found === PNPM_VERSION) {
    console.log(`pnpm ${found} is on PATH.`);
    return ['pnpm'];
  }
  console.log(found ? `pnpm on PATH is ${found}, not ${PNPM_VERSION}.` : 'pnpm is not on PATH.');

  step(`Installing pnpm ${PNPM_VERSION}: npm install --global pnpm@${PNPM_VERSION}`);
  const installed = await run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`]);
  const afterInstall = installed === 0 ? capture('pnpm', ['--version']) : undefined;
  if (afterInstall === PNPM_VERSION) {
    console.log(`pnpm ${afterInstall} installed.`);
    return ['pnpm'];
  }
  console.log(
    installed === 0
      ? `npm installed pnpm, but \`pnpm --version\` on PATH says ${afterInstall ?? 'nothing'}.`
      : 'The global install failed (often: no permission to write npm’s global folder).',
  );

  step(`Falling back to npx: npx -y pnpm@${PNPM_VERSION}`);
  const viaNpx = capture('npx', ['-y', `pnpm@${PNPM_VERSION}`, '--version']);
  if (viaNpx !== PNPM_VERSION) {
    fail(
      `Could not run pnpm ${PNPM_VERSION} through npx either (got ${viaNpx ?? 'an error'}). ` +
        `Install it by hand (npm install --global pnpm@${PNPM_VERSION}, or see https://pnpm.io/installation) and run this again.`,
    );
  }
  // Scripts call `pnpm` themselves (scripts/start.mjs builds the web app with it): give them a
  // `pnpm` on PATH that runs the same npx package.
  const shimDirectory = mkdtempSync(join(tmpdir(), 'nabolag-pnpm-'));
  if (onWindows) {
    writeFileSync(join(shimDirectory, 'pnpm.cmd'), `@npx -y pnpm@${PNPM_VERSION} %*\r\n`);
  } else {
    writeFileSync(join(shimDirectory, 'pnpm'), `#!/bin/sh\nexec npx -y pnpm@${PNPM_VERSION} "$@"\n`, {
      mode: 0o755,
    });
  }
  process.on('exit', () => rmSync(shimDirectory, { recursive: true, force: true }));
  process.env.PATH = `${shimDirectory}${delimiter}${process.env.PATH ?? ''}`;
  console.log(`Using pnpm ${viaNpx} through npx (as \`pnpm\` from ${shimDirectory}).`);
  return ['npx', '-y', `pnpm@${PNPM_VERSION}`];
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || !COMMANDS.has(command)) {
    console.error('usage: node scripts/bootstrap.mjs start|test [args…]');
    process.exit(2);
  }

  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor < MINIMUM_NODE[1])) {
    fail(`Node.js ${MINIMUM_NODE.join('.')} or newer is needed; this is ${process.versions.node}.`);
  }

  const [pnpm, ...pnpmPrefix] = await findPnpm();

  step('Installing dependencies: pnpm install --frozen-lockfile');
  const installCode = await run(pnpm, [...pnpmPrefix, 'install', '--frozen-lockfile']);
  if (installCode !== 0) fail(`pnpm install failed (exit code ${installCode}).`);

  step(`Running: pnpm ${command}${rest.length > 0 ? ` ${rest.join(' ')}` : ''}`);
  const code = await run(pnpm, [...pnpmPrefix, command, ...rest]);
  if (code === 130 || code === 143) {
    // Ctrl-C or SIGTERM: the usual way to stop `start`, not a failure to report.
    console.log(`\nStopped (pnpm ${command} ended by a signal).`);
    process.exit(code);
  }
  if (code !== 0) fail(`pnpm ${command} exited with code ${code}.`);
  process.exit(0);
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
