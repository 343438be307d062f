// Every step the generated files call maps to a plugin through the checked-in table (test/docs/step-plugins.ts), and docs/jenkins-plugins.md and plugins.txt list every plugin so found.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../support/cli.js';
import { parseGroovyFiles, type ParsedFile } from '../support/groovy.js';
import { STEP_BY_NAME, STEP_PREFIX } from '../../src/gen/steps.js';
import { goldenCases } from '../gen/support.js';
import { ALSO_NEEDS, STEP_PLUGINS } from './step-plugins.js';

const varsFiles = readdirSync(join(ROOT, 'vars'))
  .filter((f) => f.endsWith('.groovy'))
  .sort()
  .map((f) => join(ROOT, 'vars', f));
const jenkinsfiles = [join(ROOT, 'Jenkinsfile'), ...goldenCases().map((c) => c.golden)];
const parsed = parseGroovyFiles([...varsFiles, ...jenkinsfiles], { methods: true });

/** The step names a parsed file calls, and problems: a call that is neither a library step, a function of the file, nor in the table. */
function pluginsOf(files: ParsedFile[]): { plugins: Map<string, string[]>; problems: string[] } {
  const plugins = new Map<string, string[]>();
  const problems: string[] = [];
  const add = (plugin: string, where: string): void => {
    if (plugin === 'core') return;
    plugins.set(plugin, [...(plugins.get(plugin) ?? []), where]);
  };
  for (const file of files) {
    if (!file.ok) {
      problems.push(`${relative(ROOT, file.file)}: does not parse: ${file.error}`);
      continue;
    }
    for (const call of file.calls) {
      // A step is called on the script itself; of the method calls on objects only docker.image(…) is a step.
      const name = call.implicitThis ? call.name : call.receiver === 'docker' ? `docker.${call.name}` : null;
      if (name === null || file.defined?.includes(name) || file.locals?.includes(name)) continue;
      const where = `${relative(ROOT, file.file)}:${call.line}`;
      if (name.startsWith(STEP_PREFIX) && STEP_BY_NAME.has(name)) {
        for (const p of STEP_BY_NAME.get(name)!.plugins) add(p, where);
        continue;
      }
      const plugin = STEP_PLUGINS[name];
      if (!plugin) {
        problems.push(`${where}: calls "${name}", which test/docs/step-plugins.ts maps to no plugin`);
        continue;
      }
      add(plugin, where);
      for (const p of ALSO_NEEDS[name] ?? []) add(p, where);
    }
  }
  return { plugins, problems };
}

const found = pluginsOf(parsed);

/** The short names plugins.txt lists (jenkins-plugin-cli format: name or name:version, # comments). */
function pluginsTxt(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim())
      .filter(Boolean)
      .map((l) => l.split(':')[0]!),
  );
}

/** The short names docs/jenkins-plugins.md names as needed in its tables (a row's short-name column), before "Not needed". */
function docsPlugins(markdown: string): Set<string> {
  const names = new Set<string>();
  for (const line of markdown.split('\n## Not needed')[0]!.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | display name | `short-name` | …
    if (cells.length > 3 && /^`[a-z0-9-]+`$/.test(cells[2]!)) names.add(cells[2]!.slice(1, -1));
  }
  return names;
}

test('every vars/ file and generated Jenkinsfile parses, and every step it calls maps to a plugin', () => {
  assert.ok(varsFiles.length >= 16 && jenkinsfiles.length >= 10, `${varsFiles.length} vars, ${jenkinsfiles.length} Jenkinsfiles`);
  assert.equal(found.problems, []);
  // The table is really applied: steps from the utility, kubernetes and credentials plugins are found.
  for (const p of ['pipeline-utility-steps', 'kubernetes', 'credentials-binding', 'workflow-scm-step', 'pipeline-model-definition'])
    assert.ok(found.plugins.has(p), p);
});

test('plugins.txt lists every plugin so found', () => {
  const listed = pluginsTxt(readFileSync(join(ROOT, 'plugins.txt'), 'utf8'));
  const missing = [...found.plugins.keys()].filter((p) => !listed.has(p)).map((p) => `${p} (called at ${found.plugins.get(p)![0]})`);
  assert.equal(missing, []);
});

test('docs/jenkins-plugins.md names every plugin so found', () => {
  const named = docsPlugins(readFileSync(join(ROOT, 'docs', 'jenkins-plugins.md'), 'utf8'));
  const missing = [...found.plugins.keys()].filter((p) => !named.has(p)).map((p) => `${p} (called at ${found.plugins.get(p)![0]})`);
  assert.equal(missing, []);
});

test('a step that is not in the table, or a plugin missing from the lists, is reported', () => {
  const fake: ParsedFile = {
    file: join(ROOT, 'Jenkinsfile.x'),
    ok: true,
    calls: [
      { name: 'readYaml', keys: [], positional: [], line: 3, implicitThis: true, receiver: null },
      { name: 'trim', keys: [], positional: [], line: 4, implicitThis: false, receiver: 'x' },
    ],
    sh: [],
    strings: [],
    gstrings: 0,
    defined: [],
  };
  assert.equal(pluginsOf([fake]).problems, ['Jenkinsfile.x:3: calls "readYaml", which test/docs/step-plugins.ts maps to no plugin']);
  const usesUtility: ParsedFile = { ...fake, calls: [{ name: 'readJSON', keys: ['file'], positional: [], line: 1, implicitThis: true, receiver: null }] };
  assert.ok(pluginsOf([usesUtility]).plugins.has('pipeline-utility-steps'));
  assert.not.ok(pluginsTxt('workflow-aggregator\n# pipeline-utility-steps\n').has('pipeline-utility-steps'));
  assert.not.ok(docsPlugins('| Pipeline Utility Steps | pipeline-utility-steps | … |').has('pipeline-utility-steps'));
  // Listed under "Not needed" (as on 0.1.0) is not listed.
  assert.not.ok(docsPlugins('intro\n## Not needed by this version\n\n| Pipeline Utility Steps | `pipeline-utility-steps` | … |').has('pipeline-utility-steps'));
});

test.run();
