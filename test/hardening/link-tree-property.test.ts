// Issue #16 property: over random trees of links (seeded PRNG), no path a helper accepts resolves outside its root, bump-image run end to end on such trees changes nothing outside its clone and commits no path outside it, and the backup catalogue (db-list, db-restore, db-backup's retention) reads and deletes only regular files of its folder.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { insideOf, resolveInside } from '../../src/helpers/shared/inside-root.js';
import { writeFileAtomic } from '../../src/helpers/shared/atomic.js';
import { HelperFailure } from '../../src/helpers/shared/cli.js';
import { gitSync, removeDir, runBundle, tempDir, writeFiles } from '../support/git-repo.js';
import { random as prng } from '../gen/adversarial.js';
import { backupName, checksumFileText, MANIFEST_FORMAT, pruneBackups, readCatalog, resolveBackup, verifyBackup } from '../../src/helpers/db/catalog.js';

const NAMES = ['a', 'b', 'apps', '.pipewright', 'k.yaml', '.git'];

/**
 * A random tree under `base/root` (the allowed root) beside `base/outside`: folders, files, and links whose targets are
 * relative (with any number of ".."), absolute into the root or outside, dangling, or looping.
 */
function randomTree(base: string, rand: () => number, names = NAMES): string[] {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const root = join(base, 'root');
  const dirs = [root, join(base, 'outside')];
  mkdirSync(dirs[1]!, { recursive: true });
  writeFileSync(join(dirs[1]!, 'k.yaml'), 'outside\n');
  mkdirSync(root, { recursive: true });
  const entries: string[] = [];
  for (let i = 0; i < 12; i++) {
    const parent = pick(dirs);
    const path = join(parent, pick(names) + (rand() < 0.3 ? String(i) : ''));
    if (lstatSync(path, { throwIfNoEntry: false })) continue;
    const kind = rand();
    if (kind < 0.3) {
      mkdirSync(path);
      dirs.push(path);
    } else if (kind < 0.5) writeFileSync(path, `file ${i}\n`);
    else {
      const target = pick([
        () => join(...Array.from({ length: Math.floor(rand() * 4) }, () => '..'), pick(['outside', 'root', 'a', 'apps', 'k.yaml', 'nowhere'])),
        () => pick(dirs),
        () => join(base, 'outside', 'k.yaml'),
        () => '/etc',
        () => path, // a loop
      ])();
      symlinkSync(target, path);
    }
    entries.push(relative(root, path));
  }
  return entries;
}

/** Where a path really lands: the real path of its longest existing ancestor, then the rest. */
function landing(path: string): string {
  let existing = path;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    let isLink = false;
    try {
      isLink = lstatSync(existing).isSymbolicLink();
    } catch {
      // missing, or below a file (ENOTDIR): nothing can be written there
    }
    if (isLink) return '<dangling link>';
    rest.unshift(existing.slice(dirname(existing).length + 1));
    existing = dirname(existing);
  }
  return join(realpathSync(existing), ...rest);
}

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

