// scripts/compile-templates.mjs writes the same text as Handlebars (noEscape, strict) for the constructs the Jenkinsfile's templates use, and refuses any other construct at build time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Handlebars from 'handlebars';
// @ts-expect-error: a build script in plain JavaScript, without types
import { compileRender } from '../../scripts/compile-templates.mjs';

type Render = (root: object, helpers: object) => string;

const HELPERS = { is: (a: unknown, b: unknown) => a === b, shout: (s: string) => `${s.toUpperCase()}!\nline two` };

/** Compiles `main` with its partials both ways and renders `context` with each. */
async function both(templates: Record<string, string>, context: object): Promise<[string, string]> {
  const partials = new Map(
    Object.keys(templates)
      .filter((k) => k.startsWith('partials/'))
      .map((k) => [k.slice('partials/'.length), k]),
  );
  const source = compileRender(templates, 'main', partials) as string;
  const mod = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { default: Render };
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn);
  for (const [name, key] of partials) hb.registerPartial(name, hb.compile(templates[key]!, { noEscape: true, strict: true }));
  const expected = hb.compile(templates.main!, { noEscape: true, strict: true })(context);
  return [mod.default(context, HELPERS), expected];
}

test('nested indented partials, blank lines, a partial ending mid-line and multi-line values match Handlebars', async () => {
  const templates = {
    main: 'top {{name}}\n{{#each items}}\n    {{> item}}\n{{/each}}\n{{#if empty}}\nnever\n{{else}}\n  {{> tail}}\n{{/if}}\nend\n',
    'partials/item': 'item {{label}} {\n\n{{#if (is kind "group")}}\n  {{> item child}}\n{{/if}}\n  {{shout label}} {{@root.name}}\n}\n',
    'partials/tail': 'no newline at the end {{#each empty}}x{{else}}none{{/each}}',
  };
  const context = {
    name: 'n',
    empty: [],
    items: [
      { label: 'a', kind: 'group', child: { label: 'b', kind: 'leaf', child: null } },
      { label: 'c', kind: 'leaf', child: null },
    ],
  };
  const [compiled, expected] = await both(templates, context);
  // Handlebars indents every line of a partial, a helper's second line and a blank line included.
  assert.ok(expected.includes('        B!\n      line two n\n'), expected);
  assert.ok(expected.includes('    item a {\n    \n'), expected);
  assert.is(compiled, expected);
});

test('a missing value in a mustache throws as in strict Handlebars; a missing helper argument does not', async () => {
  const templates = { main: '{{#if missing}}x{{/if}}{{is missing 1}}{{name}}\n' };
  const [compiled, expected] = await both(templates, { name: 'here' });
  assert.is(compiled, expected);
  const thrown = await both({ main: '{{gone}}\n' }, {}).then(
    () => null,
    (e: Error) => e.message,
  );
  assert.match(String(thrown), /"gone" not defined/);
});

test('constructs the compiler does not keep fail the build', () => {
  for (const main of ['{{#with a}}x{{/with}}', '{{../a}}', '{{@index}}', '{{> (dyn)}}', '{{is a b c=1}}', '{{constructor}}', '{{> unknown}}']) {
    assert.throws(() => compileRender({ main }, 'main', new Map()), /not supported/, main);
  }
});

test.run();
