// The repository's Dockerfile: where it is, its multi-stage targets, and which build target to publish.
import { readBoundedText } from '../helpers/shared/bounded-read.js';
import { join, posix } from 'node:path';
import type { DetectedLanguage } from './project.js';

export interface DockerfileFinding {
  path: string;
  /** Named stages in file order (FROM … AS <name>). */
  stages: string[];
  /** The stage to build and publish, when the file names one worth choosing. */
  target: string | null;
  /** The language the base images suggest, used to break a tie between several language markers. */
  languageHint: DetectedLanguage | null;
}

const FROM = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?\s*$/gim;
/** Stage names that mean "the image that runs": preferred over the last stage when present. */
const RUNTIME_NAMES = ['runtime', 'production', 'prod', 'release', 'final', 'app'];

function findDockerfile(files: string[]): string | null {
  if (files.includes('Dockerfile')) return 'Dockerfile';
  const candidates = files.filter((f) => /^(Dockerfile|Containerfile)$/.test(posix.basename(f)) && f.split('/').length <= 3);
  return candidates.sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1))[0] ?? null;
}

/** The language of the first base image that names one (the build stage usually comes first). */
function hintFrom(images: string[]): DetectedLanguage | null {
  for (const image of images) {
    const repository = image.split('@')[0]!.split('/').pop()!.split(':')[0]!;
    if (/^python/.test(repository)) return 'python';
    if (repository === 'golang') return 'go';
    if (/^(maven|eclipse-temurin|openjdk|amazoncorretto)$/.test(repository)) return 'maven';
    if (repository === 'node') return 'node';
  }
  return null;
}

export function inspectDockerfile(root: string, files: string[]): DockerfileFinding | null {
  const path = findDockerfile(files);
  if (!path) return null;
  let text: string;
  try {
    text = readBoundedText(join(root, path), `"${path}"`, 'project');
  } catch {
    return null;
  }
  const images: string[] = [];
  const stageOrder: Array<string | null> = [];
  for (const match of text.matchAll(FROM)) {
    images.push(match[1]!.toLowerCase());
    stageOrder.push(match[2] ?? null);
  }
  const stages = stageOrder.filter((s): s is string => s !== null);
  const valid = (s: string | null | undefined): s is string => !!s && /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(s);
  let target: string | null = null;
  if (stageOrder.length > 1) {
    target = RUNTIME_NAMES.map((n) => stages.find((s) => s.toLowerCase() === n)).find(valid) ?? (valid(stageOrder.at(-1)) ? stageOrder.at(-1)! : null);
  }
  return { path, stages, target, languageHint: hintFrom(images) };
}
