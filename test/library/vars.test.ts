// The committed library's steps: every registry step has its .groovy and .txt, parses under Groovy 2.4, and every sh body passes shellcheck.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTERNAL_VARS, STEPS } from '../../src/gen/steps.js';
import { parseGroovyFiles } from '../support/groovy.js';
import { shellcheckBodies } from '../support/shellcheck.js';
import { ROOT } from '../support/cli.js';

const VARS = join(ROOT, 'vars');
const groovyFiles = readdirSync(VARS)
  .filter((f) => f.endsWith('.groovy'))
  .sort();
const parsed = parseGroovyFiles(groovyFiles.map((f) => join(VARS, f)));

/** The value of a Groovy single- or triple-single-quoted literal (the only kinds the templates write for scripts). */
function unquote(literal: string): string {
  const body = literal.startsWith("'''") ? literal.slice(3, -3) : literal.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** Every sh script in a vars file: `sh(script: '…'` and `sh(script: '''…'''`. */
function shBodies(text: string): string[] {
  const found: string[] = [];
  const pattern = /\bsh\(script: ('''[\s\S]*?'''|'(?:[^'\\\n]|\\.)*')/g;
  for (const m of text.matchAll(pattern)) found.push(unquote(m[1]!));
  return found;
}

const internal = new Set(INTERNAL_VARS.map((v) => v.name));
const isInternal = (file: string): boolean => internal.has(file.replace(/^.*\//, '').replace(/\.groovy$/, ''));

test('vars/ holds one .groovy and one .txt per registry step, and one .groovy (no .txt) per internal var', () => {
  const names = STEPS.map((s) => s.name);
  assert.equal(
    groovyFiles.map((f) => f.slice(0, -'.groovy'.length)),
    [...names, ...internal].sort(),
  );
  const txt = readdirSync(VARS)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  assert.equal(
    txt.map((f) => f.slice(0, -'.txt'.length)),
    names.sort(),
  );
});

test('every step parses under Groovy 2.4 (one JVM) and is a call(Map config = [:]) with defaults merged by <<', () => {
  assert.is(parsed.length, STEPS.length + INTERNAL_VARS.length);
  for (const p of parsed) {
    assert.ok(p.ok, `${p.file}: ${p.error}`);
    if (isInternal(p.file)) continue;
    const text = readFileSync(p.file, 'utf8');
    assert.match(text, /^def call\(Map config = \[:\]\) \{$/m);
    assert.match(text, /^  config = defaultConfig << config$/m);
  }
});

test('an internal var defines exactly the functions the registry lists, has no call, and the steps call nothing else on it', () => {
  const internalFiles = parseGroovyFiles(
    INTERNAL_VARS.map((v) => join(VARS, `${v.name}.groovy`)),
    { methods: true },
  );
  INTERNAL_VARS.forEach((v, i) => {
    const p = internalFiles[i]!;
    assert.ok(p.ok, `${p.file}: ${p.error}`);
    assert.equal([...(p.defined ?? [])].sort(), [...v.functions].sort(), `${v.name} defines`);
    assert.not.match(readFileSync(p.file, 'utf8'), /\bprivate\b/, `${v.name}: its functions are called from the steps, so none is private`);
  });
  const called = new Map<string, Set<string>>(INTERNAL_VARS.map((v) => [v.name, new Set()]));
  for (const p of parseGroovyFiles(
    groovyFiles.filter((f) => !isInternal(f)).map((f) => join(VARS, f)),
    { methods: true },
  )) {
    for (const c of p.calls) {
      if (!c.receiver || !called.has(c.receiver)) continue;
      assert.ok(INTERNAL_VARS.find((v) => v.name === c.receiver)!.functions.includes(c.name), `${p.file}:${c.line} calls ${c.receiver}.${c.name}`);
      called.get(c.receiver)!.add(c.name);
    }
    // The shared code is not copied back: no step defines a function the internal var holds.
    for (const v of INTERNAL_VARS) for (const f of p.defined ?? []) assert.not.ok(v.functions.includes(f), `${p.file} defines ${f}, which ${v.name} holds`);
  }
  // Every function is used, by a step or by the var itself: none is dead.
  INTERNAL_VARS.forEach((v, i) => {
    const own = new Set(internalFiles[i]!.calls.filter((c) => c.implicitThis).map((c) => c.name));
    assert.equal(
      v.functions.filter((f) => !called.get(v.name)!.has(f) && !own.has(f)),
      [],
      `${v.name}: unused functions`,
    );
  });
});

test("each step's .txt lists every argument with its default, the plugins and the example", () => {
  for (const step of STEPS) {
    const txt = readFileSync(join(VARS, `${step.name}.txt`), 'utf8');
    for (const a of step.arguments) assert.match(txt, new RegExp(`^  ${a.name} \\(`, 'm'), `${step.name}.txt: ${a.name}`);
    assert.ok(txt.includes(step.example), `${step.name}.txt: example`);
    for (const p of step.plugins) assert.ok(txt.includes(p), `${step.name}.txt: plugin ${p}`);
  }
});

test('helpers are written out under their own names from the bundled resources, and checked for node first', () => {
  for (const step of STEPS) {
    const text = readFileSync(join(VARS, `${step.name}.groovy`), 'utf8');
    for (const h of step.helpers) {
      assert.ok(text.includes(`writeFile(file: '.pipewright/${h}.cjs', text: libraryResource('pipewright/helpers/${h}.cjs'))`), `${step.name} writes ${h}`);
      assert.ok(text.includes(`node .pipewright/${h}.cjs `), `${step.name} runs ${h}`);
    }
    // Before a helper runs, the step checks its container has node and the programs the registry lists for it.
    const tools = step.binaries
      .filter((b) => b.where === 'helpers' && !b.when)
      .map((b) => `'${b.name}'`)
      .join(', ');
    // …with the credentials the registry names bound around them (a step without any passes none).
    const bindings = step.credentials.length ? (step.name === 'pwArgoSync' ? 'credentials' : 'pwInternal.credentialBindings(config, [') : '[]';
    if (step.helpers.length)
      assert.ok(tools.includes("'node'") && text.includes(`pwInternal.inNodeContainer('${step.name}', [${tools}], ${bindings}`), `${step.name}: tools check`);
  }
});

test('every sh body in vars/ is a single-quoted literal that passes shellcheck -s sh', () => {
  const bodies = groovyFiles.flatMap((f) => shBodies(readFileSync(join(VARS, f), 'utf8')).map((body) => ({ name: f, body })));
  // Every sh call in the text: the extraction above must have found each one.
  const shCalls = groovyFiles.reduce((n, f) => n + [...readFileSync(join(VARS, f), 'utf8').matchAll(/\bsh[ (]/g)].length, 0);
  assert.is(bodies.length, shCalls, 'every sh call is sh(script: <single-quoted literal>, …)');
  // The one tools probe (pwInternal), the helper runs, and the build, scan, push and checkout (commit, author, loop-guard trailer) scripts.
  assert.is(bodies.length, 26);
  const { checked, output } = shellcheckBodies(bodies);
  assert.is(checked, 26);
  assert.is(output, '');
});

test('no sh script interpolates: values reach the shell only through withEnv', () => {
  for (const f of groovyFiles) {
    const text = readFileSync(join(VARS, f), 'utf8');
    assert.not.match(text, /\bsh\(script: "/, `${f}: a double-quoted (GString) script`);
    assert.not.match(text, /\bsh\(script: [a-z]/, `${f}: a script built at run time`);
  }
});

test('a secret never reaches the sh trace: tracing is off (set +x) before any line that handles the registry password', () => {
  // One push script for every builder: crane pushes the tarball.
  const pushes = shBodies(readFileSync(join(VARS, 'pwPushImage.groovy'), 'utf8')).filter((b) => b.includes('PW_REGISTRY_PASSWORD'));
  assert.is(pushes.length, 1);
  for (const body of pushes) {
    const lines = body.split('\n');
    const off = lines.findIndex((l) => l.trim() === 'set +x');
    const secret = lines.findIndex((l) => l.includes('PW_REGISTRY_PASSWORD') || l.includes('get-login-password'));
    const on = lines.findIndex((l) => l.trim() === 'set -x');
    assert.ok(off >= 0 && off < secret, 'set +x before the secret');
    assert.ok(on > lines.map((l) => l.includes('PW_REGISTRY_PASSWORD') || l.includes('auth')).lastIndexOf(true), 'tracing back on only after it');
  }
});

test.run();
