// The XML reader: entities, CDATA, nesting, DOCTYPE, and malformed input reported with a position.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { descendants, parseXml, XmlError } from '../../src/helpers/reports/xml.js';

test('reads nested elements, attributes and text with entities decoded', () => {
  const root = parseXml(
    `<?xml version="1.0"?>\n<!-- c --><a x='1' y="&lt;&amp;&quot;&apos;&gt;"><b>t &#65;&#x42; <![CDATA[<raw> & ]]></b><c/><b z="a&#10;b"/></a>`,
  );
  assert.is(root.name, 'a');
  assert.equal(root.attributes, { x: '1', y: `<&"'>` });
  assert.is(root.children[0]!.text, 't AB <raw> & ');
  assert.is(descendants(root, 'b').length, 2);
  assert.is(descendants(root, 'b')[1]!.attributes.z, 'a\nb');
});

test('skips a DOCTYPE with an internal subset and a byte order mark', () => {
  const root = parseXml('\uFEFF<?xml version="1.0"?><!DOCTYPE r SYSTEM "x.dtd" [ <!ELEMENT r ANY> ]><r>ok</r>');
  assert.is(root.text, 'ok');
});

test('astral-plane characters pass through unchanged', () => {
  assert.is(parseXml('<r n="𒍺𡓿"/>').attributes.n, '𒍺𡓿');
});

const malformed: Array<[string, string, RegExp]> = [
  ['empty', '', /empty/],
  ['whitespace only', '  \n ', /empty/],
  ['unclosed', '<a><b></b>', /<a> is never closed/],
  ['mismatched', '<a><b></a>', /<\/a> closes <b>/],
  ['unknown entity', '<a>&nbsp;</a>', /unknown entity "&nbsp;"/],
  ['bare ampersand', '<a>fish & chips</a>', /entity/],
  ['two roots', '<a/><b/>', /second root/],
  ['text after root', '<a/>x', /text after/],
  ['duplicate attribute', '<a x="1" x="2"/>', /duplicate attribute/],
  ['unquoted attribute', '<a x=1/>', /quoted/],
  ['lt in attribute', '<a x="<"/>', /inside an attribute/],
  ['unterminated CDATA', '<a><![CDATA[x</a>', /CDATA/],
  ['truncated in a tag', '<a><b x="1"', /unterminated attribute|unclosed|end of input/],
];
for (const [name, text, message] of malformed) {
  test(`malformed: ${name}`, () => {
    try {
      parseXml(text);
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.instance(error, XmlError);
      assert.match((error as Error).message, message);
      assert.match((error as Error).message, /line \d+, column \d+/);
    }
  });
}

test('absurd nesting is refused as malformed, not a stack overflow', () => {
  const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
  assert.throws(
    () => parseXml(deep),
    (e: Error) => e instanceof XmlError && /nested deeper than 500/.test(e.message),
  );
  assert.is(parseXml(`${'<a>'.repeat(400)}${'</a>'.repeat(400)}`).name, 'a');
});

test('the error position points at the problem', () => {
  try {
    parseXml('<a>\n  <b>\n</a>');
    assert.unreachable();
  } catch (error) {
    assert.is((error as XmlError).line, 3);
  }
});

test.run();
