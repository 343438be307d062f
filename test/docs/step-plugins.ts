// The checked-in table: every Jenkins step, directive and symbol a generated Jenkinsfile or vars/ file calls -> the plugin (short name) that provides it ('core': Jenkins core).
export const STEP_PLUGINS: Readonly<Record<string, string>> = {
  // Declarative (pipeline-model-definition): the pipeline block and its directives.
  pipeline: 'pipeline-model-definition', agent: 'pipeline-model-definition', label: 'pipeline-model-definition', options: 'pipeline-model-definition',
  stages: 'pipeline-model-definition', stage: 'pipeline-model-definition', steps: 'pipeline-model-definition', when: 'pipeline-model-definition',
  beforeAgent: 'pipeline-model-definition', beforeInput: 'pipeline-model-definition', beforeOptions: 'pipeline-model-definition', allOf: 'pipeline-model-definition', anyOf: 'pipeline-model-definition',
  branch: 'pipeline-model-definition', expression: 'pipeline-model-definition', environment: 'pipeline-model-definition', post: 'pipeline-model-definition',
  always: 'pipeline-model-definition', success: 'pipeline-model-definition', failure: 'pipeline-model-definition', unstable: 'pipeline-model-definition',
  aborted: 'pipeline-model-definition', unsuccessful: 'pipeline-model-definition', cleanup: 'pipeline-model-definition', changed: 'pipeline-model-definition',
  parameters: 'pipeline-model-definition', triggers: 'pipeline-model-definition', skipDefaultCheckout: 'pipeline-model-definition', script: 'pipeline-model-definition',
  // The stage-level input directive and the input step (pipeline-input-step).
  input: 'pipeline-input-step', message: 'pipeline-input-step', ok: 'pipeline-input-step', submitter: 'pipeline-input-step', submitterParameter: 'pipeline-input-step',
  // Jenkins core: job properties, triggers and parameters the Declarative directives take.
  buildDiscarder: 'core', logRotator: 'core', cron: 'core', choice: 'core', booleanParam: 'core',
  // The library and its resources (pipeline-groovy-lib).
  Library: 'pipeline-groovy-lib', libraryResource: 'pipeline-groovy-lib',
  // workflow-basic-steps (archiveArtifacts and other core publishers run through its CoreStep).
  echo: 'workflow-basic-steps', error: 'workflow-basic-steps', timeout: 'workflow-basic-steps', withEnv: 'workflow-basic-steps',
  writeFile: 'workflow-basic-steps', readFile: 'workflow-basic-steps', fileExists: 'workflow-basic-steps', sleep: 'workflow-basic-steps', retry: 'workflow-basic-steps',
  catchError: 'workflow-basic-steps', isUnix: 'workflow-basic-steps', pwd: 'workflow-basic-steps', dir: 'workflow-durable-task-step', mail: 'workflow-basic-steps',
  archiveArtifacts: 'workflow-basic-steps', deleteDir: 'workflow-basic-steps',
  // workflow-durable-task-step: sh and node.
  sh: 'workflow-durable-task-step', node: 'workflow-durable-task-step',
  // workflow-scm-step: checkout; the job's own properties step (workflow-multibranch) and disableConcurrentBuilds (workflow-job).
  checkout: 'workflow-scm-step', properties: 'workflow-multibranch', disableConcurrentBuilds: 'workflow-job',
  // Credentials Binding: withCredentials and its bindings (sshUserPrivateKey's credential type comes from ssh-credentials, a dependency).
  withCredentials: 'credentials-binding', usernamePassword: 'credentials-binding', string: 'credentials-binding', sshUserPrivateKey: 'credentials-binding',
  // Pipeline Utility Steps.
  readJSON: 'pipeline-utility-steps', writeJSON: 'pipeline-utility-steps', findFiles: 'pipeline-utility-steps',
  // Kubernetes: the agent block's keys, podTemplate and container.
  kubernetes: 'kubernetes', inheritFrom: 'kubernetes', namespace: 'kubernetes', defaultContainer: 'kubernetes', yaml: 'kubernetes',
  yamlMergeStrategy: 'kubernetes', merge: 'kubernetes', podTemplate: 'kubernetes', container: 'kubernetes',
  // Docker Pipeline: the docker agent and docker.image(…).inside.
  docker: 'docker-workflow', image: 'docker-workflow', args: 'docker-workflow', 'docker.image': 'docker-workflow',
  // The rest, one plugin each.
  timestamps: 'timestamper', githubPush: 'github', junit: 'junit', recordCoverage: 'coverage', emailext: 'email-ext',
  withSonarQubeEnv: 'sonar', waitForQualityGate: 'sonar',
  // Concurrency: a lock per environment (Lockable Resources) and milestones so an older build never deploys after a newer one.
  lock: 'lockable-resources', milestone: 'pipeline-milestone-step',
  // Restart from Stage: the build facts travel in a stash (workflow-basic-steps' StashStep), kept by Declarative's preserveStashes.
  stash: 'workflow-basic-steps', unstash: 'workflow-basic-steps', preserveStashes: 'pipeline-model-definition', not: 'pipeline-model-definition',
};

/** `unstable` is both a post condition (Declarative) and a step (workflow-basic-steps): both plugins are always installed. */
export const ALSO_NEEDS: Readonly<Record<string, string[]>> = { unstable: ['workflow-basic-steps'], mail: ['mailer'], sshUserPrivateKey: ['ssh-credentials'], emailext: ['mailer'] };
