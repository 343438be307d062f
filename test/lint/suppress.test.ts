// Inline suppressions: a reason is required, `until` expires them, unused ones are reported, org locks cannot be hidden.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintText, TODAY } from '../support/lint.js';

const config = (directive: string, extra = '') => `version: 1
app: orders-api
${extra}image:
  registry: { type: dockerhub, credentialsId: hub }
  repository: acme/orders-api
${directive}
  tag: latest
notifications:
  slack: { credentialsId: slack-webhook }
`;

const found = (text: string, today = TODAY) =>
  lintText(text, 'pipeline.yaml', today).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} [${d.ruleId}] ${d.message}`);

test('the finding is there without a suppression', () => {
  assert.equal(found(config('')).filter((l) => l.includes('[image-tag-mutable]')).length, 1);
});

test('a suppression with a reason hides the finding on the next line, and nothing is said about it', () => {
  assert.equal(found(config('  # pipewright-disable-next-line image-tag-mutable -- the demo registry keeps one image')), []);
});

test('a suppression above a mapping key covers findings on the mapping (reported on its first value line)', () => {
  const text = `version: 1
app: orders-api
notifications:
  slack: { credentialsId: slack-webhook }
environments:
  # pipewright-disable-next-line production-requires-approval -- approved in the change board tool before merge
  prod:
    branch: main
    manifest: apps/orders-api/overlays/prod/kustomization.yaml
    healthCheck: { url: https://orders.acme.com/healthz }
`;
  assert.equal(found(text), []);
});

test('a suppression without a reason does not suppress, and is an error', () => {
  const lines = found(config('  # pipewright-disable-next-line image-tag-mutable'));
  assert.ok(
    lines.some((l) => l.startsWith('7:8 error [image-tag-mutable]')),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => l.startsWith('6:3 error [suppression-invalid] the suppression of "image-tag-mutable" gives no reason')),
    lines.join('\n'),
  );
  assert.ok(found(config('  # pipewright-disable-next-line image-tag-mutable --   ')).some((l) => l.includes('[suppression-invalid]')));
});

test('a suppression naming an unknown rule or no rule is an error', () => {
  assert.ok(
    found(config('  # pipewright-disable-next-line image-tag-mutabel -- typo')).some((l) =>
      l.startsWith('6:3 error [suppression-invalid] "image-tag-mutabel" is not a rule id'),
    ),
  );
  assert.ok(found(config('  # pipewright-disable-next-line -- why')).some((l) => l.includes('[suppression-invalid] the suppression names no rule')));
  assert.ok(
    found(config('  # pipewright-disable-next-line image-tag-mutable until=next-week -- soon')).some((l) => l.includes('"until=next-week" is not a date')),
  );
});

test('until in the future suppresses; from the day after, the finding is back and the suppression is reported', () => {
  const text = config('  # pipewright-disable-next-line image-tag-mutable until=2026-06-01 -- migrating to build tags in sprint 12');
  assert.equal(found(text, '2026-06-01'), []);
  const after = found(text, '2026-06-02');
  assert.equal(
    after.map((l) => l.split(' ').slice(0, 3).join(' ')),
    ['6:3 warning [suppression-expired]', '7:8 error [image-tag-mutable]'],
  );
  assert.match(after[0]!, /expired on 2026-06-01; fix the finding, or set a new "until" with a reason/);
});

test('an unused suppression is reported, per rule it names', () => {
  const lines = found(config('  # pipewright-disable-next-line image-tag-mutable, registry-credentials-missing -- demo'));
  assert.equal(lines, ['6:3 warning [suppression-unused] nothing on line 7 breaks "registry-credentials-missing"; remove the suppression']);
});

test('suppression findings honour lint.rules', () => {
  const text = config('  # pipewright-disable-next-line registry-credentials-missing -- demo', 'lint:\n  rules:\n    suppression-unused: "off"\n');
  assert.equal(
    found(text).filter((l) => l.includes('suppression')),
    [],
  );
});

test('blank and comment lines between the suppression and its line are skipped', () => {
  assert.equal(found(config('  # pipewright-disable-next-line image-tag-mutable -- demo\n\n  # the tag below is deliberate')), []);
});

test('a directive inside a value of another line does not count', () => {
  const text = config('').replace('  tag: latest', '  tag: latest  # pipewright-disable-next-line image-tag-mutable -- trailing comments are not directives');
  assert.ok(found(text).some((l) => l.includes('[image-tag-mutable]')));
});

test('org locks cannot be suppressed', () => {
  const text = `version: 1
extends: pipewright:default
app: orders-api
notifications:
  slack: { credentialsId: slack-webhook }
gates:
  coverage:
    # pipewright-disable-next-line org-lock -- we are special
    min: 50
`;
  const lines = found(text);
  assert.ok(
    lines.some((l) => l.startsWith('8:5 error [suppression-invalid] "org-lock" findings cannot be suppressed')),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => l.startsWith('9:10 error [org-lock]')),
    lines.join('\n'),
  );
});

test('lint.rules naming no rule is a warning with a suggestion', () => {
  const text = config('', 'lint:\n  rules:\n    image-tag-mutabel: "off"\n    suppression-unused: "off"\n    no-such-thing: error\n');
  const lines = found(text).filter((l) => l.includes('[unknown-rule]'));
  assert.equal(lines, [
    '5:5 warning [unknown-rule] "image-tag-mutabel" is not a rule id; did you mean "image-tag-mutable"?',
    '7:5 warning [unknown-rule] "no-such-thing" is not a rule id; see docs/rules/README.md for the ids',
  ]);
});

test.run();
