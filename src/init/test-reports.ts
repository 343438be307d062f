// Where the test command writes its JUnit and coverage reports, read from the test configuration without executing any of it.
import { join } from 'node:path';
import { readBoundedText } from '../helpers/shared/bounded-read.js';
import type { Build } from '../config/model.js';
import type { DetectedLanguage } from './project.js';

export interface TestReports {
  /** A test command to use instead of the preset's, when the configuration needs one. */
  test?: string;
  junit?: string;
  coverage?: string;
  coverageFormat?: Build['coverageFormat'];
  /** Where each value came from, written beside it. */
  notes: { test?: string; junit?: string; coverage?: string };
  /** What could not be found: written as TODO. */
  todo: { junit?: string; coverage?: string };
}

function read(root: string, file: string, files: Set<string>): string | null {
  if (!files.has(file)) return null;
  try {
    return readBoundedText(join(root, file), `"${file}"`, 'project');
  } catch {
    return null;
  }
}

/** The text of an INI section ("[pytest]") up to the next section. */
function iniSection(text: string, name: string): string | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\[${escaped}\\][^\\n]*\\n([\\s\\S]*?)(?=^\\[|(?![\\s\\S]))`, 'm').exec(text)?.[1] ?? null;
}

/** pytest's addopts from pytest.ini, pyproject.toml, tox.ini or setup.cfg (pytest's own lookup order), with the file it came from. */
function pytestAddopts(root: string, files: Set<string>): { file: string; addopts: string } | null {
  const sources: Array<[string, string]> = [
    ['pytest.ini', 'pytest'],
    ['pyproject.toml', 'tool.pytest.ini_options'],
    ['tox.ini', 'pytest'],
    ['setup.cfg', 'tool:pytest'],
  ];
  for (const [file, section] of sources) {
    const text = read(root, file, files);
    const body = text ? iniSection(text, section) : null;
    if (body === null) continue;
    // INI: "addopts = a b" with continuation lines indented; TOML: a string or a list of strings.
    const m = /^addopts\s*=\s*(.*(?:\n[ \t]+.*)*)/m.exec(body);
    if (!m) return { file, addopts: '' };
    const raw = m[1]!;
    const toml = /^\s*\[([\s\S]*?)\]/.exec(raw);
    const addopts = toml ? [...toml[1]!.matchAll(/["']([^"']*)["']/g)].map((x) => x[1]).join(' ') : raw.replace(/^\s*["']|["']\s*$/g, '');
    return { file, addopts: addopts.replace(/\s+/g, ' ').trim() };
  }
  return null;
}

function python(root: string, files: Set<string>): TestReports {
  const found = pytestAddopts(root, files);
  if (!found) return { notes: {}, todo: {} };
  const junit = /--junit-?xml[= ](\S+)/.exec(found.addopts)?.[1];
  const cov = /--cov-report[= ]xml(?::(\S+))?/.exec(found.addopts);
  // The preset's command names both reports itself (and wins over addopts); only a configuration naming both is used as it is.
  if (!junit || !cov) return { notes: {}, todo: {} };
  const from = `addopts in ${found.file}`;
  return {
    test: 'python -m pytest',
    junit,
    coverage: cov[1] ?? 'coverage.xml',
    coverageFormat: 'cobertura',
    notes: { test: `${from} names both reports`, junit: from, coverage: from },
    todo: {},
  };
}

type JsonObject = Record<string, unknown>;
const asObject = (v: unknown): JsonObject | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : null);

/** The jest settings init needs, from a JSON object or a static reading of a JavaScript config (never run). */
interface JestSettings {
  coverageDirectory: string | null;
  coverageReporters: string[] | null;
  /** jest-junit among the reporters, with its options when given there. */
  junitReporter: { outputDirectory: string | null; outputName: string | null } | null;
}

function fromJson(config: JsonObject): JestSettings {
  const reporters = Array.isArray(config.reporters) ? config.reporters : [];
  const junit = reporters.find((r) => r === 'jest-junit' || (Array.isArray(r) && r[0] === 'jest-junit'));
  const options = Array.isArray(junit) ? asObject(junit[1]) : null;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    coverageDirectory: str(config.coverageDirectory),
    coverageReporters: Array.isArray(config.coverageReporters) ? config.coverageReporters.map((r) => (Array.isArray(r) ? String(r[0]) : String(r))) : null,
    junitReporter: junit ? { outputDirectory: str(options?.outputDirectory), outputName: str(options?.outputName) } : null,
  };
}

function fromJavaScript(text: string): JestSettings {
  const quoted = (key: string): string | null => new RegExp(`\\b${key}\\s*:\\s*["'\`]([^"'\`]+)["'\`]`).exec(text)?.[1] ?? null;
  const list = /\bcoverageReporters\s*:\s*\[([^\]]*)\]/.exec(text)?.[1];
  const reporters = /\breporters\s*:\s*\[([\s\S]*?)\]\s*[,}\n]/.exec(text)?.[1] ?? '';
  return {
    coverageDirectory: quoted('coverageDirectory'),
    coverageReporters: list === undefined ? null : [...list.matchAll(/["'`]([^"'`]+)["'`]/g)].map((m) => m[1]!),
    junitReporter: /["'`]jest-junit["'`]/.test(reporters) ? { outputDirectory: quoted('outputDirectory'), outputName: quoted('outputName') } : null,
  };
}

const JEST_CONFIGS = ['jest.config.js', 'jest.config.cjs', 'jest.config.mjs', 'jest.config.ts', 'jest.config.json'];

function node(root: string, files: Set<string>): TestReports {
  let pkg: JsonObject = {};
  try {
    pkg = asObject(JSON.parse(read(root, 'package.json', files) ?? '{}')) ?? {};
  } catch {
    // an unreadable package.json says nothing about the tests
  }
  const deps = { ...asObject(pkg.dependencies), ...asObject(pkg.devDependencies) };
  const script = String(asObject(pkg.scripts)?.test ?? '');
  let settings: JestSettings | null = null;
  let where = '';
  if (asObject(pkg.jest)) {
    settings = fromJson(asObject(pkg.jest)!);
    where = 'the "jest" key of package.json';
  } else {
    for (const file of JEST_CONFIGS) {
      const text = read(root, file, files);
      if (text === null) continue;
      try {
        settings = file.endsWith('.json') ? fromJson(asObject(JSON.parse(text)) ?? {}) : fromJavaScript(text);
      } catch {
        settings = fromJavaScript(text);
      }
      where = file;
      break;
    }
  }
  if (!settings && !/\bjest\b/.test(script) && !('jest' in deps)) {
    return {
      notes: {},
      todo: { junit: 'npm test is not jest: make it write JUnit XML here', coverage: 'make npm test write a Cobertura or lcov report here' },
    };
  }
  settings ??= { coverageDirectory: null, coverageReporters: null, junitReporter: null };
  where ||= 'jest defaults';
  const out: TestReports = { notes: {}, todo: {} };
  const dir =
    (settings.coverageDirectory ?? 'coverage')
      .replace(/^<rootDir>\/?/, '')
      .replace(/^\.\//, '')
      .replace(/\/$/, '') || '.';
  // jest's default coverage reporters include lcov; cobertura only when asked for.
  const reporters = settings.coverageReporters ?? ['clover', 'json', 'lcov', 'text'];
  if (reporters.includes('cobertura')) Object.assign(out, { coverage: `${dir}/cobertura-coverage.xml`, coverageFormat: 'cobertura' });
  else if (reporters.includes('lcov')) Object.assign(out, { coverage: `${dir}/lcov.info`, coverageFormat: 'lcov' });
  if (out.coverage) out.notes.coverage = `from ${where}`;
  else out.todo.coverage = `the coverage reporters in ${where} write neither Cobertura nor lcov: add "cobertura"`;
  const flags = ['--ci', '--coverage'];
  const junitKey = asObject(pkg['jest-junit']);
  const junitOptions = settings.junitReporter ?? ('jest-junit' in deps ? { outputDirectory: null, outputName: null } : null);
  if (junitOptions) {
    // jest-junit's own defaults: outputDirectory ".", outputName "junit.xml" (its options also live under package.json's "jest-junit").
    const directory = (junitOptions.outputDirectory ?? (junitKey?.outputDirectory as string | undefined) ?? '.')
      .replace(/^<rootDir>\/?/, '')
      .replace(/^\.\/?/, '')
      .replace(/\/$/, '');
    const name = junitOptions.outputName ?? (junitKey?.outputName as string | undefined) ?? 'junit.xml';
    out.junit = directory ? `${directory}/${name}` : name;
    out.notes.junit = settings.junitReporter ? `jest-junit, from ${where}` : 'jest-junit is a dependency: the test command adds it as a reporter';
    if (!settings.junitReporter) flags.push('--reporters=default', '--reporters=jest-junit');
  } else {
    out.todo.junit = 'jest writes no JUnit XML: add jest-junit to devDependencies and to "reporters"';
  }
  out.test = `npm test -- ${flags.join(' ')}`;
  out.notes.test = 'jest: coverage on, and the reporters below';
  return out;
}

function maven(root: string, files: Set<string>): TestReports {
  const pom = read(root, 'pom.xml', files) ?? '';
  const plugin = (artifact: string): string | null => {
    const m = new RegExp(`<plugin>(?:(?!</plugin>)[\\s\\S])*?<artifactId>\\s*${artifact}\\s*</artifactId>[\\s\\S]*?</plugin>`).exec(pom);
    return m ? m[0] : null;
  };
  const underTarget = (path: string): string =>
    path
      .trim()
      .replace(/^\$\{project\.build\.directory\}/, 'target')
      .replace(/^\$\{project\.basedir\}\/?/, '')
      .replace(/\/$/, '');
  const out: TestReports = { notes: {}, todo: {} };
  // Surefire runs the tests of every Maven build, declared or not; its reportsDirectory moves the XML.
  const surefire = plugin('maven-surefire-plugin');
  const reportsDir = surefire ? /<reportsDirectory>([^<]+)<\/reportsDirectory>/.exec(surefire)?.[1] : undefined;
  out.junit = reportsDir ? `${underTarget(reportsDir)}/*.xml` : 'target/surefire-reports/*.xml';
  out.notes.junit = surefire ? 'maven-surefire-plugin in pom.xml' : "Maven's default test plugin (surefire)";
  const jacoco = plugin('jacoco-maven-plugin');
  if (jacoco && /<goal>\s*report\s*<\/goal>/.test(jacoco)) {
    const dir = /<outputDirectory>([^<]+)<\/outputDirectory>/.exec(jacoco)?.[1];
    Object.assign(out, { coverage: `${dir ? underTarget(dir) : 'target/site/jacoco'}/jacoco.xml`, coverageFormat: 'jacoco' });
    out.notes.coverage = "jacoco-maven-plugin's report goal in pom.xml";
  } else {
    out.todo.coverage = jacoco
      ? 'jacoco-maven-plugin has no "report" goal in pom.xml: add one'
      : 'no jacoco-maven-plugin in pom.xml: add it with the "report" goal';
  }
  return out;
}

export function readTestReports(root: string, files: Set<string>, language: DetectedLanguage): TestReports {
  switch (language) {
    case 'python':
      return python(root, files);
    case 'node':
      return node(root, files);
    case 'maven':
      return maven(root, files);
    case 'go':
      return { notes: {}, todo: {} };
  }
}
