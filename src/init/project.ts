// What a repository is built with: the languages its root files declare, and the name its package manifest gives it.
import { readBoundedText } from '../helpers/shared/bounded-read.js';
import { join } from 'node:path';
import type { Language } from '../config/model.js';

export type DetectedLanguage = Exclude<Language, 'none'>;

export interface LanguageEvidence {
  language: DetectedLanguage;
  /** The root file that says so, e.g. "pyproject.toml". */
  file: string;
}

/** Root files that mark a language, in the order used to break ties when nothing else decides. */
const MARKERS: Array<[string, DetectedLanguage]> = [
  ['requirements.txt', 'python'],
  ['pyproject.toml', 'python'],
  ['setup.py', 'python'],
  ['go.mod', 'go'],
  ['pom.xml', 'maven'],
  ['package.json', 'node'],
];

export function detectLanguages(files: Set<string>): LanguageEvidence[] {
  const found: LanguageEvidence[] = [];
  for (const [file, language] of MARKERS) {
    if (files.has(file) && !found.some((f) => f.language === language)) found.push({ language, file });
  }
  return found;
}

function read(root: string, file: string): string | null {
  try {
    return readBoundedText(join(root, file), `"${file}"`, 'project');
  } catch {
    return null;
  }
}

/** The name the language's manifest gives the project, when it has one. */
export function manifestName(root: string, language: DetectedLanguage): string | null {
  switch (language) {
    case 'node': {
      const text = read(root, 'package.json');
      try {
        const name = (JSON.parse(text ?? '') as { name?: unknown }).name;
        return typeof name === 'string' ? name.replace(/^@[^/]+\//, '') : null;
      } catch {
        return null;
      }
    }
    case 'python': {
      const text = read(root, 'pyproject.toml');
      // [project] (PEP 621) or [tool.poetry]: the first name = "..." inside either table.
      const table = text ? /^\[(?:project|tool\.poetry)\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(text)?.[1] : undefined;
      return table ? (/^name\s*=\s*["']([^"']+)["']/m.exec(table)?.[1] ?? null) : null;
    }
    case 'go': {
      const module = /^module\s+(\S+)/m.exec(read(root, 'go.mod') ?? '')?.[1];
      return module
        ? (module
            .replace(/\/v[0-9]+$/, '')
            .split('/')
            .pop() ?? null)
        : null;
    }
    case 'maven': {
      // The project's own artifactId, not its parent's.
      const pom = (read(root, 'pom.xml') ?? '').replace(/<parent>[\s\S]*?<\/parent>/, '').replace(/<dependencies>[\s\S]*<\/dependencies>/, '');
      return /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(pom)?.[1] ?? null;
    }
  }
}

export interface InstallHint {
  install?: string;
  note?: string;
}

/** Where a repository departs from its language preset's install command (a lock file or a missing requirements.txt). */
export function installHint(files: Set<string>, language: DetectedLanguage): InstallHint {
  if (language === 'python' && !files.has('requirements.txt')) {
    return { install: 'pip install .', note: 'no requirements.txt: installs the project from pyproject.toml; add test extras if pytest lives there' };
  }
  if (language === 'node') {
    if (files.has('pnpm-lock.yaml')) return { install: 'corepack enable && pnpm install --frozen-lockfile', note: 'pnpm-lock.yaml found' };
    if (files.has('yarn.lock')) return { install: 'corepack enable && yarn install --frozen-lockfile', note: 'yarn.lock found' };
    if (!files.has('package-lock.json')) return { install: 'npm install', note: 'no package-lock.json: commit one and use "npm ci" for repeatable installs' };
  }
  return {};
}