test('300 random link trees: every accepted path lands inside the root, outside .git, and a write there stays inside; insideOf answers as resolveInside', () => {
  let accepted = 0;
  let refused = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const rand = prng(seed);
    const base = tempDir('pw-link-prop-');
    try {
      const names = randomTree(base, rand);
      const root = join(base, 'root');
      const realRoot = realpathSync(root);
      // lint's resolver for several paths (one realpath, each entry looked at once) answers as resolveInside does.
      const sameRand = prng(seed + 1000);
      const resolver = insideOf(root);
      const outcome = (resolve: () => unknown): unknown => {
        try {
          return resolve();
        } catch (error) {
          return `refused: ${(error as Error).message}`;
        }
      };
      for (let q = 0; q < 6; q++) {
        const given = Array.from({ length: 1 + Math.floor(sameRand() * 4) }, () =>
          sameRand() < 0.15
            ? '..'
            : names.length && sameRand() < 0.6
              ? names[Math.floor(sameRand() * names.length)]!
              : NAMES[Math.floor(sameRand() * NAMES.length)]!,
        ).join('/');
        assert.equal(
          outcome(() => resolver(given)),
          outcome(() => resolveInside(root, given)),
          `seed ${seed}: "${given}"`,
        );
      }
      for (let q = 0; q < 6; q++) {
        const parts = Array.from({ length: 1 + Math.floor(rand() * 4) }, () =>
          rand() < 0.15 ? '..' : rand() < 0.6 && names.length ? names[Math.floor(rand() * names.length)]! : NAMES[Math.floor(rand() * NAMES.length)]!,
        );
        const given = parts.join('/');
        let result;
        try {
          result = resolveInside(root, given);
        } catch (error) {
          if (!(error instanceof HelperFailure)) throw new Error(`seed ${seed}: "${given}" threw ${(error as Error).message}`);
          refused++;
          continue;
        }
        accepted++;
        const lands = landing(result.path);
        assert.ok(lands !== '<dangling link>' && inside(realRoot, lands), `seed ${seed}: "${given}" accepted as ${result.path}, which lands at ${lands}`);
        assert.not.ok(result.relative === '.git' || result.relative.startsWith('.git/'), `seed ${seed}: "${given}" leads into .git`);
        // The helpers' writer, where the accepted path is (or could be) a file: the bytes land inside.
        if (!existsSync(result.path) && existsSync(dirname(result.path)) && lstatSync(dirname(result.path)).isDirectory()) {
          writeFileAtomic(result.path, 'written\n');
          assert.ok(inside(realRoot, realpathSync(result.path)), `seed ${seed}: the write for "${given}" left the root`);
        }
      }
      assert.is(readFileSync(join(base, 'outside', 'k.yaml'), 'utf8'), 'outside\n', `seed ${seed}: the outside file changed`);
    } finally {
      removeDir(base);
    }
  }
  assert.ok(accepted > 100 && refused > 100, `both outcomes exercised (accepted ${accepted}, refused ${refused})`);
});

