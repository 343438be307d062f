// Inspects a repository: languages, app name, Dockerfile, Kubernetes layout and git remote, everything init builds on.
import { basename, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { listFiles } from './walk.js';
import { detectLanguages, manifestName, type LanguageEvidence } from './project.js';
import { inspectDockerfile, type DockerfileFinding } from './dockerfile.js';
import { inspectManifests, type ManifestFinding } from './manifests.js';
import { readRemote, type Remote } from './remote.js';
import { toName } from './names.js';
import { readDeployments, type DeploymentFindings } from './deployment.js';
import { readTestReports, type TestReports } from './test-reports.js';

export interface Findings {
  dir: string;
  files: Set<string>;
  languages: LanguageEvidence[];
  dockerfile: DockerfileFinding | null;
  manifests: ManifestFinding | null;
  /** What the found manifests run: the image name and each environment's replicas, strategy and resources. */
  deployments: DeploymentFindings;
  /** Per detected language: where its test configuration says the reports go. */
  testReports: Partial<Record<LanguageEvidence['language'], TestReports>>;
  remote: Remote | null;
  /** A schema-valid app name, from the first of: package manifest, git remote, folder name. */
  app: string;
  /** A local copy of the schema the modeline can point at (a path relative to dir), when pipewright is installed there. */
  localSchema: string | null;
}

export async function inspectRepository(dirInput: string): Promise<Findings> {
  const dir = resolve(dirInput);
  const list = listFiles(dir);
  const files = new Set(list);
  const languages = detectLanguages(files);
  const dockerfile = inspectDockerfile(dir, list);
  const remote = await readRemote(dir);
  const app =
    languages
      .map((l) => manifestName(dir, l.language))
      .map((n) => (n ? toName(n) : null))
      .find((n) => n !== null) ??
    (remote?.name ? toName(remote.name) : null) ??
    toName(basename(dir)) ??
    'app';
  const localSchema = existsSync(resolve(dir, 'node_modules/pipewright/schemas/pipeline.schema.json'))
    ? 'node_modules/pipewright/schemas/pipeline.schema.json'
    : null;
  const manifests = inspectManifests(dir, list, app);
  const testReports = Object.fromEntries(languages.map((l) => [l.language, readTestReports(dir, files, l.language)]));
  return { dir, files, languages, dockerfile, manifests, deployments: readDeployments(dir, manifests, app), testReports, remote, app, localSchema };
}
