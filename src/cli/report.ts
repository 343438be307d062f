// `pipewright report [folder]`: pipeline metrics from a folder of build records (record-metrics), printed and written as a self-contained HTML page.
import type { CommandModule } from 'yargs';
import { UsageError } from '../core/errors.js';
import { computeMetrics, loadRecords, type LoadedRecords, type PipelineMetrics } from '../report/metrics.js';
import { formatDuration, pct, renderHtml } from '../report/html.js';
import { textTable } from '../helpers/reports/text.js';
import { SEVERITIES } from '../helpers/reports/trivy.js';
import { writeIfChanged } from '../generated/synth.js';

interface ReportArgs {
  folder: string;
  html: string;
  format: string;
  app?: string;
}

function textReport(m: PipelineMetrics, loaded: LoadedRecords): string {
  const out: string[] = [];
  out.push(`${m.builds} builds${m.period ? ` from ${m.period.from.slice(0, 10)} to ${m.period.to.slice(0, 10)}` : ''} (${loaded.files} file(s) read)`);
  out.push(
    `success rate ${pct(m.successRate)}, failure rate ${pct(m.failureRate)}; ${Object.entries(m.results)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  if (m.byApp.length > 1)
    out.push(
      '',
      textTable(
        ['app', 'builds', 'success', 'failure'],
        m.byApp.map((a) => [a.app, a.builds, pct(a.successRate), pct(a.failureRate)]),
      ),
    );
  if (m.duration) {
    const trend = m.duration.trend
      ? `; last ${Math.min(10, m.duration.count)} builds median ${formatDuration(m.duration.recentMedianMs)} vs ${formatDuration(m.duration.previousMedianMs!)} before: ${m.duration.trend}`
      : '';
    out.push(`build duration median ${formatDuration(m.duration.medianMs)}, 90th percentile ${formatDuration(m.duration.p90Ms)}${trend}`);
  }
  if (m.stages.length)
    out.push(
      '',
      textTable(
        ['stage', 'median', 'p90', 'runs'],
        m.stages.map((s) => [s.stage, formatDuration(s.medianMs), formatDuration(s.p90Ms), s.count]),
      ),
    );
  if (m.coverage)
    out.push(
      '',
      `coverage latest ${pct(m.coverage.latest)} (first ${pct(m.coverage.first)}, lowest ${pct(m.coverage.min)}, highest ${pct(m.coverage.max)}; ${m.coverage.builds} builds)`,
    );
  if (m.vulnerabilities) {
    const v = m.vulnerabilities;
    out.push(
      '',
      textTable(
        ['vulnerabilities', ...SEVERITIES],
        [
          ['latest', ...SEVERITIES.map((s) => v.latest[s] ?? 0)],
          ['highest', ...SEVERITIES.map((s) => v.max[s] ?? 0)],
        ],
      ),
    );
  }
  if (m.deployments.length)
    out.push(
      '',
      textTable(
        ['environment', 'deployments', 'per week', 'last version'],
        m.deployments.map((d) => [d.environment, d.count, d.perWeek, d.lastVersion]),
      ),
    );
  if (loaded.skipped.length)
    out.push('', `${loaded.skipped.length} unreadable record(s) skipped:`, ...loaded.skipped.slice(0, 10).map((s) => `  ${s.where}: ${s.reason}`));
  return `${out.join('\n')}\n`;
}

export const command: CommandModule<object, ReportArgs> = {
  command: 'report [folder]',
  describe: 'pipeline metrics from recorded build records',
  builder: (y) =>
    y
      .positional('folder', { type: 'string', default: '.', describe: 'folder searched for *.jsonl / *.json build records' })
      .option('html', { type: 'string', default: 'pipewright-report.html', describe: 'write the HTML page here ("" to skip)' })
      .option('format', { type: 'string', default: 'text', choices: ['text', 'json'], describe: 'how the figures are printed' })
      .option('app', { type: 'string', describe: 'only the records of this application' })
      .example('pipewright report metrics/ --html report.html', 'print the pipeline metrics of every record under metrics/ and chart them'),
  handler: (argv) => {
    let loaded: LoadedRecords;
    try {
      loaded = loadRecords(argv.folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read the folder "${argv.folder}": ${code === 'ENOENT' ? 'no such folder' : (error as Error).message}`);
    }
    if (argv.app) loaded.records = loaded.records.filter((r) => r.app === argv.app);
    const metrics = computeMetrics(loaded.records);
    if (argv.format === 'json') process.stdout.write(`${JSON.stringify({ ...metrics, skipped: loaded.skipped }, null, 2)}\n`);
    else process.stdout.write(metrics.builds ? textReport(metrics, loaded) : `no build records under "${argv.folder}"\n`);
    if (argv.html && metrics.builds) {
      try {
        writeIfChanged(argv.html, renderHtml(metrics, `Pipeline metrics${argv.app ? `: ${argv.app}` : ''}`));
      } catch (error) {
        throw new UsageError(`cannot write "${argv.html}": ${(error as Error).message}`);
      }
      if (argv.format === 'text') process.stdout.write(`wrote ${argv.html}\n`);
    }
    process.exitCode = 0;
  },
};
