// The one-line branch condition: branchesRegex(globs) under Jenkins' REGEXP comparator accepts exactly the branch names an
// anyOf of the globs accepts under its GLOB comparator, checked in one real JVM (Ant's SelectorUtils.matchPath against
// java.util.regex, test/config/branch-regex.groovy) on generated globs and names and on every BMP character.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { branchesRegex, globRegex } from '../../src/config/branch-regex.js';
import { random } from '../gen/adversarial.js';
import { runGroovyScript } from '../support/groovy.js';
import { ROOT } from '../support/cli.js';

const ORACLE = join(ROOT, 'test', 'config', 'branch-regex.groovy');

/** Glob atoms: the schema's alphabet, Ant's wildcards, and every character but `\\` java.util.regex reads as syntax. */
const GLOB_ATOMS = ['a', 'B', 'i', 'S', 'k', '1', '-', '_', '.', ' ', "'", '*', '**', '?', '/', '/**/', 'main', 'release', 'PR-', ...'+()[]{}|^$&#'];
/** Name atoms: the same, upper and lower case, and the non-ASCII characters whose case maps reach ASCII letters. */
const NAME_ATOMS = ['a', 'A', 'b', 'I', 'i', 's', 'K', '1', '-', '_', '.', ' ', "'", '/', 'x', 'main', 'MAIN', 'Release', 'pr-', ...'+()[]{}|^$&#*?'];
const UNICODE_ATOMS = ['ı', 'İ', 'ſ', '\u212a', 'é', 'É', 'ß', '\u2028', '\u0085', '\n'];

function build(rng: () => number, atoms: string[], max: number): string {
  let out = '';
  const n = 1 + Math.floor(rng() * max);
  for (let i = 0; i < n; i++) out += atoms[Math.floor(rng() * atoms.length)];
  return out;
}

/**
 * A name as Git allows a branch's (the names Jenkins' BRANCH_NAME holds): no empty part, and no backslash, which Ant
 * would read as a separator at the start (FileUtils.isAbsolutePath). Other characters Git refuses stay: more to check.
 */
const gitName = (name: string): string =>
  name
    .replace(/\\/g, '')
    .replace(/\/+/g, '/')
    .replace(/^\/|\/$/g, '');

/** Names derived from a glob (so matches are common), changed in case and by the characters case maps tie to ASCII. */
function namesFor(rng: () => number, glob: string): string[] {
  const derived = glob
    .replace(/\*\*/g, rng() < 0.5 ? 'a/b' : '')
    .replace(/\*/g, rng() < 0.5 ? 'x' : '')
    .replace(/\?/g, 'q');
  const variants = [derived, derived.toUpperCase(), derived.replace(/i/g, 'ı').replace(/s/g, 'ſ'), derived.replace(/i/g, 'İ').replace(/k/gi, '\u212a')];
  const names = [...variants, build(rng, NAME_ATOMS, 6), build(rng, [...NAME_ATOMS, ...UNICODE_ATOMS], 6)];
  return names.map(gitName).filter((n) => n !== '');
}

test('known translations', () => {
  assert.is(branchesRegex(['develop', 'main']), '(?i)(?:develop|ma[iı]n)');
  assert.is(globRegex('release/*'), 'relea[sſ]e/[^/]*');
  assert.is(globRegex('feature/**'), 'feature(?:/[^/]+)*');
  assert.is(globRegex('**/hotfix-?'), '(?:[^/]+/)*hotf[iı]x-[^/]');
  assert.is(globRegex('a/**/**/b'), 'a/(?:[^/]+/)*b');
  assert.is(globRegex('**'), '[^/]+(?:/[^/]+)*');
  assert.is(globRegex('v1.*'), 'v1[.][^/]*');
  assert.is(branchesRegex(['1.*', '2.*']), '(?:1[.][^/]*|2[.][^/]*)');
});

test('the regex accepts exactly what an anyOf of the globs accepts in Jenkins, on generated globs and names and every BMP character', () => {
  const rng = random(20261206);
  const cases: Array<[string[], string, string[]]> = [];
  while (cases.length < 600) {
    const globs = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => build(rng, GLOB_ATOMS, 5));
    const names = [...new Set(globs.flatMap((g) => namesFor(rng, g)))];
    cases.push([globs, branchesRegex(globs)!, names]);
  }
  cases.push([['develop', 'main'], branchesRegex(['develop', 'main'])!, ['main', 'MAIN', 'maın', 'maİn', 'develop', 'feature/main', 'main/x']]);
  // One-character globs against every character: the case folding and the escapes, exhaustively.
  const chars = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', ...".-_*?+()[]{}|^$&#' "].map((c) => [c, branchesRegex([c])!]);
  const r = runGroovyScript(ORACLE, { cases, chars }) as {
    differ: unknown[];
    differCount: number;
    matched: number;
    pairs: number;
    charDiffer: unknown[];
    charDifferCount: number;
  };
  assert.ok(r.pairs > 4000, `${r.pairs} pairs`);
  assert.ok(r.matched > r.pairs / 5 && r.matched < r.pairs * 0.9, `${r.matched} of ${r.pairs} pairs match: too few or too many to mean something`);
  assert.equal(r.differ, [], `${r.differCount} names where the regex and the globs disagree`);
  assert.equal(r.charDiffer, [], `${r.charDifferCount} characters where a one-character glob and its regex disagree`);
});

test('globs outside printable ASCII without a backslash (the schema allows none) get no regex: gen keeps their globs', () => {
  assert.is(branchesRegex(['main', 'mäin']), null);
  assert.is(branchesRegex(['main', 'a\\b']), null);
  assert.is(branchesRegex(['main', 'a\nb']), null);
  assert.throws(() => globRegex('mäin'), /not ASCII/);
});

test.run();