/** Every path under `dir` with its content or link target: equal before and after means nothing changed there. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isSymbolicLink()) out[relative(dir, full)] = `<link>`;
      else if (e.isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

test('bump-image over 6 random link trees in the manifests repository: nothing outside the clone changes, and every committed path is a regular file or link inside it', () => {
  const KUSTOMIZATION = 'images:\n- name: ghcr.io/acme/orders-api\n  newTag: v0\n';
  for (let seed = 1; seed <= 6; seed++) {
    const rand = prng(1000 + seed);
    const base = tempDir('pw-link-e2e-');
    try {
      const seedDir = join(base, 'root');
      // The real manifest first; the random tree then adds files and links beside it (and in an "apps" folder elsewhere).
      writeFiles(seedDir, { 'apps/orders/kustomization.yaml': KUSTOMIZATION });
      writeFiles(join(base, 'outside'), { 'apps/orders/kustomization.yaml': KUSTOMIZATION });
      // No ".git" here: it would make the seed folder no repository at all.
      randomTree(
        base,
        rand,
        NAMES.filter((n) => n !== '.git'),
      );
      const outsideFile = join(base, 'outside', 'apps', 'orders', 'kustomization.yaml');
      gitSync(seedDir, ['init', '-q', '-b', 'main']);
      gitSync(seedDir, ['add', '-A']);
      gitSync(seedDir, ['commit', '-q', '-m', 'manifests']);
      const bare = join(base, 'remote.git');
      gitSync(base, ['clone', '-q', '--bare', seedDir, bare]);
      const tmp = join(base, 'tmp');
      mkdirSync(tmp);
      const before = snapshot(join(base, 'outside'));
      const manifest = rand() < 0.5 ? 'apps/orders/kustomization.yaml' : `${['a', 'apps', 'b'][Math.floor(rand() * 3)]}/orders/kustomization.yaml`;
      const r = runBundle(
        'bump-image',
        [
          '--manifest',
          manifest,
          '--image',
          'ghcr.io/acme/orders-api',
          '--tag',
          'v9',
          '--repo',
          bare,
          '--branch',
          'main',
          '--app',
          'orders-api',
          '--environment',
          'prod',
        ],
        { env: { TMPDIR: tmp } },
      );
      assert.ok(r.code === 0 || r.code === 1, `seed ${1000 + seed}: exit ${r.code}: ${r.stderr}`);
      assert.equal(snapshot(join(base, 'outside')), before, `seed ${1000 + seed}: a file outside the clone changed`);
      assert.is(readFileSync(outsideFile, 'utf8'), KUSTOMIZATION);
      // What was pushed: paths of the new head, each a file (100644/100755) or a link (120000) at a path inside the tree.
      for (const line of gitSync(bare, ['ls-tree', '-r', 'main']).trim().split('\n')) {
        const [meta, path] = line.split('\t');
        assert.match(meta!, /^(100644|100755|120000) blob /, `seed ${1000 + seed}: ${line}`);
        assert.not.ok(path!.split('/').includes('..'), `seed ${1000 + seed}: committed ${path}`);
      }
    } finally {
      removeDir(base);
    }
  }
});

/** A complete backup (dump, checksum file, manifest) as db-backup writes it, of `database`, `minute` minutes into the day. */
function writeBackup(dir: string, minute: number, database: string, tag: string): string {
  const time = new Date(Date.UTC(2026, 11, 5, 0, minute));
  const name = backupName('orders-api', 'prod', String(minute), time);
  const dump = `dump of ${database} ${tag}\n`;
  const sha256 = createHash('sha256').update(dump).digest('hex');
  const manifest = {
    format: MANIFEST_FORMAT,
    name,
    file: `${name}.dump`,
    size: Buffer.byteLength(dump),
    sha256,
    app: 'orders-api',
    env: 'prod',
    build: String(minute),
    time: time.toISOString(),
    database,
    host: 'db',
    port: 5432,
    pgDumpVersion: '16',
    tocEntries: 1,
  };
  writeFileSync(join(dir, `${name}.dump`), dump);
  writeFileSync(join(dir, `${name}.sha256`), checksumFileText(manifest));
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(manifest)}\n`);
  return name;
}

test('120 random backup folders with planted links: listing, restore selection, verification and retention read and delete only regular files of the folder', async () => {
  const SUFFIXES = ['.json', '.dump', '.sha256'];
  let listed = 0;
  let linksPlanted = 0;
  for (let seed = 1; seed <= 120; seed++) {
    const rand = prng(5000 + seed);
    const base = tempDir('pw-backup-links-');
    try {
      const folder = join(base, 'backups');
      const outside = join(base, 'outside');
      mkdirSync(folder);
      mkdirSync(outside);
      // Outside: genuine backups of the same key, which a link in the folder must not bring in.
      const outsideNames = [1, 2, 3].map((m) => writeBackup(outside, m, 'orders', 'outside'));
      // Inside: some genuine backups, then each file of some names replaced by a link (to the outside twin, to /etc, or dangling).
      const insideNames = [10, 11, 12, 13].filter(() => rand() < 0.7).map((m) => writeBackup(folder, m, 'orders', 'inside'));
      for (const name of [...outsideNames, ...insideNames]) {
        for (const suffix of SUFFIXES) {
          if (rand() < 0.7) continue;
          const path = join(folder, name + suffix);
          rmSync(path, { force: true });
          const target = [join(outside, name + suffix), join('..', 'outside', name + suffix), '/etc/hostname', join(base, 'nowhere')][Math.floor(rand() * 4)]!;
          symlinkSync(target, path);
          linksPlanted++;
        }
      }
      const before = snapshot(outside);
      const realFolder = realpathSync(folder);
      const entries = readCatalog(folder, { app: 'orders-api', env: 'prod', database: 'orders' });
      for (const entry of entries) {
        for (const path of [entry.manifestPath, entry.dumpPath, entry.checksumPath].filter((p) => lstatSync(p, { throwIfNoEntry: false }))) {
          assert.ok(lstatSync(path).isFile(), `seed ${seed}: ${path} is listed but is not a regular file`);
          assert.ok(inside(realFolder, realpathSync(path)), `seed ${seed}: ${path} lands outside the folder`);
        }
        await verifyBackup(entry); // genuine: every listed backup is one db-backup wrote here
        assert.match(readFileSync(entry.dumpPath, 'utf8'), /inside/, `seed ${seed}: ${entry.manifest.name} reads a dump from outside`);
      }
      listed += entries.length;
      if (entries.length)
        assert.is(resolveBackup(folder, 'latest', { app: 'orders-api', env: 'prod', database: 'orders' }).manifest.name, entries.at(-1)!.manifest.name);
      pruneBackups(folder, { app: 'orders-api', env: 'prod', database: 'orders' }, Math.floor(rand() * 3), '');
      assert.equal(snapshot(outside), before, `seed ${seed}: retention changed a file outside the folder`);
    } finally {
      removeDir(base);
    }
  }
  assert.ok(listed > 50 && linksPlanted > 200, `both kinds exercised (listed ${listed}, links ${linksPlanted})`);
});

test.run();
