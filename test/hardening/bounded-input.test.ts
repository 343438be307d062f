// Issue #16 item 12: every input goes through one bounded reader (regular files only, a size cap per kind that a flag raises, YAML alias limits); FIFOs, /dev/zero, huge files and endless HTTP bodies end in a clear error, never a hang, a memory blow-up or exit 3.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBounded, InputRefused } from '../../src/helpers/shared/bounded-read.js';
import { runCli } from '../support/cli.js';
import { removeDir, runBundle, tempDir, writeFiles } from '../support/git-repo.js';
import { runBundledHelper } from '../support/run-helper.js';

const HEAD = 'version: 1\napp: orders-api\n';
const MIB = 1024 * 1024;

/** A FIFO nobody writes to: opening it for reading the ordinary way would wait forever. */
function fifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

test('readBounded: a FIFO, /dev/zero and a folder are refused by kind; a file over the cap by size; a file at the cap is read', () => {
  const dir = tempDir('pw-bounded-');
  try {
    const pipe = fifo(join(dir, 'pipe'));
    // The refusal, not a timer, bounds this: an ordinary open would block here and the test file would time out.
    assert.throws(
      () => readBounded(pipe, 'the pipe', MIB),
      (e: unknown) => e instanceof InputRefused && e.reason === 'not-a-file' && /named pipe \(FIFO\)/.test(e.message),
    );
    assert.throws(
      () => readBounded('/dev/zero', 'zero', MIB),
      (e: unknown) => e instanceof InputRefused && /a device, not a regular file/.test(e.message),
    );
    assert.throws(
      () => readBounded(dir, 'dir', MIB),
      (e: unknown) => e instanceof InputRefused && /a folder/.test(e.message),
    );
    writeFileSync(join(dir, 'big'), Buffer.alloc(MIB + 1, 'a'));
    assert.throws(
      () => readBounded(join(dir, 'big'), 'big', MIB),
      (e: unknown) => e instanceof InputRefused && e.reason === 'too-large' && /--max-input-mb/.test(e.message),
    );
    assert.is(readBounded(join(dir, 'big'), 'big', MIB + 1).length, MIB + 1);
    // A link to /dev/zero is judged by what it points at.
    symlinkSync('/dev/zero', join(dir, 'zero-link'));
    assert.throws(() => readBounded(join(dir, 'zero-link'), 'link', MIB), /a device/);
  } finally {
    removeDir(dir);
  }
});

test('lint and gen refuse a FIFO and /dev/zero as pipeline.yaml with exit 2 instead of hanging', () => {
  const dir = tempDir('pw-bounded-');
  try {
    const pipe = fifo(join(dir, 'pipeline.yaml'));
    // gen also reads the Jenkinsfile it would replace: a FIFO planted there is refused, not waited on.
    mkdirSync(join(dir, 'svc'));
    writeFileSync(join(dir, 'svc', 'pipeline.yaml'), HEAD);
    fifo(join(dir, 'svc', 'Jenkinsfile'));
    for (const args of [
      ['lint', pipe],
      ['gen', pipe, '--stdout'],
      ['lint', '/dev/zero'],
      ['gen', join(dir, 'svc', 'pipeline.yaml')],
    ]) {
      const r = runCli(args);
      const out = r.stdout + r.stderr;
      assert.is(r.code, 2, `${args.join(' ')}: ${out}`);
      assert.match(out, /not a regular file/);
      assert.not.match(out, /\n\s+at /);
    }
  } finally {
    removeDir(dir);
  }
});

