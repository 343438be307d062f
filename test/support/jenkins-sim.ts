// Runs Jenkinsfiles through the Groovy 2.4 pipeline simulator (test/support/jenkins-sim/Sim.groovy), many scenarios per JVM.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli.js';
import { javaHome } from './groovy.js';
import { STEPS } from '../../src/gen/steps.js';

/** The programs each bundled helper spawns besides node, from the step registry: the simulator requires them where the helper runs. */
function helperTools(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const step of STEPS) {
    const tools = step.binaries.filter((b) => b.where === 'helpers' && !b.when && b.name !== 'node').map((b) => b.name);
    for (const h of step.helpers) out[h] = [...new Set([...(out[h] ?? []), ...tools])];
  }
  return out;
}

export interface Scenario {
  name: string;
  jenkinsfile: string;
  branch: string;
  params?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Make a step fail: by name, optionally only in one stage, or only when its arguments (as JSON) match a regex. */
  fail?: Array<{ step: string; stage?: string; match?: string; message?: string; stall?: boolean }>;
  /** Stage-level input answers by stage name: the approver's user ID, 'abort' (rejected) or 'timeout' (nobody answers). */
  inputs?: Record<string, string>;
  /** Jenkins users: their groups, and whether they administer Jenkins (input admits both, as InputStepExecution.canSettle does). */
  users?: Record<string, { groups?: string[]; admin?: boolean }>;
  /** Restart from Stage: the top-level stages before this one are skipped. */
  restartFrom?: string;
  /** Stashes the restarted build finds (preserveStashes): name -> files. */
  stashes?: Record<string, Record<string, string>>;
  /** What the original build's steps set in env: Restart from Stage copies it into the restarted build (EnvActionImpl.Copier). */
  originalEnv?: Record<string, string>;
  /**
   * Stubbed `sh` results: first script matching the regex wins (also with execSh, where unmatched scripts run). A stub
   * with stage applies only in that stage, one with beforeMs only until that much virtual time has passed in the run;
   * takesMs, or the duration held by the variable takesEnv ('1m', '500ms'), is how long the command runs on the virtual clock.
   */
  sh?: Array<{ match: string; status?: number; stdout?: string; stage?: string; beforeMs?: number; takesMs?: number; takesEnv?: string }>;
  /** Run `sh` bodies for real with /bin/sh in this workspace. */
  execSh?: boolean;
  workspace?: string;
  credentials?: Record<string, string | Record<string, string>>;
  files?: Record<string, string>;
  startedBy?: string;
  previousResult?: string;
  qualityGate?: string;
  /** Tools of images outside the simulator's table (which holds the images the project names); an unknown image has only a shell. */
  images?: Record<string, string[]>;
  /** The tools a label agent's host has (default: all the simulator tracks). */
  hostTools?: string[];
  /** The author e-mail of the checked-out commit (git log -1 --format=%ae); '' for a commit without one. Default author@example.com. */
  commitAuthor?: string;
}

export interface SimCall {
  step: string;
  stage: string | null;
  args: unknown[] | Record<string, unknown>;
  depth: number;
  library?: boolean;
  failed?: boolean;
  script?: string;
  env?: string[];
  bound?: string[];
  status?: number;
  stdout?: string;
  stderr?: string;
  stageInput?: boolean;
  /** Lockable resources held when the call was made. */
  locks?: string[];
  stalled?: boolean;
  /** When the call was made: virtual milliseconds since the run started (only sleep, timeouts and slow stubs move the clock). */
  at: number;
  /** sleep: how long it waited, in milliseconds. */
  sleptMs?: number;
}

export interface SimStage {
  name: string;
  parent: string | null;
  status: 'success' | 'failed' | 'skipped' | 'skipped-after-failure' | 'skipped-for-restart' | 'aborted' | 'unstable' | 'running';
  error?: string;
  post?: string[];
  /** The options the stage entered (lock, timeout…): absent when its when skipped it before them (beforeOptions). */
  options?: string[];
}

