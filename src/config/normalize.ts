// Normalisation: a schema-valid pipeline.yaml object becomes the fully resolved Model (presets and defaults applied).
import type {
  Agent,
  Approval,
  Build,
  Commands,
  CustomStage,
  Environment,
  Gates,
  GitOps,
  Image,
  Model,
  Notifications,
  NotificationEvent,
  Registry,
  Security,
  Severity,
} from './model.js';
import { PRESETS } from './presets.js';
import { VERSION } from '../version.js';

/** The validated YAML object: its shape is guaranteed by the schema, so fields are read without re-checking. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = Record<string, any>;

export const DEFAULT_TAG = '{build}-{shortCommit}';
/** The helper environment's default image: node, git and ssh (nodejs/docker-node 20/bookworm/Dockerfile is FROM buildpack-deps:bookworm, whose scm layer installs git and openssh-client). */
export const DEFAULT_HELPER_IMAGE = 'node:20-bookworm';
export const PRODUCTION_NAMES = new Set(['prod', 'production']);

const commands = (value: string | string[] | undefined, fallback: Commands): Commands =>
  value === undefined ? [...fallback] : Array.isArray(value) ? [...value] : [value];

function normalizeAgent(raw: Raw | undefined, buildImage: string): Agent {
  if (raw?.kubernetes) {
    const k = raw.kubernetes as Raw;
    return {
      kind: 'kubernetes',
      inheritFrom: k.inheritFrom ?? null,
      image: k.image ?? buildImage,
      nodeImage: k.nodeImage ?? DEFAULT_HELPER_IMAGE,
      serviceAccount: k.serviceAccount ?? null,
      namespace: k.namespace ?? null,
    };
  }
  if (raw?.docker) return { kind: 'docker', image: raw.docker.image, args: raw.docker.args ?? null, nodeImage: raw.docker.nodeImage ?? DEFAULT_HELPER_IMAGE };
  return { kind: 'label', label: raw?.label ?? 'linux' };
}

function normalizeBuild(raw: Raw = {}): Build {
  const language = raw.language ?? 'none';
  const preset = PRESETS[language as Build['language']];
  return {
    language,
    install: commands(raw.install, preset.install),
    lint: commands(raw.lint, preset.lint),
    test: commands(raw.test, preset.test),
    junit: raw.reports?.junit ?? preset.junit,
    coverage: raw.reports?.coverage ?? preset.coverage,
    coverageFormat: raw.reports?.coverageFormat ?? preset.coverageFormat,
  };
}

function normalizeRegistry(raw: Raw): Registry {
  const type = raw.type as Registry['type'];
  const url = raw.url ?? (type === 'dockerhub' ? 'docker.io' : '');
  const region = type === 'ecr' ? (raw.region ?? /\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com/.exec(url)?.[1] ?? null) : null;
  return { type, url, credentialsId: raw.credentialsId ?? null, region };
}

function normalizeImage(raw: Raw | undefined, app: string, agent: Agent): Image | null {
  if (!raw) return null;
  const registry = normalizeRegistry(raw.registry);
  const repository = raw.repository ?? app;
  return {
    repository,
    name: registry.url ? `${registry.url}/${repository}` : repository,
    dockerfile: raw.dockerfile ?? 'Dockerfile',
    context: raw.context ?? '.',
    target: raw.target ?? null,
    buildArgs: Object.entries((raw.buildArgs ?? {}) as Record<string, string>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => ({ name, value })),
    builder: raw.builder ?? (agent.kind === 'kubernetes' ? 'kaniko' : 'docker'),
    registry,
    tag: raw.tag ?? DEFAULT_TAG,
    alsoTag: [...(raw.alsoTag ?? [])],
  };
}

