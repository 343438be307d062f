// Branch patterns as Jenkins matches them: branchMatches agrees with Ant's SelectorUtils.matchPath (case-insensitive,
// run for real through Groovy's ant.jar) on generated pairs, and commonBranch finds a branch two patterns share
// whenever one exists (checked against an enumeration of short branch names).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { branchMatches, commonBranch } from '../../src/config/branch-pattern.js';
import { random } from '../gen/adversarial.js';
import { runGroovyScript } from '../support/groovy.js';
import { ROOT } from '../support/cli.js';

const ORACLE = join(ROOT, 'test', 'config', 'ant-match.groovy');

/** Small alphabets, so patterns and branches meet often: letters in both cases, separators, globs. */
const PATTERN_ATOMS = ['a', 'b', 'A', 'B', '-', '.', '*', '**', '?', '/', '/**/', 'feature', 'PR-', 'Main', 'main'];
const BRANCH_ATOMS = ['a', 'b', 'A', 'B', '-', '.', '/', 'feature', 'FEATURE', 'pr-', 'PR-', 'main', 'MAIN', '1'];

function build(rng: () => number, atoms: string[], max: number): string {
  let out = '';
  const n = 1 + Math.floor(rng() * max);
  for (let i = 0; i < n; i++) out += atoms[Math.floor(rng() * atoms.length)];
  return out;
}

const KNOWN: Array<[string, string, boolean]> = [
  ['main', 'MAIN', true],
  ['FEATURE/*', 'feature/login', true],
  ['feature/*', 'feature/a/b', false],
  ['feature/**', 'feature/a/b', true],
  ['feature/**', 'feature', true],
  ['release**', 'release/1', false], // "**" inside a part is two stars within that part
  ['release**', 'release-1', true],
  ['**', 'anything/at/all', true],
  ['PR-*', 'pr-12', true],
  ['*', 'feature/x', false],
];

test('known cases, as Ant decides them', () => {
  for (const [pattern, branch, expected] of KNOWN) assert.is(branchMatches(pattern, branch), expected, `${pattern} ~ ${branch}`);
});

test('branchMatches agrees with the real Ant SelectorUtils.matchPath(pattern, branch, false) on 3000 pairs', () => {
  const rng = random(20261204);
  const pairs: Array<[string, string]> = KNOWN.map(([p, b]) => [p, b]);
  while (pairs.length < 3000) {
    const pattern = build(rng, PATTERN_ATOMS, 5);
    // Half the branches are derived from the pattern, so matches are common.
    const branch = rng() < 0.5 ? pattern.replace(/\*\*/g, 'a/b').replace(/\*/g, 'x').replace(/\?/g, 'q') : build(rng, BRANCH_ATOMS, 5);
    pairs.push([pattern, rng() < 0.3 ? branch.toUpperCase() : branch]);
  }
  const ant = runGroovyScript(ORACLE, pairs) as boolean[];
  assert.is(ant.length, pairs.length);
  assert.ok(ant.filter(Boolean).length > 300, 'too few matching pairs to mean something');
  const differ = pairs.filter(([p, b], i) => branchMatches(p, b) !== ant[i]).slice(0, 10);
  assert.equal(differ, [], 'pairs where pipewright and Ant disagree');
});

test('commonBranch: its witness matches both patterns, and it finds one whenever a short branch does', () => {
  const rng = random(7);
  const names: string[] = [];
  const letters = ['a', 'B', '-', '/'];
  const grow = (prefix: string, depth: number): void => {
    if (prefix && !prefix.startsWith('/') && !prefix.endsWith('/') && !prefix.includes('//')) names.push(prefix);
    if (depth > 0) for (const l of letters) grow(prefix + l, depth - 1);
  };
  grow('', 5);
  const atoms = ['a', 'b', 'B', '-', '*', '**', '/', '?'];
  let overlapping = 0;
  for (let n = 0; n < 400; n++) {
    const a = build(rng, atoms, 4);
    const b = build(rng, atoms, 4);
    const witness = commonBranch(a, b);
    if (witness !== null) {
      overlapping++;
      assert.ok(branchMatches(a, witness) && branchMatches(b, witness), `${a} / ${b}: witness ${witness}`);
    } else {
      const shared = names.find((name) => branchMatches(a, name) && branchMatches(b, name));
      assert.is(shared, undefined, `${a} / ${b}: no witness, yet both match ${shared}`);
    }
  }
  assert.ok(overlapping > 50 && overlapping < 390, `${overlapping} of 400 pairs overlap`);
});

test('commonBranch: the cases the overlap and feature-branch rules meet', () => {
  assert.is(commonBranch('release/*', 'release/2.*'), 'release/2.x');
  assert.is(commonBranch('*', 'main'), 'main');
  assert.is(commonBranch('MAIN', 'main'), 'MAIN');
  assert.is(commonBranch('*-*', 'PR-*'), 'PR-x');
  assert.is(commonBranch('develop', 'main'), null);
  assert.is(commonBranch('main*', 'feature/*/**'), null);
  assert.is(commonBranch('release/1.*', 'release/2.*'), null);
});

test.run();
