// The peers the benchmark compares with, installed when missing (Debian packages through apt-get as root, ajv-cli
// into a scratch npm prefix, never into package.json), and the job definitions jenkins-jobs renders.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { hasRusage } from './measure.mjs';

/** Pinned, so the peer's figure means the same on every machine. */
export const AJV_PACKAGES = ['ajv-cli@5.0.0', 'ajv-formats@3.0.1'];
const AJV_PREFIX = join(tmpdir(), 'pipewright-bench-peers');
export const AJV_BIN = join(AJV_PREFIX, 'node_modules', '.bin', 'ajv');

const DEBIAN_PEERS = [
  { command: 'jenkins-jobs', pkg: 'jenkins-job-builder' },
  { command: 'yamllint', pkg: 'yamllint' },
];

const INSTALL_TIMEOUT_MS = 15 * 60_000;

function onPath(command) {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;
}

function run(command, args, log) {
  log(`$ ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) log(`  failed (${r.status ?? r.error?.message}): ${String(r.stderr).trim().split('\n').slice(-3).join(' | ')}`);
  return r.status === 0;
}

/**
 * Installs what is missing; `log` receives progress lines (stderr, so the table on stdout stays clean).
 * Returns the peers' versions, or for one that could not be installed, why.
 */
export function ensurePeers(log) {
  const missing = DEBIAN_PEERS.filter((p) => !onPath(p.command));
  if (missing.length) {
    const packages = missing.map((p) => p.pkg);
    if (process.getuid?.() !== 0 || !onPath('apt-get')) {
      log(`missing ${packages.join(', ')}: install them (apt-get install -y ${packages.join(' ')}); their rows are left out`);
    } else {
      const install = () => run('apt-get', ['install', '-y', '-o', 'DPkg::Lock::Timeout=300', ...packages], log);
      // A fresh machine has no package lists yet: update once, then try again.
      if (!install()) run('apt-get', ['update'], log) && install();
    }
  }
  if (!existsSync(AJV_BIN)) {
    mkdirSync(AJV_PREFIX, { recursive: true });
    run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', AJV_PREFIX, ...AJV_PACKAGES], log);
  }
  const version = (argv, pattern) => {
    const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 60_000 });
    return r.status === 0 ? (pattern.exec(`${r.stdout}${r.stderr}`)?.[1] ?? 'unknown version') : null;
  };
  const ajvPackage = join(AJV_PREFIX, 'node_modules', 'ajv-cli', 'package.json');
  return {
    jenkinsJobs: onPath('jenkins-jobs') ? version(['jenkins-jobs', '--version'], /(\d+\.\d+\.\d+)/) : null,
    yamllint: onPath('yamllint') ? version(['yamllint', '--version'], /(\d+\.\d+\.\d+)/) : null,
    ajv: existsSync(AJV_BIN) && existsSync(ajvPackage) ? JSON.parse(readFileSync(ajvPackage, 'utf8')).version : null,
    rusage: hasRusage(),
  };
}

/** A literal block scalar body: every line indented, empty lines left empty (a Jenkinsfile has no tabs to worry about). */
function blockScalar(text, indent) {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line ? indent + line : ''))
    .join('\n');
}

/**
 * One jenkins-job-builder definition file per Jenkinsfile: a pipeline job named after the app's folder whose inline
 * script (`dsl:`) is that Jenkinsfile's text, so jenkins-jobs reads and renders as much as pipewright writes.
 */
export function writeJobDefinitions(jenkinsfiles, dir) {
  mkdirSync(dir, { recursive: true });
  for (const file of jenkinsfiles) {
    const name = basename(dirname(file));
    const definition = [
      '- job:',
      `    name: ${name}`,
      '    project-type: pipeline',
      '    sandbox: true',
      '    dsl: |',
      blockScalar(readFileSync(file, 'utf8'), '      '),
    ];
    writeFileSync(join(dir, `${name}.yaml`), `${definition.join('\n')}\n`);
  }
}

/** yamllint's own defaults, less the two rules a pipeline.yaml need not follow (`---` at the top, 80 columns). */
export const YAMLLINT_CONFIG = '{extends: default, rules: {document-start: disable, line-length: {max: 200}}}';