function normalizeSecurity(raw: Raw = {}): Security {
  const t = (raw.trivy ?? {}) as Raw;
  return {
    trivy: {
      enabled: t.enabled ?? true,
      failOn: [...((t.failOn ?? ['CRITICAL', 'HIGH']) as Severity[])],
      warnOn: [...((t.warnOn ?? ['MEDIUM', 'LOW']) as Severity[])],
      ignoreUnfixed: t.ignoreUnfixed ?? false,
      scanners: [...(t.scanners ?? ['vuln', 'secret'])],
      ignore: ((t.ignore ?? []) as Raw[]).map((i) => ({ id: i.id, until: i.until, reason: i.reason })),
      image: t.image ?? 'aquasec/trivy:0.58.1',
    },
  };
}

function normalizeGates(raw: Raw = {}, app: string, language: Build['language']): Gates {
  const s = raw.sonarqube as Raw | undefined;
  return {
    coverage: { enabled: raw.coverage?.enabled ?? true, min: raw.coverage?.min ?? 80 },
    sonarqube: s
      ? {
          server: s.server,
          projectKey: s.projectKey ?? app,
          // The project key reaches the scanner as a property it reads (PW_SONAR_PROJECT_KEY is set by withEnv around the command).
          command: commands(
            s.command,
            language === 'maven'
              ? ['mvn -B sonar:sonar -Dsonar.projectKey="$PW_SONAR_PROJECT_KEY"']
              : ['sonar-scanner -Dsonar.projectKey="$PW_SONAR_PROJECT_KEY"'],
          ),
          abortPipeline: s.abortPipeline ?? true,
        }
      : null,
    timeouts: {
      build: raw.timeouts?.build ?? '10m',
      deploy: raw.timeouts?.deploy ?? '5m',
      healthCheck: raw.timeouts?.healthCheck ?? '30s',
    },
  };
}

function normalizeGitOps(raw: Raw | undefined): GitOps | null {
  if (!raw) return null;
  return {
    repo: raw.repo,
    branch: raw.branch ?? 'main',
    credentialsId: raw.credentialsId,
    method: raw.method ?? 'push',
    argocd: raw.argocd ? { server: raw.argocd.server, credentialsId: raw.argocd.credentialsId } : null,
  };
}

function normalizeApproval(raw: Raw | undefined, name: string): Approval {
  return {
    submitters: [...(raw?.submitters ?? [])],
    timeout: raw?.timeout ?? '24h',
    message: raw?.message ?? `Deploy to ${name}?`,
    requireReview: raw?.requireReview ?? false,
    fourEyes: raw?.fourEyes ?? true,
  };
}

function normalizeEnvironment(name: string, raw: Raw, gates: Gates): Environment {
  const production = raw.production ?? PRODUCTION_NAMES.has(name);
  // An environment asks before deploying when it has an approval block or opts out of auto-deploy.
  const autoDeploy = raw.autoDeploy ?? raw.approval === undefined;
  const approval = raw.approval !== undefined || !autoDeploy ? normalizeApproval(raw.approval, name) : null;
  return {
    name,
    branch: raw.branch,
    autoDeploy,
    after: raw.after ?? null,
    production,
    approval,
    sync: raw.sync ?? 'auto',
    strategy: raw.strategy ?? 'rolling',
    replicas: raw.replicas ?? null,
    resources: raw.resources ?? null,
    onMismatch: raw.onMismatch ?? 'warn',
    deploy: raw.deploy ?? 'gitops',
    manifest: raw.manifest ?? null,
    format: raw.format ?? 'auto',
    container: raw.container ?? null,
    helmKeyPath: raw.helmKeyPath ?? null,
    argocdApp: raw.argocdApp ?? null,
    namespace: raw.namespace ?? null,
    healthCheck: raw.healthCheck
      ? {
          url: raw.healthCheck.url,
          expectBody: raw.healthCheck.expectBody ?? null,
          timeout: raw.healthCheck.timeout ?? gates.timeouts.healthCheck,
          metrics: raw.healthCheck.metrics
            ? {
                prometheus: raw.healthCheck.metrics.prometheus,
                window: raw.healthCheck.metrics.window ?? '5m',
                checks: ((raw.healthCheck.metrics.checks ?? []) as Raw[]).map((c) => ({
                  name: c.name,
                  preset: c.preset ?? null,
                  query: c.query ?? null,
                  max: c.max ?? null,
                  min: c.min ?? null,
                })),
              }
            : null,
        }
      : null,
    database: raw.database
      ? {
          type: 'postgres',
          host: raw.database.host,
          port: raw.database.port ?? 5432,
          name: raw.database.name,
          credentialsId: raw.database.credentialsId,
          backupDir: raw.database.backupDir,
          retention: raw.database.retention ?? 7,
          backup: raw.database.backup ?? true,
          sslmode: raw.database.sslmode ?? 'require',
        }
      : null,
  };
}

