// Runs test/groovy/harness.groovy under the real Groovy 2.4 (Debian package): parse Jenkinsfiles, evaluate literals, in one JVM per call.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './cli.js';

const HARNESS = join(ROOT, 'test', 'groovy', 'harness.groovy');
const TIMEOUT_MS = 300_000;

export interface GroovyCall {
  name: string;
  keys: string[];
  positional: string[];
  line: number;
  /** Called on the script itself (a step or a function of the file), not on an object. */
  implicitThis?: boolean;
  /** The variable a method is called on (`docker` in docker.image(…)); '?' for another expression; null with implicitThis. */
  receiver?: string | null;
}

export interface ParsedFile {
  file: string;
  ok: boolean;
  error?: string;
  calls: GroovyCall[];
  sh: Array<string | null>;
  strings: string[];
  gstrings: number;
  /** The methods the file defines (a vars/ file's call and private functions). */
  defined?: string[];
  /** Local variables and method parameters (a closure held in one is called like a method). */
  locals?: string[];
}

/** JAVA_HOME for the Debian groovy launcher: the environment's, or the JDK the `java` on PATH belongs to. */
export function javaHome(): string {
  if (process.env.JAVA_HOME) return process.env.JAVA_HOME;
  const java = execFileSync('sh', ['-c', 'command -v java || true'], { encoding: 'utf8' }).trim();
  if (!java) throw new Error('java is not installed: the Groovy tier needs it (apt-get install groovy)');
  return dirname(dirname(realpathSync(java)));
}

/** Runs the harness with one request; a missing groovy is an error, never a skip. */
function runHarness(request: object): unknown {
  return runGroovyScript(HARNESS, request);
}

/** Runs a Groovy script as `groovy SCRIPT request.json result.json` in one JVM and returns the parsed result. */
export function runGroovyScript(script: string, request: object): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'pw-groovy-'));
  try {
    const input = join(dir, 'request.json');
    const output = join(dir, 'result.json');
    writeFileSync(input, JSON.stringify(request));
    const r = spawnSync('groovy', [script, input, output], {
      env: { ...process.env, JAVA_HOME: javaHome() },
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    if (r.error) throw new Error(`cannot run groovy (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}): install the Debian package "groovy"`);
    if (r.status !== 0) throw new Error(`groovy exited ${r.status}${r.signal ? ` (${r.signal})` : ''}: ${r.stderr.slice(0, 4000)}`);
    return JSON.parse(readFileSync(output, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Parses every file to the CONVERSION phase in one JVM; `methods`: also collect the calls inside the script's own methods. */
export function parseGroovyFiles(files: string[], options: { methods?: boolean } = {}): ParsedFile[] {
  return runHarness({ mode: 'parse', files, methods: options.methods === true }) as ParsedFile[];
}

/** Writes each text to a temporary file (Jenkinsfile-<i>), hands the paths to `use`, and removes them afterwards. */
export function withTextFiles<T>(texts: string[], use: (files: string[]) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pw-groovy-src-'));
  try {
    const files = texts.map((text, i) => {
      const file = join(dir, `Jenkinsfile-${i}`);
      writeFileSync(file, text);
      return file;
    });
    return use(files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Parses texts (written to temporary files) in one JVM. */
export function parseGroovyTexts(texts: string[]): ParsedFile[] {
  return withTextFiles(texts, (files) => parseGroovyFiles(files));
}

/** Evaluates Groovy literal expressions in one JVM; a literal that does not compile comes back as { error }. */
export function evaluateGroovyLiterals(literals: string[]): { ok: boolean; values: Array<unknown> } {
  return runHarness({ mode: 'eval', literals }) as { ok: boolean; values: unknown[] };
}