export interface SimOutcome {
  name: string;
  result: 'SUCCESS' | 'FAILURE' | 'UNSTABLE' | 'ABORTED';
  stages: SimStage[];
  calls: SimCall[];
  postRan: string[];
  errors: string[];
  params: Record<string, unknown>;
  options: unknown;
  parameters: unknown;
  triggers: unknown;
  agent: unknown;
  /** Calls that found a program missing where they ran. */
  missingTools: Array<{ stage: string | null; tool: string; where: string }>;
  /** Instances of each vars/ file the run created: one per calling script (the Jenkinsfile, or the step that uses pwInternal). */
  varsInstances: Record<string, number>;
  /** The build's environment when the run ended: what steps assigned to env (env.PW_IMAGE_DIGEST = …). */
  env: Record<string, string | null>;
}

export const SIM_SCRIPT = join(ROOT, 'test', 'support', 'jenkins-sim', 'Sim.groovy');

/** The image tarball's checksum and the digest crane reports, in runs that do not execute sh (see IMAGE_TOOL_STUBS). */
export const SIM_TARBALL_SHA256 = 'a'.repeat(64);
export const SIM_PUSHED_DIGEST = `sha256:${'b'.repeat(64)}`;
/**
 * What the image tools print, for runs whose sh bodies are not executed: pwScanImage's checksum of the tarball and
 * pwPushImage's crane push. After the scenario's own stubs, so a scenario can say otherwise; a container without the
 * tool still fails, since the simulator checks the tools before it looks at stubs.
 */
export const IMAGE_TOOL_STUBS = [
  { match: '^sha256sum "\\$PW_TARBALL"$', stdout: `${SIM_TARBALL_SHA256}  .pipewright/image.tar\n` },
  { match: 'crane push', stdout: `${SIM_PUSHED_DIGEST}\n` },
];

/** Runs the scenarios in one JVM. Fails loudly when groovy is missing: this tier is never skipped. */
export function simulate(scenarios: Scenario[], options: { varsDir?: string; resourcesDir?: string; timeoutMs?: number } = {}): SimOutcome[] {
  const dir = mkdtempSync(join(tmpdir(), 'pw-sim-'));
  try {
    const requestFile = join(dir, 'request.json');
    const resultFile = join(dir, 'result.json');
    writeFileSync(
      requestFile,
      JSON.stringify({
        varsDir: options.varsDir ?? join(ROOT, 'vars'),
        resourcesDir: options.resourcesDir ?? join(ROOT, 'resources'),
        scenarios: scenarios.map((s) => ({ helperTools: helperTools(), ...s, sh: s.execSh ? s.sh : [...(s.sh ?? []), ...IMAGE_TOOL_STUBS] })),
      }),
    );
    // stubs/ holds the Jenkins core classes a library step may use (hudson.model.User), compiled from source by groovy.
    const r = spawnSync('groovy', ['-cp', join(ROOT, 'test', 'support', 'jenkins-sim', 'stubs'), SIM_SCRIPT, requestFile, resultFile], {
      encoding: 'utf8',
      env: { ...process.env, JAVA_HOME: javaHome() },
      timeout: options.timeoutMs ?? 300_000,
      killSignal: 'SIGKILL',
    });
    if (r.error) throw new Error(`groovy could not run (${r.error.message}); install it: apt-get install groovy`);
    if (r.status !== 0) throw new Error(`the simulator failed (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
    return JSON.parse(readFileSync(resultFile, 'utf8')) as SimOutcome[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The names of stages that ran (not skipped), in order. */
export const ranStages = (o: SimOutcome): string[] => o.stages.filter((s) => !s.status.startsWith('skipped')).map((s) => s.name);

/** The top-level calls (by step name) made in a stage, library steps included. */
export const stepsIn = (o: SimOutcome, stage: string): string[] => o.calls.filter((c) => c.stage === stage).map((c) => c.step);
