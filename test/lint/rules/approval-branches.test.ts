// Rule cases for approvals, branches and promotions.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintPatch, ruleCases } from '../../support/lint.js';

const env = (name: string) => ['environments', name];

ruleCases('production-requires-approval', {
  valid: [
    { name: 'prod with an approval block', patch: {} },
    { name: 'production with autoDeploy false implies an approval', patch: { environments: { prod: { approval: null, autoDeploy: false } } } },
    { name: 'a non-production environment without approval', patch: { environments: { prod: null } } },
  ],
  invalid: [
    { name: 'prod without approval', patch: { environments: { prod: { approval: null } } }, paths: [env('prod')] },
    {
      name: 'an environment flagged production',
      patch: { environments: { live: { branch: 'release/*', production: true, healthCheck: { url: 'https://x.acme.com/h' } } } },
      paths: [env('live')],
    },
    {
      name: 'named production',
      patch: { environments: { production: { branch: 'release/*', replicas: 3, healthCheck: { url: 'https://x.acme.com/h' } } } },
      paths: [env('production')],
    },
  ],
});

ruleCases('production-auto-deploy', {
  valid: [
    { name: 'an approved promotion may auto-deploy', patch: { environments: { prod: { autoDeploy: true } } } },
    { name: 'autoDeploy on dev', patch: { environments: { dev: { autoDeploy: true } } } },
  ],
  invalid: [
    {
      name: 'prod auto-deploys without approval',
      patch: { environments: { prod: { autoDeploy: true, approval: null } } },
      paths: [[...env('prod'), 'autoDeploy']],
    },
    {
      name: 'prod auto-deploys with approval but not as a promotion',
      patch: { environments: { staging: null, prod: { autoDeploy: true, after: null } } },
      paths: [[...env('prod'), 'autoDeploy']],
    },
  ],
});

ruleCases('approval-without-submitters', {
  valid: [{ name: 'submitters listed', patch: {} }],
  invalid: [
    { name: 'an empty approval block', patch: { environments: { prod: { approval: { submitters: [] } } } }, paths: [[...env('prod'), 'approval']] },
    { name: 'an approval implied by autoDeploy false', patch: { environments: { staging: { autoDeploy: false } } }, paths: [[...env('staging'), 'approval']] },
  ],
});

ruleCases('feature-branch-deploys', {
  valid: [
    { name: 'develop and main', patch: {} },
    { name: 'release branches', patch: { environments: { dev: { branch: 'release/*' } } } },
  ],
  invalid: [
    { name: 'feature/*', patch: { environments: { dev: { branch: 'feature/*' } } }, paths: [[...env('dev'), 'branch']] },
    { name: '** matches feature branches too', patch: { environments: { dev: { branch: '**' } } }, paths: [[...env('dev'), 'branch']] },
    // Decided from the patterns, as Jenkins matches them (case-insensitive Ant globs), not from two sample names.
    { name: 'feature/a* matches feature/a', patch: { environments: { dev: { branch: 'feature/a*' } } }, paths: [[...env('dev'), 'branch']] },
    { name: 'FEATURE/* matches feature/x in Jenkins', patch: { environments: { dev: { branch: 'FEATURE/*' } } }, paths: [[...env('dev'), 'branch']] },
    { name: '* matches pull-request branches', patch: { environments: { dev: { branch: '*' } } }, paths: [[...env('dev'), 'branch']] },
    { name: '*-* matches PR-1', patch: { environments: { dev: { branch: '*-*' } } }, paths: [[...env('dev'), 'branch']] },
    { name: 'pr-* is PR-* in Jenkins', patch: { environments: { dev: { branch: 'pr-*' } } }, paths: [[...env('dev'), 'branch']] },
  ],
});

test('feature-branch-deploys: the message names a branch the pattern matches', () => {
  const [finding] = lintPatch({ environments: { dev: { branch: '*-*' } } }).filter((d) => d.ruleId === 'feature-branch-deploys');
  assert.match(finding!.message, /matches the feature or pull-request branch "PR-x"/);
});

