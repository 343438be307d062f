// Reads the bad and good YAML examples out of a rule's page in docs/rules/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

export const DOCS = join(ROOT, 'docs', 'rules');

export function ruleExamples(id: string): { bad: string | undefined; good: string | undefined } {
  const text = readFileSync(join(DOCS, `${id}.md`), 'utf8');
  const block = (heading: string) => new RegExp(`^## ${heading}\\n+\`\`\`yaml\\n([\\s\\S]*?)\`\`\`$`, 'm').exec(text)?.[1];
  return { bad: block('Bad'), good: block('Good') };
}

/**
 * The files a repository rule's example reads: the section's further yaml blocks whose first line is `# <path>`,
 * each kept whole (the comment is line 1, as the page shows it).
 */
export function ruleFiles(id: string, heading: 'Bad' | 'Good'): Record<string, string> {
  const text = readFileSync(join(DOCS, `${id}.md`), 'utf8');
  const section = new RegExp(`^## ${heading}\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(text)?.[1] ?? '';
  const blocks = [...section.matchAll(/^```yaml\n([\s\S]*?)```$/gm)].map((m) => m[1]!).slice(1);
  const files: Record<string, string> = {};
  for (const block of blocks) {
    const path = /^# ([\w./-]+)\n/.exec(block)?.[1];
    if (path) files[path] = block;
  }
  return files;
}