test('extends: a device, a FIFO, an oversized file and an alias bomb are refused clearly; the size cap can be raised', () => {
  const dir = tempDir('pw-bounded-');
  try {
    mkdirSync(join(dir, '.git'));
    const both = (r: { code: number | null; stdout: string; stderr: string }) => ({ code: r.code, stderr: r.stdout + r.stderr });
    const config = (spec: string) => {
      writeFileSync(join(dir, 'pipeline.yaml'), `${HEAD}extends: ${spec}\n`);
      return both(runCli(['lint', join(dir, 'pipeline.yaml')]));
    };
    // A link to /dev/zero leaves the repository, so it is refused as such; lib --org (not confined) names the device.
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    let r = config('zero.yaml');
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, /the org defaults "zero.yaml" are outside the repository/);
    r = both(runCli(['lib', '--org', '/dev/zero', '--out', join(dir, 'lib')]));
    assert.is(r.code, 2, r.stderr);
    assert.match(r.stderr, /is a device, not a regular file/);
    fifo(join(dir, 'pipe.yaml'));
    r = config('pipe.yaml');
    assert.is(r.code, 2, r.stderr);
    assert.match(r.stderr, /named pipe/);
    writeFileSync(join(dir, 'big.yaml'), `# ${'x'.repeat(2 * MIB)}\ngates: { coverage: { min: 80 } }\n`);
    r = config('big.yaml');
    assert.is(r.code, 2, r.stderr);
    assert.match(r.stderr, /larger than 1 MiB.*\[file-too-large\]/);
    r = both(runCli(['lint', join(dir, 'pipeline.yaml')], { env: { PIPEWRIGHT_MAX_INPUT_MB: '4' } }));
    assert.not.match(r.stderr, /file-too-large/);
    // Nine levels of ten aliases each: a billion values if expanded, refused before anything walks them.
    const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 9; i++)
      bomb.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    writeFileSync(join(dir, 'bomb.yaml'), `${bomb.join('\n')}\n`);
    r = config('bomb.yaml');
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, /org defaults "bomb.yaml": more than 20 aliases/);
  } finally {
    removeDir(dir);
  }
});

test('extends stays inside the repository root: ../ within a monorepo works, ../ past the root or an absolute path out does not', () => {
  const dir = tempDir('pw-bounded-');
  try {
    writeFiles(dir, {
      'mono/org.yaml': 'gates:\n  coverage: { min: 91 }\n',
      'mono/services/orders/pipeline.yaml': `${HEAD}extends: ../../org.yaml\n`,
      'outside.yaml': 'gates:\n  coverage: { min: 1 }\n',
    });
    mkdirSync(join(dir, 'mono', '.git'));
    const lint = () => {
      const r = runCli(['lint', join(dir, 'mono/services/orders/pipeline.yaml')]);
      return { code: r.code, out: r.stdout + r.stderr };
    };
    const inside = lint();
    assert.not.match(inside.out, /org-defaults/, inside.out);
    for (const spec of ['../../../outside.yaml', join(dir, 'outside.yaml')]) {
      writeFileSync(join(dir, 'mono/services/orders/pipeline.yaml'), `${HEAD}extends: ${spec}\n`);
      const r = lint();
      assert.is(r.code, 1, r.out);
      assert.match(r.out, /are outside the repository .*\[org-defaults\]/);
    }
    // A link inside the repository that leads out is no way around it.
    symlinkSync(join(dir, 'outside.yaml'), join(dir, 'mono/linked.yaml'));
    writeFileSync(join(dir, 'mono/services/orders/pipeline.yaml'), `${HEAD}extends: ../../linked.yaml\n`);
    assert.match(lint().out, /are outside the repository/);
  } finally {
    removeDir(dir);
  }
});

test('report helpers: report paths linked to /dev/zero or naming a FIFO fail clearly (exit 1), reading nothing', () => {
  const dir = tempDir('pw-bounded-');
  try {
    symlinkSync('/dev/zero', join(dir, 'report.json'));
    const pipe = fifo(join(dir, 'junit.xml'));
    const runs = [
      runBundle('gate-trivy', ['--file', join(dir, 'report.json')]),
      runBundle('gate-coverage', ['--file', join(dir, 'report.json'), '--min', '80']),
      runBundle('test-summary', ['--file', pipe]),
    ];
    for (const r of runs) {
      assert.is(r.code, 1, r.stderr);
      assert.match(r.stderr, /is a device, not a regular file|is a named pipe \(FIFO\), not a regular file/);
    }
  } finally {
    removeDir(dir);
  }
});

