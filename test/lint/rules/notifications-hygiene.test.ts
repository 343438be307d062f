// Rule cases for notification routes and addresses, custom stage names and bash-only commands.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import jsYaml from 'js-yaml';
import { lintPatch, lintText, patched, ruleCases } from '../../support/lint.js';

const routes = (r: object) => ({ notifications: { routes: r } });

ruleCases('notification-target-unconfigured', {
  valid: [
    { name: 'default routes', patch: {} },
    { name: 'an e-mail address needs no email block', patch: { notifications: { email: null, routes: { security: ['email:sec@acme.com'] } } } },
  ],
  invalid: [
    {
      name: 'slack without a webhook',
      patch: { notifications: { slack: null, routes: { deployment: ['slack:#ops'], success: ['slack'] } } },
      paths: [
        ['notifications', 'routes', 'deployment', 0],
        ['notifications', 'routes', 'success', 0],
      ],
    },
    {
      name: 'email without recipients',
      patch: { notifications: { email: null, routes: { failure: ['slack', 'email'] } } },
      paths: [['notifications', 'routes', 'failure', 1]],
    },
  ],
});

ruleCases('notification-event-unrouted', {
  valid: [{ name: 'defaults route failures everywhere', patch: {} }],
  invalid: [
    { name: 'no notifications at all', patch: { notifications: null }, paths: [['notifications']] },
    {
      name: 'routes emptied',
      patch: routes({ failure: [], security: [] }),
      paths: [
        ['notifications', 'routes', 'failure'],
        ['notifications', 'routes', 'security'],
      ],
    },
    { name: 'an empty security route', patch: routes({ security: [] }), paths: [['notifications', 'routes', 'security']] },
  ],
});

ruleCases('notification-address-malformed', {
  valid: [{ name: 'well-formed', patch: routes({ security: ['slack:#sec-alerts', 'slack:@jane.doe', 'email:security+ci@acme.co.uk'] }) }],
  invalid: [
    { name: 'a domain without a dot', patch: { notifications: { email: { to: ['team@acme'] } } }, paths: [['notifications', 'email', 'to', 0]] },
    { name: 'a channel with a dot', patch: { notifications: { slack: { channel: '#team.deploys' } } }, paths: [['notifications', 'slack', 'channel']] },
    { name: 'a route address with two dots', patch: routes({ security: ['email:sec..team@acme.com'] }), paths: [['notifications', 'routes', 'security', 0]] },
  ],
});

ruleCases('custom-stage-duplicate-name', {
  valid: [
    {
      name: 'distinct names',
      patch: {
        custom: [
          { name: 'Docs', after: 'test', run: 'make docs' },
          { name: 'Smoke', after: 'deploy', run: 'make smoke' },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'twice "Docs"',
      patch: {
        custom: [
          { name: 'Docs', after: 'test', run: 'make docs' },
          { name: 'Docs', after: 'deploy', run: 'make publish-docs' },
        ],
      },
      paths: [['custom', 1, 'name']],
    },
    // gen refused these while lint passed them: the names come from the flow gen renders.
    { name: 'named like the built-in "Install" stage', patch: { custom: [{ name: 'Install', after: 'lint', run: 'make' }] }, paths: [['custom', 0, 'name']] },
    {
      name: 'named like the scan stage, in another slot',
      patch: {
        custom: [
          { name: 'Smoke', after: 'test', run: 'make smoke' },
          { name: 'Security scan', after: 'deploy', run: 'make' },
        ],
      },
      paths: [['custom', 1, 'name']],
    },
  ],
});

test('custom-stage-duplicate-name: neither lint.rules nor a suppression silences it (gen cannot render the file)', () => {
  const clash = { custom: [{ name: 'Install', after: 'lint', run: 'make' }] };
  const off = lintPatch({ ...clash, lint: { rules: { 'custom-stage-duplicate-name': 'off' } } });
  assert.equal(
    off.filter((d) => d.ruleId === 'custom-stage-duplicate-name').map((d) => d.severity),
    ['error'],
  );
  assert.ok(
    off.some((d) => d.ruleId === 'unknown-rule' && /cannot be turned down/.test(d.message)),
    'the setting is reported',
  );
  const text = jsYaml
    .dump(patched(clash))
    .replace('- name: Install', '# pipewright-disable-next-line custom-stage-duplicate-name -- we know\n  - name: Install');
  assert.ok(
    lintText(text).diagnostics.some((d) => d.ruleId === 'custom-stage-duplicate-name' && d.severity === 'error'),
    'suppressed',
  );
});

ruleCases('bash-only-syntax', {
  valid: [
    { name: 'POSIX sh', patch: { build: { test: ['set -eu', '[ -f x ] && . ./env.sh', 'pytest | tee out.txt'] } } },
    { name: 'bash with a shebang', patch: { build: { test: '#!/bin/bash\nset -o pipefail\npytest | tee out.txt' } } },
    { name: 'a comment mentioning [[', patch: { build: { test: '# no [[ here\npytest' } } },
  ],
  invalid: [
    {
      name: 'pipefail in a list item',
      patch: { build: { test: ['mkdir -p reports', 'set -o pipefail; pytest | tee reports/out.txt'] } },
      paths: [['build', 'test', 1]],
    },
    {
      name: '[[ in a custom stage',
      patch: { custom: [{ name: 'Check', after: 'test', run: 'if [[ -f dist/app ]]; then echo ok; fi' }] },
      paths: [['custom', 0, 'run']],
    },
    {
      name: 'an array and source',
      patch: { build: { install: 'source venv/bin/activate\nargs=(-q -r requirements.txt)\npip install "${args[@]}"' } },
      paths: [['build', 'install']],
    },
    {
      name: 'a sonar command with a here-string',
      patch: { gates: { sonarqube: { server: 'sonar', command: 'read v <<< "$(cat VERSION)"; sonar-scanner -Dsonar.projectVersion=$v' } } },
      paths: [['gates', 'sonarqube', 'command']],
    },
  ],
});

test.run();
