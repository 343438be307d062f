// The internal vars: Groovy the steps share (vars/pwInternal.groovy, vars/pwPolicy.groovy), which no Jenkinsfile calls.

/**
 * A vars/ script the steps share and a Jenkinsfile never calls (`pwInternal.helperOutcome(…)` from a step): it is a
 * global var, so Jenkins instantiates it like a step, but it has no `call`, no arguments and no `.txt`, and the
 * registry check refuses a Jenkinsfile that names it. It is a var, not a class under `src/`: that folder holds our
 * TypeScript, and Jenkins puts a library's `src/` on its Groovy classpath.
 */
export interface InternalVar {
  name: string;
  description: string;
  /** The functions it defines (the steps call nothing else on it). */
  functions: string[];
}

export const INTERNAL_VARS: InternalVar[] = [
  {
    name: 'pwInternal',
    description:
      "The Groovy every step shares: running a helper in the helper environment with the step's credentials bound and reading its outcome, borrowing an agent, the image tag and the build's stashed facts.",
    functions: [
      'missingTools',
      'requireTools',
      'inNodeContainer',
      'helperOutcome',
      'keepSummary',
      'onAgent',
      'resolveTag',
      'deployTag',
      'restartedBuild',
      'restoreBuildFacts',
      'forgetEarlierBuild',
      'requireApprovalOnRestart',
      'environmentFacts',
      'withBindings',
      'credentialBindings',
      'matchesAll',
    ],
  },
  {
    name: 'pwPolicy',
    description:
      "The organisation's policy, compiled in by lib --policy: what a production deploy needs in this build, the scanners and coverage a gate keeps, and the hosts a credential may go to.",
    functions: [
      'productionReason',
      'requireApproval',
      'requireApprovalOnly',
      'recordApproval',
      'approverOf',
      'approvalRefusal',
      'jenkinsApprovers',
      'userGroups',
      'recordGate',
      'scanArguments',
      'missing',
      'coverageMinimum',
      'allowedHosts',
      'recorded',
      'record',
    ],
  },
];

export const INTERNAL_VAR_BY_NAME: ReadonlyMap<string, InternalVar> = new Map(INTERNAL_VARS.map((v) => [v.name, v]));
