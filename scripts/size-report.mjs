// Prints the size table of docs/gen.md ("How big a Jenkinsfile may be"): each example's pipeline block, estimated by gen and compiled by Groovy 2.4.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test', 'gen', 'size', 'report.ts')], { cwd: root, stdio: 'inherit' });
process.exitCode = r.status ?? 3;
