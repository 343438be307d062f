// Generates the Jenkins shared library: vars/<step>.groovy and .txt from templates/vars and the step registry, and the bundled helpers under resources/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyOrgDefaults } from '../config/org.js';
import { globSource, type Policy } from '../config/policy.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { valueAt, type Raw } from '../core/raw.js';
import { groovyCommentText } from '../groovy/quote.js';
import { slashesMarker } from '../generated/marker.js';
import { generatedFile, type GeneratedFile, type StrayScope } from '../generated/synth.js';
import { packagePath } from '../paths.js';
import { VERSION } from '../version.js';
import { groovyValue } from './groovy-value.js';
import { renderTemplate } from './render.js';
import { checkHelperLines } from './helper-command.js';
import { INTERNAL_VARS, STEPS, type LibraryStep, type StepArgument } from './steps.js';
import type { Value } from '../flow/types.js';

/** The first line of every generated vars/*.groovy file; throws UnsafeGroovyText when the org file's name cannot be written in a comment. */
export function libraryMarker(org: string | null): string {
  const detail = org ? ` with the org defaults ${org}` : '';
  return slashesMarker({ command: 'lib', detail, instruction: 'change templates/vars/ or the step registry and run "pipewright lib"' });
}

/** The first line of every helper bundle under resources/ (the bundle in dist/helpers has none). */
export function helperMarker(name: string): string {
  return slashesMarker({
    command: 'lib',
    detail: ` from src/helpers/${name}.ts, bundled by esbuild`,
    instruction: 'change src/helpers/ and run "npm run build", then "pipewright lib"',
  });
}

/** Which org default (a path in the org file, pipeline.yaml's shape) becomes which step argument's default. */
export const ORG_DEFAULTS: ReadonlyArray<{ path: string; step: string; argument: string }> = [
  { path: 'image.registry.type', step: 'pwPushImage', argument: 'registry' },
  { path: 'image.registry.url', step: 'pwPushImage', argument: 'registryUrl' },
  { path: 'image.registry.region', step: 'pwPushImage', argument: 'region' },
  { path: 'image.builder', step: 'pwBuildImage', argument: 'builder' },
  { path: 'image.builder', step: 'pwPushImage', argument: 'builder' },
  { path: 'image.builder', step: 'pwScanImage', argument: 'builder' },
  { path: 'security.trivy.failOn', step: 'pwScanImage', argument: 'failOn' },
  { path: 'security.trivy.warnOn', step: 'pwScanImage', argument: 'warnOn' },
  { path: 'security.trivy.ignoreUnfixed', step: 'pwScanImage', argument: 'ignoreUnfixed' },
  { path: 'security.trivy.scanners', step: 'pwScanImage', argument: 'scanners' },
  { path: 'security.trivy.image', step: 'pwScanImage', argument: 'trivyImage' },
  { path: 'gates.coverage.min', step: 'pwCoverageGate', argument: 'min' },
  { path: 'gates.timeouts.healthCheck', step: 'pwHealthCheck', argument: 'timeout' },
  { path: 'gates.timeouts.deploy', step: 'pwArgoSync', argument: 'timeout' },
  { path: 'gitops.repo', step: 'pwBumpManifest', argument: 'repo' },
  { path: 'gitops.repo', step: 'pwRollback', argument: 'repo' },
  { path: 'gitops.branch', step: 'pwBumpManifest', argument: 'branch' },
  { path: 'gitops.branch', step: 'pwRollback', argument: 'branch' },
  { path: 'gitops.method', step: 'pwBumpManifest', argument: 'method' },
  { path: 'gitops.method', step: 'pwRollback', argument: 'method' },
  { path: 'gitops.argocd.server', step: 'pwArgoSync', argument: 'server' },
  { path: 'notifications.slack.channel', step: 'pwNotify', argument: 'slackChannel' },
  { path: 'notifications.email.to', step: 'pwNotify', argument: 'emailTo' },
  { path: 'notifications.email.from', step: 'pwNotify', argument: 'emailFrom' },
];

