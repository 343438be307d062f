// Runs the real shellcheck over shell bodies: -s sh, or -s bash under a bash shebang; one process per dialect.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function shellcheckBodies(bodies: Array<{ name: string; body: string }>): { checked: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pw-shellcheck-'));
  try {
    const byDialect: Record<'sh' | 'bash', string[]> = { sh: [], bash: [] };
    bodies.forEach((b, i) => {
      const file = join(dir, `${String(i).padStart(5, '0')}-${b.name.replace(/[^A-Za-z0-9._-]+/g, '_')}.sh`);
      writeFileSync(file, b.body.endsWith('\n') ? b.body : `${b.body}\n`);
      byDialect[/^#!\s*(\/usr\/bin\/env\s+bash|\/bin\/bash)/.test(b.body) ? 'bash' : 'sh'].push(file);
    });
    let output = '';
    for (const dialect of ['sh', 'bash'] as const) {
      const files = byDialect[dialect];
      if (!files.length) continue;
      // SC1091: a sourced file lives in the user's workspace, not in the generated text, so it cannot be followed here.
      const r = spawnSync('shellcheck', ['-s', dialect, '-e', 'SC1091', '-f', 'gcc', ...files], { encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL' });
      if (r.error) throw new Error(`cannot run shellcheck: ${r.error.message}; install the Debian package "shellcheck"`);
      output += r.stdout + r.stderr;
    }
    return { checked: bodies.length, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
