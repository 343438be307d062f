// Warnings a helper prints while it works (stderr, masked), beside the result it returns.
import { mask } from '../shared/mask.js';

export function printWarnings(helper: string, warnings: string[]): void {
  for (const w of warnings) process.stderr.write(mask(`${helper}: warning: ${w}\n`));
}