export interface OrgFlavour {
  /** The org file as given, named in the marker line. */
  name: string;
  /** step name -> argument name -> the org's default. */
  defaults: Map<string, Map<string, Value>>;
}

/** Reads an org defaults file (src/config/org.ts's format, validated by its schema) into step defaults. */
export function readOrgFlavour(file: string): { flavour: OrgFlavour | null; diagnostics: Diagnostic[] } {
  const absolute = resolve(file);
  // The platform engineer names this file: it need not sit in a repository, so it is not confined to one.
  const resolution = applyOrgDefaults({ extends: absolute } as Raw, join(process.cwd(), 'pipeline.yaml'), `extends: ${absolute}\n`, false);
  if (!resolution.org) return { flavour: null, diagnostics: resolution.diagnostics };
  const defaults = new Map<string, Map<string, Value>>();
  for (const { path, step, argument } of ORG_DEFAULTS) {
    const value = valueAt(resolution.org.values, path.split('.'));
    if (value === undefined) continue;
    if (!defaults.has(step)) defaults.set(step, new Map());
    defaults.get(step)!.set(argument, value as Value);
  }
  return { flavour: { name: file, defaults }, diagnostics: [] };
}

/** The default an argument has in this library: the org's when it sets one, else the registry's. */
function defaultOf(step: LibraryStep, a: StepArgument, org: OrgFlavour | null): { value: Value; fromOrg: boolean } | null {
  const fromOrg = org?.defaults.get(step.name)?.get(a.name);
  if (fromOrg !== undefined) return { value: fromOrg, fromOrg: true };
  return a.default === undefined ? null : { value: a.default as Value, fromOrg: false };
}

function render(name: string, context: object): string {
  const text = renderTemplate(name, context);
  // One trailing newline, no trailing blanks: the output is byte-stable.
  return `${text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\n+$/, '')}\n`;
}

/** What a step template sees: the registry entry, with defaults resolved and rendered as Groovy. */
function stepContext(step: LibraryStep, org: OrgFlavour | null): object {
  const args = step.arguments.map((a) => {
    const d = defaultOf(step, a, org);
    return {
      ...a,
      hasDefault: d !== null,
      defaultGroovy: d ? groovyValue(d.value) : null,
      fromOrg: d?.fromOrg ?? false,
      // Comments are one line each: a description never carries a line break into the Groovy source.
      comment: groovyCommentText(a.description.replace(/\s+/g, ' ')),
    };
  });
  return {
    ...step,
    marker: libraryMarker(org?.name ?? null),
    version: VERSION,
    args,
    defaults: args.filter((a) => a.hasDefault),
    required: args.filter((a) => a.required && !a.hasDefault),
    names: groovyValue(step.arguments.map((a) => a.name)),
    // argument -> fact, for pwInternal.environmentFacts: what the step reads from the Jenkinsfile's environment facts.
    factsGroovy: step.facts ? groovyValue(step.facts) : null,
    usesHelpers: step.helpers.length > 0,
    // What pwInternal.inNodeContainer checks at run time: the helper environment's programs the step always needs.
    helperTools: step.binaries.filter((b) => b.where === 'helpers' && !b.when).map((b) => b.name),
    binaryText: step.binaries
      .map(
        (b) =>
          `${b.name} (${b.where === 'helpers' ? 'helper environment' : 'build container'}${b.when ? `, when ${b.when.map((w) => `${w.argument} matches /${w.pattern}/`).join(' and ')}` : ''})`,
      )
      .join(', '),
    borrows: step.agent === 'borrows',
    // The header comment's one line (templates/vars/partials/header.hbs), checked like any other comment.
    summary: groovyCommentText(step.description.replace(/\s+/g, ' ')),
  };
}

/** The names of the helpers dist/helpers holds (every src/helpers/<name>.ts, bundled). */
export function bundledHelpers(): string[] {
  const dir = packagePath('dist', 'helpers');
  if (!existsSync(dir)) throw new Error('dist/helpers is missing; run the build (npm run build)');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cjs'))
    .map((f) => f.slice(0, -'.cjs'.length))
    .sort();
}

