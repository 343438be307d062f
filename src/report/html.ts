// Renders pipeline metrics as one self-contained HTML page with inline SVG charts (no scripts, no network).
import { SEVERITIES } from '../helpers/reports/trivy.js';
import type { PipelineMetrics } from './metrics.js';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

export const pct = (ratio: number | null): string => (ratio === null ? '-' : `${(ratio * 100).toFixed(1)}%`);

const W = 640;
const H = 200;
const PAD = { left: 48, right: 12, top: 12, bottom: 24 };
const STATUS_COLOUR: Record<string, string> = { SUCCESS: '#2e7d32', UNSTABLE: '#f9a825', FAILURE: '#c62828', ABORTED: '#757575', NOT_BUILT: '#9e9e9e' };
const SEVERITY_COLOUR: Record<string, string> = { CRITICAL: '#8e0000', HIGH: '#c62828', MEDIUM: '#ef6c00', LOW: '#f9a825', UNKNOWN: '#9e9e9e' };

interface Line {
  label: string;
  colour: string;
  values: Array<number | null>;
}

/** A line chart over build index; null values leave a gap. `dots` colours each point (e.g. by build result). */
function lineChart(title: string, lines: Line[], format: (v: number) => string, dots?: string[]): string {
  const all = lines.flatMap((l) => l.values.filter((v): v is number => v !== null));
  const n = Math.max(...lines.map((l) => l.values.length));
  if (all.length === 0 || n === 0) return '';
  const max = Math.max(...all) || 1;
  const x = (i: number): number => PAD.left + (n === 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (v: number): number => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  const paths = lines.map((l) => {
    let d = '';
    l.values.forEach((v, i) => {
      if (v === null) return;
      d += `${d && l.values[i - 1] !== null ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    });
    const points = l.values
      .map((v, i) =>
        v === null
          ? ''
          : `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${dots?.[i] ?? l.colour}"><title>${escapeHtml(`${l.label}: ${format(v)}`)}</title></circle>`,
      )
      .join('');
    return `<path d="${d}" fill="none" stroke="${l.colour}" stroke-width="1.5"/>${points}`;
  });
  const legend =
    lines.length > 1
      ? `<p class="legend">${lines.map((l) => `<span style="color:${l.colour}">&#9632;</span> ${escapeHtml(l.label)}`).join(' &nbsp; ')}</p>`
      : '';
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}">
<line x1="${PAD.left}" y1="${y(0)}" x2="${W - PAD.right}" y2="${y(0)}" stroke="#bbb"/><line x1="${PAD.left}" y1="${y(max)}" x2="${W - PAD.right}" y2="${y(max)}" stroke="#eee"/>
<text x="${PAD.left - 4}" y="${y(max) + 4}" text-anchor="end">${escapeHtml(format(max))}</text><text x="${PAD.left - 4}" y="${y(0) + 4}" text-anchor="end">${escapeHtml(format(0))}</text>
<text x="${PAD.left}" y="${H - 6}">oldest</text><text x="${W - PAD.right}" y="${H - 6}" text-anchor="end">latest (${n} builds)</text>
${paths.join('\n')}
</svg>${legend}</figure>`;
}

/** Horizontal bars, one per label. */
function barChart(title: string, bars: Array<{ label: string; value: number; text: string }>): string {
  if (bars.length === 0) return '';
  const max = Math.max(...bars.map((b) => b.value)) || 1;
  const rowH = 24;
  const height = bars.length * rowH + 8;
  const rows = bars.map((b, i) => {
    const width = ((W - 200) * b.value) / max;
    return `<text x="0" y="${i * rowH + 17}">${escapeHtml(b.label)}</text><rect x="140" y="${i * rowH + 4}" width="${width.toFixed(1)}" height="16" fill="#1565c0"/><text x="${(146 + width).toFixed(1)}" y="${i * rowH + 17}">${escapeHtml(b.text)}</text>`;
  });
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${escapeHtml(title)}">${rows.join('')}</svg></figure>`;
}

function table(header: string[], rows: string[][]): string {
  return `<table><thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export function renderHtml(m: PipelineMetrics, title: string): string {
  const s = m.series;
  const sections: string[] = [];
  sections.push(
    `<h2>Build results</h2>${table(
      ['builds', 'success rate', 'failure rate', ...Object.keys(m.results).sort()],
      [
        [
          String(m.builds),
          pct(m.successRate),
          pct(m.failureRate),
          ...Object.keys(m.results)
            .sort()
            .map((k) => String(m.results[k])),
        ],
      ],
    )}`,
  );
  if (m.byApp.length > 1)
    sections.push(
      table(
        ['app', 'builds', 'success rate', 'failure rate'],
        m.byApp.map((a) => [a.app, String(a.builds), pct(a.successRate), pct(a.failureRate)]),
      ),
    );
  if (m.duration) {
    sections.push(
      `<h2>Build duration</h2><p>median ${formatDuration(m.duration.medianMs)}, 90th percentile ${formatDuration(m.duration.p90Ms)}${m.duration.trend ? `; last builds ${m.duration.trend}` : ''}</p>` +
        lineChart(
          'Build duration per build (dot colour: result)',
          [{ label: 'duration', colour: '#1565c0', values: s.map((p) => p.durationMs) }],
          formatDuration,
          s.map((p) => STATUS_COLOUR[p.status] ?? '#000'),
        ),
    );
  }
  if (m.stages.length)
    sections.push(
      table(
        ['stage', 'median', '90th percentile', 'runs'],
        m.stages.map((st) => [st.stage, formatDuration(st.medianMs), formatDuration(st.p90Ms), String(st.count)]),
      ),
    );
  if (m.coverage) {
    sections.push(
      `<h2>Test coverage</h2><p>latest ${pct(m.coverage.latest)} (lowest ${pct(m.coverage.min)}, highest ${pct(m.coverage.max)})</p>` +
        lineChart('Line coverage per build', [{ label: 'line coverage', colour: '#2e7d32', values: s.map((p) => p.lineRate) }], (v) => pct(v)),
    );
  }
  if (m.vulnerabilities) {
    sections.push(
      `<h2>Security vulnerabilities</h2>${table(
        ['', ...SEVERITIES],
        [
          ['latest', ...SEVERITIES.map((sev) => String(m.vulnerabilities!.latest[sev] ?? 0))],
          ['highest', ...SEVERITIES.map((sev) => String(m.vulnerabilities!.max[sev] ?? 0))],
        ],
      )}` +
        lineChart(
          'Vulnerabilities per build, by severity',
          SEVERITIES.map((sev) => ({
            label: sev,
            colour: SEVERITY_COLOUR[sev]!,
            values: s.map((p) => (p.vulnerabilities ? (p.vulnerabilities[sev] ?? 0) : null)),
          })),
          (v) => String(Math.round(v)),
        ),
    );
  }
  if (m.deployments.length) {
    sections.push(
      `<h2>Deployment frequency</h2>${barChart(
        'Deployments per week, by environment',
        m.deployments.map((d) => ({ label: d.environment, value: d.perWeek, text: `${d.perWeek}/week (${d.count}), last ${d.lastVersion}` })),
      )}`,
    );
  }
  const period = m.period ? `${m.period.from.slice(0, 10)} to ${m.period.to.slice(0, 10)}` : 'no builds';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222;max-width:60em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}td:first-child,th:first-child{text-align:left}svg text{font:11px system-ui,sans-serif;fill:#444}figure{margin:1em 0}figcaption{font-weight:600}.legend{margin:.2em 0}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${m.builds} builds, ${escapeHtml(period)}</p>
${sections.join('\n')}
</body></html>
`;
}
