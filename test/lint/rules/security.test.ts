// Rule cases for the Trivy gate and secret scanning.
import { test } from 'uvu';
import { ruleCases } from '../../support/lint.js';

const failOn = ['security', 'trivy', 'failOn'];
const trivy = (t: object) => ({ security: { trivy: t } });

ruleCases('trivy-disabled', {
  valid: [
    { name: 'enabled', patch: {} },
    { name: 'no image, nothing to scan', patch: { image: null, ...trivy({ enabled: false }) } },
  ],
  invalid: [{ name: 'disabled with an image', patch: trivy({ enabled: false }), paths: [['security', 'trivy', 'enabled']] }],
});

ruleCases('trivy-gate-never-fails', {
  valid: [
    { name: 'CRITICAL and HIGH', patch: {} },
    { name: 'MEDIUM only still fails on something', patch: trivy({ failOn: ['MEDIUM'] }) },
  ],
  invalid: [
    { name: 'empty', patch: trivy({ failOn: [] }), paths: [failOn] },
    { name: 'LOW only', patch: trivy({ failOn: ['LOW'] }), paths: [failOn] },
    { name: 'LOW and UNKNOWN', patch: trivy({ failOn: ['LOW', 'UNKNOWN'] }), paths: [failOn] },
  ],
});

ruleCases('trivy-critical-missing', {
  valid: [
    { name: 'CRITICAL present', patch: trivy({ failOn: ['CRITICAL'] }) },
    { name: 'empty is the never-fails finding', patch: trivy({ failOn: [] }) },
  ],
  invalid: [
    { name: 'HIGH without CRITICAL', patch: trivy({ failOn: ['HIGH'] }), paths: [failOn] },
    { name: 'MEDIUM only', patch: trivy({ failOn: ['MEDIUM'] }), paths: [failOn] },
  ],
});

ruleCases('trivy-high-missing', {
  valid: [{ name: 'CRITICAL and HIGH', patch: {} }],
  invalid: [{ name: 'CRITICAL only', patch: trivy({ failOn: ['CRITICAL'] }), paths: [failOn] }],
});

ruleCases('trivy-ignore-expired', {
  valid: [{ name: 'an exception until a later day', patch: trivy({ ignore: [{ id: 'CVE-2024-1234', until: '2026-06-01', reason: 'no fix upstream yet' }] }) }],
  invalid: [
    {
      name: 'an exception that ended yesterday',
      patch: trivy({
        ignore: [
          { id: 'CVE-2024-1', until: '2026-12-31', reason: 'ok for now' },
          { id: 'CVE-2024-1234', until: '2026-05-31', reason: 'no fix upstream yet' },
        ],
      }),
      paths: [['security', 'trivy', 'ignore', 1, 'until']],
    },
  ],
});

ruleCases('secret-scanning-off-production', {
  valid: [
    { name: 'secret scanner on', patch: {} },
    { name: 'no production environment', patch: { environments: { prod: null }, ...trivy({ scanners: ['vuln'] }) } },
  ],
  invalid: [{ name: 'vuln only with prod', patch: trivy({ scanners: ['vuln'] }), paths: [['security', 'trivy', 'scanners']] }],
});

test.run();