/** What templates/vars/pwPolicy sees: the policy's data as Groovy literals (src/groovy/quote.ts through groovyValue). */
function policyContext(policy: Policy | null, org: OrgFlavour | null): object {
  const p = policy;
  const globs = (list: string[]): string => groovyValue(list.map(globSource));
  return {
    marker: libraryMarker(org?.name ?? null),
    version: VERSION,
    policyName: p ? groovyCommentText(p.name) : null,
    environments: globs(p?.production.environments ?? []),
    manifests: globs(p?.production.manifests ?? []),
    argocdApps: globs(p?.production.argocdApps ?? []),
    namespaces: globs(p?.production.namespaces ?? []),
    approvers: groovyValue(p?.production.approvers ?? []),
    identities: groovyValue(Object.fromEntries(Object.entries(p?.production.identities ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)))),
    requiredGates: groovyValue(p?.requiredGates ?? []),
    coverageMin: groovyValue(p?.coverageMin ?? null),
    // Without a policy a scan keeps its own scanners; with one, vuln is always among them (src/config/policy.ts).
    scanners: groovyValue(p?.scanners ?? []),
    failOn: groovyValue(p?.failOn ?? []),
    hosts: groovyValue(Object.fromEntries(Object.entries(p?.hosts ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)))),
  };
}

/** Every file of the library, keyed by its path relative to the library root. */
export function generateLibrary(org: OrgFlavour | null = null, policy: Policy | null = null): Map<string, string> {
  const files = new Map<string, string>();
  const policyVars = policyContext(policy, org);
  for (const step of STEPS) {
    const context = stepContext(step, org);
    const text = render(`vars/${step.name}.groovy`, context);
    checkHelperLines(step, step.name, text);
    files.set(`vars/${step.name}.groovy`, text);
    files.set(`vars/${step.name}.txt`, render('vars/step.txt', context));
  }
  // Internal vars: the Groovy the steps share; no .txt, since a Jenkinsfile never calls them.
  for (const v of INTERNAL_VARS) {
    // pwPolicy reads the compiled policy's data; the others need only the header's facts.
    const context = { ...policyVars, name: v.name, summary: groovyCommentText(v.description.replace(/\s+/g, ' ')) };
    const text = render(`vars/${v.name}.groovy`, context);
    checkHelperLines(null, v.name, text);
    files.set(`vars/${v.name}.groovy`, text);
  }
  const helpers = bundledHelpers();
  for (const step of STEPS) {
    for (const h of step.helpers) if (!helpers.includes(h)) throw new Error(`${step.name} runs the helper "${h}", which dist/helpers does not have`);
  }
  for (const name of helpers) {
    files.set(`resources/pipewright/helpers/${name}.cjs`, `${helperMarker(name)}\n${readFileSync(packagePath('dist', 'helpers', `${name}.cjs`), 'utf8')}`);
  }
  const manifest = {
    library: 'pipewright',
    version: VERSION,
    org: org?.name ?? null,
    policy: policy?.name ?? null,
    steps: STEPS.map((s) => s.name),
    internal: INTERNAL_VARS.map((v) => v.name),
    helpers,
  };
  files.set('resources/pipewright/library.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}

/** The library as generated files under `root`: vars/*.groovy and helper bundles carry the marker, .txt and library.json cannot. */
export function libraryFiles(root: string, files: Map<string, string>): GeneratedFile[] {
  return [...files].map(([path, text]) => generatedFile(join(root, path), path.endsWith('.groovy') || path.endsWith('.cjs') ? 'slashes' : 'none', text));
}

/** The folders the library owns: a file there it does not hold is a stray (a removed step, a hand-added file). */
export function libraryStrayScopes(root: string): StrayScope[] {
  return [
    { dir: join(root, 'vars'), owns: (name) => name.endsWith('.groovy') || name.endsWith('.txt') },
    { dir: join(root, 'resources/pipewright/helpers'), owns: (name) => name.endsWith('.cjs') },
  ];
}
