// Rule cases for the coverage gate and the seed's timeouts.
import { test } from 'uvu';
import { ruleCases } from '../../support/lint.js';

const coverage = (c: object) => ({ gates: { coverage: c } });
const min = ['gates', 'coverage', 'min'];

ruleCases('coverage-threshold-range', {
  valid: [
    { name: '80', patch: {} },
    { name: '0', patch: coverage({ min: 0 }) },
    { name: 'off', patch: coverage({ enabled: false, min: 120 }) },
  ],
  invalid: [
    { name: 'negative', patch: coverage({ min: -5 }), paths: [min] },
    { name: '100 can never be exceeded', patch: coverage({ min: 100 }), paths: [min] },
    { name: 'above 100', patch: coverage({ min: 800 }), paths: [min] },
  ],
});

ruleCases('coverage-below-org', {
  valid: [
    { name: '80', patch: {} },
    { name: 'stricter than the seed', patch: coverage({ min: 90 }) },
  ],
  invalid: [
    { name: 'below the seed without an org file', patch: coverage({ min: 60 }), paths: [min] },
    { name: 'switched off', patch: coverage({ enabled: false }), paths: [['gates', 'coverage', 'enabled']] },
  ],
});

ruleCases('timeout-above-gate', {
  valid: [
    { name: 'at the gates', patch: {} },
    { name: 'below the gates', patch: { gates: { timeouts: { build: '8m', deploy: '300s', healthCheck: '10s' } } } },
  ],
  invalid: [
    {
      name: 'all three above',
      patch: { gates: { timeouts: { build: '1h', deploy: '6m', healthCheck: '31s' } } },
      paths: [
        ['gates', 'timeouts', 'build'],
        ['gates', 'timeouts', 'deploy'],
        ['gates', 'timeouts', 'healthCheck'],
      ],
    },
    {
      name: 'one health check above',
      patch: { environments: { dev: { healthCheck: { timeout: '2m' } } } },
      paths: [['environments', 'dev', 'healthCheck', 'timeout']],
    },
  ],
});

test.run();
