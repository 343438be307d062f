// Lint test support: a clean base config, patches over it, and table-driven rule cases asserting rule id and JSON path.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import jsYaml from 'js-yaml';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { loadText } from '../../src/config/load.js';
import { lintLoaded } from '../../src/lint/runner.js';
import type { Diagnostic, JsonPath } from '../../src/core/diagnostic.js';

/** A fixed day, so expiry findings do not change with the calendar. */
export const TODAY = '2026-06-01';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Patch = Record<string, any>;

/** The seed's flow with every gate in place: no rule fires on it (a test checks that). */
export const BASE: Patch = {
  version: 1,
  app: 'orders-api',
  build: { language: 'python' },
  image: { registry: { type: 'ecr', url: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', credentialsId: 'ecr-push' }, tag: '{build}-{shortCommit}' },
  security: { trivy: { failOn: ['CRITICAL', 'HIGH'], scanners: ['vuln', 'secret'] } },
  gates: { coverage: { min: 80 }, timeouts: { build: '10m', deploy: '5m', healthCheck: '30s' } },
  gitops: { repo: 'https://github.com/acme/k8s-manifests.git', credentialsId: 'github-bot' },
  environments: {
    dev: {
      branch: 'develop',
      replicas: 2,
      manifest: 'apps/orders-api/overlays/dev/kustomization.yaml',
      healthCheck: { url: 'https://orders.dev.acme.internal/healthz' },
    },
    staging: {
      branch: 'main',
      strategy: 'blue-green',
      replicas: 2,
      manifest: 'apps/orders-api/overlays/staging/kustomization.yaml',
      healthCheck: { url: 'https://orders.staging.acme.internal/healthz' },
    },
    prod: {
      branch: 'main',
      after: 'staging',
      approval: { submitters: ['ops'] },
      strategy: 'blue-green',
      replicas: 3,
      manifest: 'apps/orders-api/overlays/prod/kustomization.yaml',
      healthCheck: { url: 'https://orders.acme.com/healthz' },
    },
  },
  notifications: { slack: { credentialsId: 'slack-webhook', channel: '#deploys' }, email: { to: ['team@acme.com'] } },
};

const isMapping = (v: unknown): v is Patch => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Deep-merges `patch` over `base`: maps merge, lists replace, null deletes a key. */
export function patched(patch: Patch, base: Patch = BASE): Patch {
  const out: Patch = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = isMapping(value) && isMapping(base[key]) ? patched(value, base[key]) : value;
  }
  return out;
}

export function lintText(text: string, file = 'pipeline.yaml', today = TODAY): { diagnostics: Diagnostic[]; loaded: boolean } {
  const loaded = loadText(text, file);
  return { diagnostics: lintLoaded(loaded, undefined, { today }).diagnostics, loaded: loaded.model !== null };
}

/**
 * Lints `text` as pipeline.yaml at the root of a repository holding `files` (path → content), as the CLI does (it
 * reads the manifests); every diagnostic's file is relative to that root ("pipeline.yaml", "deploy/prod.yaml").
 */
export function lintInRepository(text: string, files: Record<string, string>, today = TODAY): { diagnostics: Diagnostic[]; loaded: boolean } {
  const root = mkdtempSync(join(tmpdir(), 'pw-lint-repo-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const loaded = loadText(text, join(root, 'pipeline.yaml'));
    const diagnostics = lintLoaded(loaded, undefined, { today, repository: true }).diagnostics;
    return {
      diagnostics: diagnostics.map((d) => ({ ...d, file: relative(root, d.file), message: d.message.split(root).join('.') })),
      loaded: loaded.model !== null,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Lints the base config with `patch` over it; with `files`, inside a repository holding them. */
export const lintPatch = (patch: Patch, files?: Record<string, string>): Diagnostic[] => {
  const text = jsYaml.dump(patched(patch));
  const { diagnostics, loaded } = files ? lintInRepository(text, files) : lintText(text);
  assert.ok(loaded, `the case does not load: ${diagnostics.map((d) => d.message).join('; ')}`);
  return diagnostics;
};

export interface RuleCases {
  valid: Array<{ name: string; patch: Patch; files?: Record<string, string> }>;
  invalid: Array<{ name: string; patch: Patch; paths: JsonPath[]; files?: Record<string, string> }>;
}

/** Registers one test per case: valid cases have no finding of `ruleId`, invalid ones exactly the listed paths. */
export function ruleCases(ruleId: string, cases: RuleCases): void {
  assert.ok(cases.valid.length > 0 && cases.invalid.length > 0, `${ruleId} needs valid and invalid cases`);
  for (const c of cases.valid) {
    test(`${ruleId}: valid: ${c.name}`, () => {
      const found = lintPatch(c.patch, c.files).filter((d) => d.ruleId === ruleId);
      assert.equal(
        found.map((d) => d.message),
        [],
      );
    });
  }
  for (const c of cases.invalid) {
    test(`${ruleId}: invalid: ${c.name}`, () => {
      const found = lintPatch(c.patch, c.files).filter((d) => d.ruleId === ruleId);
      assert.equal(
        found.map((d) => d.path),
        c.paths,
      );
      for (const d of found) assert.match(d.message, /^[^A-Z]/, 'messages start in lower case');
      for (const d of found) assert.match(d.message, /; /, 'messages say what to do after "; "');
    });
  }
}