ruleCases('branch-patterns-overlap', {
  valid: [
    { name: 'develop and main, prod after staging', patch: {} },
    {
      name: 'disjoint release lines',
      patch: { environments: { dev: { branch: 'release/1.*' }, staging: { branch: 'release/2.*' }, prod: { branch: 'release/2.*' } } },
    },
    { name: 'the feature namespace under another prefix', patch: { environments: { dev: { branch: 'develop/*' } } } },
  ],
  invalid: [
    {
      name: 'release/* and release/2.*',
      patch: { environments: { dev: { branch: 'release/*' }, staging: { branch: 'release/2.*' }, prod: { branch: 'release/2.*' } } },
      paths: [[...env('staging'), 'branch']],
    },
    { name: '"main*" for dev and main for staging', patch: { environments: { dev: { branch: 'main*' } } }, paths: [[...env('staging'), 'branch']] },
    { name: 'MAIN and main are one branch to Jenkins', patch: { environments: { dev: { branch: 'MAIN' } } }, paths: [[...env('staging'), 'branch']] },
    {
      name: 'develop/** and **/hotfix',
      patch: { environments: { dev: { branch: 'develop/**' }, staging: { branch: '**/hotfix' }, prod: { branch: '**/hotfix' } } },
      paths: [[...env('staging'), 'branch']],
    },
  ],
});

test('branch-patterns-overlap: the message shows a branch both patterns match', () => {
  const [finding] = lintPatch({ environments: { dev: { branch: 'release/*' }, staging: { branch: 'release/2.*' }, prod: { branch: 'release/2.*' } } }).filter(
    (d) => d.ruleId === 'branch-patterns-overlap',
  );
  assert.match(finding!.message, /^environments "dev" \("release\/\*"\) and "staging" \("release\/2\.\*"\) both deploy branch "release\/2\.x"/);
});

ruleCases('promotion-order-missing', {
  valid: [
    { name: 'prod after staging', patch: {} },
    { name: 'one environment per branch', patch: { environments: { staging: null, prod: { after: null } } } },
  ],
  invalid: [
    { name: 'staging and prod on main without after', patch: { environments: { prod: { after: null } } }, paths: [env('prod')] },
    {
      name: 'three on one branch, two unordered',
      patch: { environments: { qa: { branch: 'main', healthCheck: { url: 'https://qa.acme.com/h' } }, prod: { after: null } } },
      paths: [env('prod'), env('qa')],
    },
  ],
});

ruleCases('promotion-unknown-environment', {
  valid: [{ name: 'after names staging', patch: {} }],
  invalid: [{ name: 'after names a missing environment', patch: { environments: { prod: { after: 'stagin' } } }, paths: [[...env('prod'), 'after']] }],
});

ruleCases('promotion-cross-branch', {
  valid: [{ name: 'same branch', patch: {} }],
  invalid: [{ name: 'prod on main after dev on develop', patch: { environments: { prod: { after: 'dev' } } }, paths: [[...env('prod'), 'after']] }],
});

ruleCases('promotion-cycle', {
  valid: [{ name: 'a chain', patch: {} }],
  invalid: [
    {
      name: 'two environments promoting from each other',
      patch: { environments: { staging: { after: 'prod' } } },
      paths: [
        [...env('staging'), 'after'],
        [...env('prod'), 'after'],
      ],
    },
    { name: 'an environment after itself', patch: { environments: { dev: { after: 'dev' } } }, paths: [[...env('dev'), 'after']] },
  ],
});

ruleCases('branch-pattern-never-matches', {
  valid: [
    {
      name: 'plain names and globs',
      patch: { environments: { dev: { branch: 'release/*' } }, custom: [{ name: 'Docs', after: 'test', branch: 'main', run: 'make docs' }] },
    },
  ],
  invalid: [
    { name: 'refs/heads/ prefix', patch: { environments: { dev: { branch: 'refs/heads/develop' } } }, paths: [[...env('dev'), 'branch']] },
    {
      name: 'a remote prefix on a custom stage',
      patch: { custom: [{ name: 'Docs', after: 'test', branch: 'origin/main', run: 'make docs' }] },
      paths: [['custom', 0, 'branch']],
    },
    { name: 'a trailing slash', patch: { environments: { dev: { branch: 'release/' } } }, paths: [[...env('dev'), 'branch']] },
  ],
});

ruleCases('environment-unreachable', {
  valid: [{ name: 'a healthy chain', patch: {} }],
  invalid: [
    {
      name: 'prod after a staging that is after a missing environment',
      patch: { environments: { staging: { after: 'qa' } } },
      paths: [[...env('prod'), 'after']],
    },
    { name: 'prod after a staging promoted across branches', patch: { environments: { staging: { after: 'dev' } } }, paths: [[...env('prod'), 'after']] },
  ],
});

test.run();
