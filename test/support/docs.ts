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
