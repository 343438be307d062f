// The step registry's build steps: checkout, preflight, the gates on tests and coverage, and the image's build, scan and push.
import { coverageFlag, trivyFlag, testSummaryFlag } from './helper-flags.js';
import { arg, required, helperTool, NODE, UTILITY_STEPS, environment, image, tag } from './step-arguments.js';
import type { LibraryStep } from './step-types.js';
import * as creds from './step-credentials.js';

/** The image and how it is built, the same for the three image steps: written once in the Jenkinsfile's shared facts. */
const IMAGE_FACTS = { image: 'image', builder: 'builder' };

export const BUILD_STEPS: LibraryStep[] = [
  {
    name: 'pwBuildImage',
    description:
      "Builds the image once from a (multi-stage) Dockerfile into the tarball .pipewright/image.tar that pwScanImage scans and pwPushImage pushes: with kaniko (in the pod's kaniko container, --no-push --tar-path) or with docker (docker build, then docker save). The builder reads a copy of the context without .pipewright/, so pipewright's own files never reach the image. Nothing is pushed.",
    helpers: [],
    binaries: [{ name: 'docker', where: 'build', when: [{ argument: 'builder', pattern: '^docker$' }] }],
    plugins: ['kubernetes', UTILITY_STEPS],
    agent: 'held',
    facts: IMAGE_FACTS,
    credentials: [],
    arguments: [
      image(null),
      tag(null),
      arg('alsoTag', 'list<string>', 'Extra tags (same scheme).', null, { default: [] }),
      arg('dockerfile', 'string', 'The Dockerfile.', null, { default: 'Dockerfile' }),
      arg('context', 'string', 'The build context folder.', null, { default: '.' }),
      arg('target', 'string', 'The multi-stage build target.', null),
      arg('buildArgs', 'map<string,string>', 'Build arguments (never secrets).', null, { default: {} }),
      arg('builder', 'string', 'docker or kaniko.', null, { default: 'docker' }),
    ],
    example: "pwBuildImage(image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api', target: 'runtime')",
  },
  {
    name: 'pwCheckout',
    description:
      "Checks out the commit being built and exports GIT_COMMIT, GIT_URL, PW_SHORT_COMMIT and PW_COMMIT_AUTHOR_EMAIL to later stages (other agents included). Ends the build as NOT_BUILT when the commit is pipewright's own manifest commit (trailer Pipewright-Action): the loop guard for a repository that is its own GitOps repository.",
    helpers: [],
    binaries: [helperTool('git')],
    plugins: ['git'],
    agent: 'held',
    credentials: [],
    arguments: [],
    example: 'pwCheckout()',
  },
  {
    name: 'pwCoverageGate',
    description: 'Publishes the coverage report (Coverage plugin) and fails the build when line coverage is not above the minimum.',
    helpers: ['gate-coverage'],
    binaries: [NODE],
    plugins: ['coverage', UTILITY_STEPS],
    agent: 'held',
    credentials: [],
    arguments: [
      arg('report', 'string', 'The coverage report.', coverageFlag('file'), required),
      arg('format', 'string', 'cobertura, lcov or jacoco.', coverageFlag('format'), { default: 'cobertura' }),
      arg('min', 'number', 'Line coverage must be above this percentage.', coverageFlag('min'), { default: 80 }),
    ],
    example: "pwCoverageGate(report: 'reports/coverage.xml', min: 80)",
  },
  {
    name: 'pwPreflight',
    description:
      "Runs before any side effect (first in the build and in each deploy stage): checks that each container, or the agent itself, has the programs the stage's steps run (the registry's binaries), and fails in seconds with one message naming the container, the missing programs and the pipeline.yaml field that chooses the image.",
    helpers: [],
    binaries: [],
    plugins: [],
    agent: 'held',
    credentials: [],
    arguments: [
      arg(
        'checks',
        'list<map>',
        "[[container: 'node' (on Kubernetes; empty: where the stage runs), image: 'node:20-bookworm', tools: ['node', 'git'], field: 'agent.kubernetes.nodeImage']]: the field the message tells the user to change.",
        null,
        required,
      ),
    ],
    example: "pwPreflight(checks: [[container: 'node', image: 'node:20-bookworm', tools: ['node', 'git'], field: 'agent.kubernetes.nodeImage']])",
  },
  {
    name: 'pwPushImage',
    description:
      "Pushes the tarball pwBuildImage wrote and pwScanImage scanned (refusing one whose checksum changed since the scan) with crane, in the helper environment: nothing is rebuilt. The extra tags name the pushed digest; the tag, digest and commit are stashed as the build facts a restarted deploy stage reads. ECR signs in through docker-credential-ecr-login (the AWS keys bound around the call, or the agent's role), Docker Hub and generic registries with username and password.",
    helpers: [],
    binaries: [helperTool('crane'), helperTool('docker-credential-ecr-login', { argument: 'registry', pattern: '^ecr$' })],
    plugins: ['credentials-binding', UTILITY_STEPS],
    agent: 'held',
    facts: IMAGE_FACTS,
    credentials: creds.REGISTRY_CREDENTIALS,
    arguments: [
      image(null),
      tag(null),
      arg('alsoTag', 'list<string>', 'Extra tags (same scheme).', null, { default: [] }),
      arg('registry', 'string', 'ecr, dockerhub or generic.', null, required),
      arg('registryUrl', 'string', 'The registry host (docker.io for Docker Hub).', null, required),
      arg('region', 'string', 'The AWS region (ECR).', null),
      arg('builder', 'string', 'docker or kaniko: how the image was built (either way pwBuildImage left a tarball).', null, { default: 'docker' }),
      creds.REGISTRY_CREDENTIALS_ID,
    ],
    example: "pwPushImage(image: 'docker.io/acme/orders-api', registry: 'dockerhub', registryUrl: 'docker.io')",
  },
  {
    name: 'pwScanImage',
    description:
      "Scans the image tarball pwBuildImage wrote with Trivy (trivy image --input, its settings pinned so a trivy.yaml, .trivyignore or trivy-secret.yaml in the repository changes nothing), records the tarball's checksum for pwPushImage, and applies the policy: a finding at a failOn severity fails the build, one at a warnOn severity marks it unstable with a warning; only pipeline.yaml's ignore entries are accepted, and expired ones stop ignoring.",
    helpers: ['gate-trivy'],
    binaries: [NODE, { name: 'trivy', where: 'build', when: [{ argument: 'builder', pattern: '^docker$' }] }],
    plugins: ['kubernetes', UTILITY_STEPS],
    agent: 'held',
    facts: IMAGE_FACTS,
    credentials: [],
    arguments: [
      image(null),
      tag(null),
      arg('builder', 'string', "docker or kaniko: where Trivy runs (kaniko: the pod's trivy container; docker: the build container).", null, {
        default: 'docker',
      }),
      arg('failOn', 'list<string>', 'Severities that fail the build.', trivyFlag('fail-on'), { default: ['CRITICAL', 'HIGH'] }),
      arg('warnOn', 'list<string>', 'Severities that mark the build unstable.', trivyFlag('warn-on'), { default: ['MEDIUM', 'LOW'] }),
      arg('ignoreUnfixed', 'boolean', 'Skip vulnerabilities with no fixed version.', trivyFlag('ignore-unfixed'), { default: false }),
      arg('scanners', 'list<string>', 'vuln, secret, misconfig.', null, { default: ['vuln', 'secret'] }),
      arg(
        'ignore',
        'list<map>',
        "Accepted findings: [[id: 'CVE-…', until: 'YYYY-MM-DD', reason: '…']]; the step writes them to a JSON file.",
        trivyFlag('ignore-file'),
        { default: [] },
      ),
      arg('trivyImage', 'string', 'The Trivy image (Kubernetes agents run it as a container).', null, { default: 'aquasec/trivy:0.58.1' }),
      arg('report', 'string', 'Where the JSON report is written.', trivyFlag('file'), { default: 'reports/trivy.json' }),
    ],
    example: "pwScanImage(image: 'registry.local/orders-api', failOn: ['CRITICAL', 'HIGH'], warnOn: ['MEDIUM'])",
  },
  {
    name: 'pwTestSummary',
    description: 'Summarises the JUnit results (counts and the first failures) for notifications and the build record; runs in post always after junit.',
    helpers: ['test-summary'],
    binaries: [NODE],
    plugins: ['junit', UTILITY_STEPS],
    agent: 'held',
    credentials: [],
    arguments: [arg('junit', 'string', 'The JUnit XML files (Ant glob); the step passes each file found.', testSummaryFlag('file'), required)],
    example: "pwTestSummary(junit: 'reports/junit.xml')",
  },
];
