// The resolved pipeline model: every preset and default applied, so generators and rules never re-check types.

export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'UNKNOWN';
export type Language = 'python' | 'node' | 'go' | 'maven' | 'none';
export type StageId = 'checkout' | 'install' | 'lint' | 'test' | 'quality' | 'image' | 'scan' | 'publish' | 'deploy';
export type NotificationEvent = 'success' | 'failure' | 'security' | 'deployment' | 'approval';
export type RuleSeverity = 'error' | 'warning' | 'off';

/** A shell command as written: one string per `sh` call. */
export type Commands = string[];

export type Agent =
  | { kind: 'label'; label: string }
  | { kind: 'kubernetes'; inheritFrom: string | null; image: string; nodeImage: string; serviceAccount: string | null; namespace: string | null }
  | { kind: 'docker'; image: string; args: string | null; nodeImage: string };

export interface Build {
  language: Language;
  install: Commands;
  lint: Commands;
  test: Commands;
  junit: string | null;
  coverage: string | null;
  coverageFormat: 'cobertura' | 'lcov' | 'jacoco';
}

export interface Registry {
  type: 'ecr' | 'dockerhub' | 'generic';
  url: string;
  credentialsId: string | null;
  /** ECR only: from the field or read from the URL. */
  region: string | null;
}

export interface Image {
  repository: string;
  /** registry url + "/" + repository: what is tagged and pushed. */
  name: string;
  dockerfile: string;
  context: string;
  target: string | null;
  buildArgs: Array<{ name: string; value: string }>;
  builder: 'docker' | 'kaniko';
  registry: Registry;
  tag: string;
  alsoTag: string[];
}

export interface TrivyIgnore {
  id: string;
  until: string;
  reason: string;
}

export interface Security {
  trivy: {
    enabled: boolean;
    failOn: Severity[];
    warnOn: Severity[];
    ignoreUnfixed: boolean;
    scanners: Array<'vuln' | 'secret' | 'misconfig'>;
    ignore: TrivyIgnore[];
    image: string;
  };
}

export interface Gates {
  coverage: { enabled: boolean; min: number };
  sonarqube: { server: string; projectKey: string; command: Commands; abortPipeline: boolean } | null;
  timeouts: { build: string; deploy: string; healthCheck: string };
}

export interface GitOps {
  repo: string;
  branch: string;
  credentialsId: string;
  method: 'push' | 'github-api' | 'pull-request';
  argocd: { server: string; credentialsId: string } | null;
}

export interface Approval {
  submitters: string[];
  timeout: string;
  message: string;
  requireReview: boolean;
  fourEyes: boolean;
}

export interface Environment {
  name: string;
  branch: string;
  /** Deploys without asking; false means an approval precedes the deploy. */
  autoDeploy: boolean;
  after: string | null;
  production: boolean;
  /** Present when the deploy waits for a person: configured, or implied by autoDeploy: false. */
  approval: Approval | null;
  sync: 'manual' | 'auto' | 'jenkins';
  strategy: 'rolling' | 'blue-green';
  replicas: number | null;
  resources: 'minimal' | 'medium' | 'full' | null;
  /** What bump-image does when the manifest disagrees with the deployment table. */
  onMismatch: 'warn' | 'fail';
  /** none: the environment deploys nothing (said explicitly; no manifest, sync, health check or announcement). */
  deploy: 'gitops' | 'none';
  manifest: string | null;
  format: 'auto' | 'kustomize' | 'helm' | 'plain';
  container: string | null;
  helmKeyPath: string | null;
  argocdApp: string | null;
  namespace: string | null;
  healthCheck: { url: string; expectBody: string | null; timeout: string; metrics: MetricsCheck | null } | null;
  database: Database | null;
}

export interface MetricsCheck {
  prometheus: string;
  window: string;
  checks: Array<{ name: string; preset: string | null; query: string | null; max: number | null; min: number | null }>;
}

export interface Database {
  type: 'postgres';
  host: string;
  port: number;
  name: string;
  credentialsId: string;
  backupDir: string;
  retention: number;
  backup: boolean;
  /** libpq sslmode: require (the default) or stronger, or an explicit cleartext opt-out. */
  sslmode: 'require' | 'verify-ca' | 'verify-full' | 'prefer' | 'allow' | 'disable';
}

export interface Notifications {
  slack: { credentialsId: string; channel: string | null } | null;
  email: { to: string[]; from: string | null } | null;
  routes: Record<NotificationEvent, string[]>;
  failBuild: boolean;
}

export interface CustomStage {
  name: string;
  position: 'before' | 'after';
  stage: StageId;
  branch: string | null;
  run: Commands;
}

export interface Model {
  /** The config file's path as given on the command line. */
  file: string;
  version: 1;
  extends: string | null;
  app: string;
  agent: Agent;
  build: Build;
  image: Image | null;
  security: Security;
  gates: Gates;
  gitops: GitOps | null;
  /** In file order. */
  environments: Environment[];
  rollback: { automatic: boolean; manual: boolean };
  notifications: Notifications;
  custom: CustomStage[];
  triggers: { githubPush: boolean; cron: string | null };
  jenkins: { library: string; keepBuilds: number };
  /** Jenkins user ID -> the git author e-mails of the same person. */
  identities: Record<string, string[]>;
  lint: { rules: Record<string, RuleSeverity> };
}
