// The HTML plan of examples/python-service opened in headless Chromium: the rendered DOM shows every stage name, per
// branch, and a screenshot is written to docs/images/ for people to look at. A missing Chromium fails the test.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../support/cli.js';
import { buildPlan, allStageNames } from '../../src/plan/plan.js';
import { renderHtml } from '../../src/plan/html.js';
import { loadModel } from '../gen/support.js';

const CHROMIUM_MS = 90_000;
const SCREENSHOT = join(ROOT, 'docs', 'images', 'plan-python-service.png');
const tmp = mkdtempSync(join(tmpdir(), 'pw-plan-html-'));

function chromiumPath(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.trim().split('\n')[0]! : null;
}

/** One Chromium run in its own process group with a fresh profile, killed whole when it overruns (and reaped after). */
function runChromium(binary: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  const profile = mkdtempSync(join(tmp, 'profile-'));
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
  ];
  return new Promise((resolve) => {
    const child = spawn(binary, [...flags, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const killGroup = (): void => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, CHROMIUM_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      killGroup(); // helpers Chromium left behind
      rmSync(profile, { recursive: true, force: true });
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** The text a reader sees: tags dropped, the entities the page uses decoded. */
function visibleText(html: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, n: string) => entities[n]!);
}

// Relative, so the page (and the committed screenshot) names the config the same way on every machine.
process.chdir(ROOT);
const model = loadModel(join('examples', 'python-service', 'pipeline.yaml'));
const plan = buildPlan(model);
const page = join(tmp, 'plan.html');
writeFileSync(page, renderHtml(plan));
const binary = chromiumPath();

test('chromium is installed (Debian package "chromium"; scripts/install-test-deps.sh installs it)', () => {
  assert.ok(binary, 'chromium is missing: apt-get install -y chromium');
});

test('the rendered DOM shows every stage name, and each branch its own stages', async () => {
  assert.ok(binary, 'chromium is missing');
  const r = await runChromium(binary!, ['--dump-dom', pathToFileURL(page).href]);
  assert.not.ok(r.timedOut, 'chromium timed out');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /<section class="branch"/, 'the dump has no branch section');
  const text = visibleText(r.stdout);
  const names = allStageNames(model);
  assert.ok(names.length >= 20, `only ${names.length} stage names in the flow`);
  for (const name of names) assert.ok(text.includes(name), `"${name}" is not on the rendered page`);
  const sections = r.stdout.split('<section class="branch"').slice(1);
  assert.is(sections.length, plan.branches.length);
  plan.branches.forEach((b, i) => {
    const own = visibleText(sections[i]!);
    assert.ok(own.includes(b.branch), b.branch);
    for (const s of [...b.stages, ...b.rollbacks.flatMap((x) => x.stages)]) assert.ok(own.includes(s.name), `${b.branch}: "${s.name}"`);
  });
  // feature/* deploys nothing: no deploy stage in its section.
  assert.not.ok(visibleText(sections[2]!).includes('Deploy: '), 'the feature branch shows a deployment');
});

test('a screenshot of the page for people to look at', async () => {
  assert.ok(binary, 'chromium is missing');
  mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
  const shot = join(tmp, 'plan.png');
  const r = await runChromium(binary!, [`--screenshot=${shot}`, '--window-size=1400,1800', pathToFileURL(page).href]);
  assert.not.ok(r.timedOut, 'chromium timed out');
  assert.is(r.code, 0, r.stderr);
  assert.ok(existsSync(shot) && statSync(shot).size > 10_000, 'no screenshot written');
  const png = readFileSync(shot);
  assert.equal([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'not a PNG');
  assert.is(png.readUInt32BE(16), 1400, 'width');
  assert.is(png.readUInt32BE(20), 1800, 'height');
  // Rewritten only when it changed, so an unchanged page leaves the committed image alone.
  if (!existsSync(SCREENSHOT) || !readFileSync(SCREENSHOT).equals(png)) writeFileSync(SCREENSHOT, png);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
