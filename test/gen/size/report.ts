// Prints the size figures of docs/gen.md: for each example, the pipeline block's bytecode as gen estimates it and as Groovy 2.4 measures it.
import { estimateSize, kilobytes, SIZE_BUDGET_BYTES } from '../../../src/gen/size.js';
import { generateBeside, goldenCases, loadModel } from '../support.js';
import { measureBytecode } from './support.js';

const examples = goldenCases().filter((c) => c.name.startsWith('examples/'));
const texts = examples.map((c) => generateBeside(loadModel(c.config)));
const measured = measureBytecode(texts);
const lines = [
  `| example | lines | estimated (gen) | measured (groovyc 2.4) | of the ${kilobytes(SIZE_BUDGET_BYTES)} budget | class files in full |`,
  '|---|---|---|---|---|---|',
];
examples.forEach((c, i) => {
  const m = measured[i]!;
  if (!m.ok) throw new Error(`${c.name} does not compile: ${m.error}`);
  const estimate = estimateSize(texts[i]!).bytes;
  const share = `${Math.round((100 * estimate) / SIZE_BUDGET_BYTES)} %`;
  lines.push(
    `| \`${c.name}\` | ${texts[i]!.split('\n').length - 1} | ${kilobytes(estimate)} | ${kilobytes(m.bytes)} | ${share} | ${m.classes} classes, ${kilobytes(m.classBytes)} |`,
  );
});
process.stdout.write(`${lines.join('\n')}\n`);