const EVENTS: NotificationEvent[] = ['success', 'failure', 'security', 'deployment', 'approval'];

function normalizeNotifications(raw: Raw = {}): Notifications {
  const slack = raw.slack ? { credentialsId: raw.slack.credentialsId, channel: raw.slack.channel ?? null } : null;
  const email = raw.email ? { to: [...raw.email.to], from: raw.email.from ?? null } : null;
  // Without routes, failures and security findings go everywhere configured, the rest to Slack (the seed's notification flow).
  const everywhere = [...(slack ? ['slack'] : []), ...(email ? ['email'] : [])];
  const slackOnly = slack ? ['slack'] : everywhere.slice(0, 1);
  const defaults: Record<NotificationEvent, string[]> = {
    success: slackOnly,
    failure: everywhere,
    security: everywhere,
    deployment: slackOnly,
    approval: slackOnly,
  };
  const routes = Object.fromEntries(EVENTS.map((e) => [e, [...((raw.routes?.[e] as string[] | undefined) ?? defaults[e])]])) as Record<
    NotificationEvent,
    string[]
  >;
  return { slack, email, routes, failBuild: raw.failBuild ?? false };
}

function normalizeCustom(raw: Raw[] = []): CustomStage[] {
  return raw.map((c) => ({
    name: c.name,
    position: c.before !== undefined ? 'before' : 'after',
    stage: c.before ?? c.after,
    branch: c.branch ?? null,
    run: commands(c.run, []),
  }));
}

/** Turns a schema-valid config object into the Model. `file` is the path it was read from. */
export function normalize(raw: Raw, file: string): Model {
  const build = normalizeBuild(raw.build);
  const agent = normalizeAgent(raw.agent, PRESETS[build.language].image);
  const gates = normalizeGates(raw.gates, raw.app, build.language);
  return {
    file,
    version: 1,
    extends: raw.extends ?? null,
    app: raw.app,
    agent,
    build,
    image: normalizeImage(raw.image, raw.app, agent),
    security: normalizeSecurity(raw.security),
    gates,
    gitops: normalizeGitOps(raw.gitops),
    environments: Object.entries((raw.environments ?? {}) as Record<string, Raw>).map(([name, env]) => normalizeEnvironment(name, env, gates)),
    rollback: { automatic: raw.rollback?.automatic ?? true, manual: raw.rollback?.manual ?? true },
    notifications: normalizeNotifications(raw.notifications),
    custom: normalizeCustom(raw.custom),
    triggers: { githubPush: raw.triggers?.githubPush ?? true, cron: raw.triggers?.cron ?? null },
    jenkins: { library: raw.jenkins?.library ?? `pipewright@${VERSION}`, keepBuilds: raw.jenkins?.keepBuilds ?? 30 },
    identities: Object.fromEntries(Object.entries((raw.identities ?? {}) as Record<string, string[]>).map(([id, emails]) => [id, [...emails]])),
    lint: { rules: { ...(raw.lint?.rules ?? {}) } },
  };
}