test('a huge Trivy report: over the cap it is refused from its size alone; under it, 300,000 findings in one result do not overflow the stack', () => {
  const dir = tempDir('pw-bounded-');
  try {
    // Sparse: 101 MiB on paper, nothing on disk; refused before a byte is read.
    writeFileSync(join(dir, 'huge.json'), '');
    truncateSync(join(dir, 'huge.json'), 101 * MIB);
    const huge = runBundle('gate-trivy', ['--file', join(dir, 'huge.json')]);
    assert.is(huge.code, 1, huge.stderr);
    assert.match(huge.stderr, /larger than 100 MiB/);
    const vulnerability = '{"VulnerabilityID":"CVE-2024-0001","Severity":"LOW","PkgName":"p","InstalledVersion":"1","FixedVersion":"2"}';
    const report = `{"SchemaVersion":2,"ArtifactName":"x","Results":[{"Target":"x","Vulnerabilities":[${Array(300_000).fill(vulnerability).join(',')}]}]}`;
    writeFileSync(join(dir, 'many.json'), report);
    const many = runBundle('gate-trivy', ['--file', join(dir, 'many.json'), '--result', join(dir, 'r.json')]);
    assert.ok(many.code === 0 || many.code === 1, `exit ${many.code}: ${many.stderr.slice(0, 500)}`);
    assert.not.match(many.stderr, /Maximum call stack|internal error/);
    assert.is(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).internalError, undefined);
  } finally {
    removeDir(dir);
  }
});

test('bump-image: a kustomization resource climbing to /dev/zero, out of the repository, or naming a FIFO is refused, not read', () => {
  const dir = tempDir('pw-bounded-');
  try {
    const work = join(dir, 'work');
    const kustomization = (resource: string) => `resources:\n- ${resource}\nimages:\n- name: ghcr.io/acme/orders-api\n  newTag: v1\n`;
    writeFiles(dir, { 'secret/deployment.yaml': 'kind: Deployment\n' });
    mkdirSync(join(work, 'apps'), { recursive: true });
    fifo(join(work, 'apps', 'pipe.yaml'));
    const cases: Array<[string, RegExp]> = [
      ['../../../../../../../../../dev/zero', /climbs out of the repository/],
      ['../../secret/deployment.yaml', /climbs out of the repository/],
      ['pipe.yaml', /named pipe \(FIFO\), not a regular file/],
    ];
    for (const [resource, expected] of cases) {
      writeFiles(work, { 'apps/kustomization.yaml': kustomization(resource) });
      const result = join(dir, 'r.json');
      const r = runBundle('bump-image', [
        '--workdir',
        work,
        '--manifest',
        'apps/kustomization.yaml',
        '--image',
        'ghcr.io/acme/orders-api',
        '--tag',
        'v2',
        '--replicas',
        '2',
        '--app',
        'orders-api',
        '--environment',
        'dev',
        '--result',
        result,
      ]);
      assert.is(r.code, 1, `${resource}: ${r.stdout}${r.stderr}`);
      assert.match(JSON.parse(readFileSync(result, 'utf8')).message, expected);
      assert.match(readFileSync(join(work, 'apps/kustomization.yaml'), 'utf8'), /newTag: v1/);
    }
  } finally {
    removeDir(dir);
  }
});

/** A server whose every answer is an endless stream of bytes (no Content-Length): only a cap ends the read. */
function startEndlessServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const pump = (): void => {
      while (res.write(chunk)) if (res.destroyed) return;
      res.once('drain', pump);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    }),
  );
}

test('HTTP bodies are capped: an endless answer ends in a clear error at 8 MiB, not in memory exhaustion', async () => {
  const server = await startEndlessServer();
  try {
    const run = await runBundledHelper('argocd-sync', ['--server', server.url, '--app', 'orders', '--backoff', '5ms', '--request-timeout', '60s'], {
      ARGOCD_TOKEN: 'token-for-the-endless-server',
    });
    assert.is(run.code, 1, run.stderr);
    assert.match(run.result.message, /the answer is larger than 8388608 bytes; raise the limit with --max-input-mb/);
    // --max-input-mb raises the cap (the endless answer still ends, at the new cap).
    const raised = await runBundledHelper(
      'argocd-sync',
      ['--server', server.url, '--app', 'orders', '--backoff', '5ms', '--request-timeout', '60s', '--max-input-mb', '12'],
      { ARGOCD_TOKEN: 'token-for-the-endless-server' },
    );
    assert.is(raised.code, 1, raised.stderr);
    assert.match(raised.result.message, /larger than 12582912 bytes/);
  } finally {
    await server.close();
  }
});

test.run();
