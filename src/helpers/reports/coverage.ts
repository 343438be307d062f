// Reads coverage reports (Cobertura XML from coverage.py and istanbul, JaCoCo XML, lcov) into exact covered/total counts.
import { ReportFormatError } from './format-error.js';
import { childrenNamed, descendants, parseXml, type XmlElement } from './xml.js';

export type CoverageFormat = 'cobertura' | 'jacoco' | 'lcov';

export interface Counts {
  covered: number;
  total: number;
}

export interface Coverage {
  format: CoverageFormat;
  lines: Counts;
  /** Absent when the report has no branch data. */
  branches?: Counts;
  files: number;
  /** What the report's own header says, where it says it, and whether it disagrees with the body. */
  notes: string[];
}

export class CoverageFormatError extends ReportFormatError {}

/** Detects the format from the content: XML root element, or lcov records. */
export function detectFormat(text: string): CoverageFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start === '') throw new CoverageFormatError('the report is empty');
  if (start.startsWith('<')) return /<report[\s>]/.test(start.slice(0, 4000)) && !/<coverage[\s>]/.test(start.slice(0, 4000)) ? 'jacoco' : 'cobertura';
  if (/^(TN|SF):/m.test(start)) return 'lcov';
  throw new CoverageFormatError('neither XML (Cobertura, JaCoCo) nor lcov (no "SF:" record)');
}

export function parseCoverage(text: string, format: CoverageFormat | 'auto'): Coverage {
  const chosen = format === 'auto' ? detectFormat(text) : format;
  if (text.trim() === '') throw new CoverageFormatError('the report is empty');
  if (chosen === 'lcov') return parseLcov(text);
  const root = parseXml(text);
  return chosen === 'jacoco' ? readJacoco(root) : readCobertura(root);
}

/**
 * Cobertura: counts the <line> elements of every <class> (a line under <methods> repeats one of
 * them); a line is covered when any of its occurrences has hits > 0 (sbt-scoverage writes one
 * <line> per statement, so a file and line number can repeat with different hits). Branches come
 * from condition-coverage="50% (1/2)" on branch lines; a repeated line counts the most covered and
 * the most total branches any occurrence reports. The root's lines-valid/lines-covered, when
 * present, are checked against the body.
 */
function readCobertura(root: XmlElement): Coverage {
  if (root.name !== 'coverage') throw new CoverageFormatError(`not a Cobertura report: the root element is <${root.name}>, expected <coverage>`);
  const lineHits: LineTable = new Map();
  const branchesPerLine = new Map<string, Counts>();
  for (const cls of descendants(root, 'class')) {
    const filename = cls.attributes.filename ?? cls.attributes.name ?? '';
    for (const container of childrenNamed(cls, 'lines')) {
      for (const line of childrenNamed(container, 'line')) {
        const number = line.attributes.number ?? '';
        const hits = Number(line.attributes.hits ?? '0');
        if (!Number.isFinite(hits)) throw new CoverageFormatError(`line ${line.attributes.number ?? '?'} of "${filename}" has hits="${line.attributes.hits}"`);
        markLine(lineHits, filename, number, hits > 0);
        const condition = /\((\d+)\/(\d+)\)/.exec(line.attributes['condition-coverage'] ?? '');
        if (line.attributes.branch === 'true' && condition) {
          const key = `${filename}\u0000${number}`;
          const before = branchesPerLine.get(key) ?? { covered: 0, total: 0 };
          branchesPerLine.set(key, { covered: Math.max(before.covered, Number(condition[1])), total: Math.max(before.total, Number(condition[2])) });
        }
      }
    }
  }
  const lines = tally(lineHits);
  const branches: Counts = { covered: 0, total: 0 };
  for (const counts of branchesPerLine.values()) {
    branches.covered += counts.covered;
    branches.total += counts.total;
  }
  const notes: string[] = [];
  const a = root.attributes;
  compareHeader(notes, 'lines', a['lines-covered'], a['lines-valid'], lines);
  compareHeader(notes, 'branches', a['branches-covered'], a['branches-valid'], branches);
  // coverage.py 4 writes only a rounded line-rate: close enough agrees, anything else is reported.
  const headerRate = Number(a['line-rate']);
  if (a['lines-valid'] === undefined && a['line-rate'] !== undefined && lines.total > 0 && Math.abs(headerRate - lines.covered / lines.total) > 0.00005) {
    notes.push(`the header says line-rate="${a['line-rate']}" but the body has ${lines.covered}/${lines.total} lines; the body is used`);
  }
  return { format: 'cobertura', lines, ...(branches.total > 0 ? { branches } : {}), files: lineHits.size, notes };
}

function compareHeader(notes: string[], what: string, covered: string | undefined, valid: string | undefined, body: Counts): void {
  if (covered === undefined || valid === undefined) return;
  if (Number(covered) !== body.covered || Number(valid) !== body.total) {
    notes.push(`the header says ${covered}/${valid} ${what} but the body has ${body.covered}/${body.total}; the body is used`);
  }
}

/** JaCoCo: the report-level LINE and BRANCH counters (direct children of <report>). */
function readJacoco(root: XmlElement): Coverage {
  if (root.name !== 'report') throw new CoverageFormatError(`not a JaCoCo report: the root element is <${root.name}>, expected <report>`);
  const counter = (type: string): Counts | undefined => {
    const c = childrenNamed(root, 'counter').find((e) => e.attributes.type === type);
    if (!c) return undefined;
    const missed = Number(c.attributes.missed);
    const covered = Number(c.attributes.covered);
    if (!Number.isInteger(missed) || !Number.isInteger(covered)) throw new CoverageFormatError(`the ${type} counter is not a pair of whole numbers`);
    return { covered, total: covered + missed };
  };
  const lines = counter('LINE') ?? { covered: 0, total: 0 };
  const branches = counter('BRANCH');
  return { format: 'jacoco', lines, ...(branches && branches.total > 0 ? { branches } : {}), files: descendants(root, 'sourcefile').length, notes: [] };
}

/**
 * lcov: counts DA lines (a line is covered when its count is > 0); BRDA entries for branches
 * (taken "-" or 0 is not covered). Records for the same SF (several TN tests) are merged, so a
 * line covered by any test is covered. LF/LH and BRF/BRH summaries are checked, not trusted.
 */
export function parseLcov(text: string): Coverage {
  if (text.trim() === '') throw new CoverageFormatError('the report is empty');
  const lineHits: LineTable = new Map();
  const branchHits: LineTable = new Map();
  const summary = { LF: 0, LH: 0, BRF: 0, BRH: 0, seen: false };
  let file: string | undefined;
  let lineNo = 0;
  for (const raw of text.split(/\r?\n/)) {
    lineNo++;
    const line = raw.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    const tag = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1);
    if (tag === 'SF') {
      file = value;
      if (!lineHits.has(file)) lineHits.set(file, new Map());
      if (!branchHits.has(file)) branchHits.set(file, new Map());
      continue;
    }
    if (tag === 'end_of_record') {
      if (file === undefined) throw new CoverageFormatError(`lcov line ${lineNo}: end_of_record without SF`);
      file = undefined;
      continue;
    }
    if (tag === 'TN') continue;
    if (file === undefined) throw new CoverageFormatError(`lcov line ${lineNo}: "${tag}" outside a record (no SF: before it)`);
    if (tag === 'DA') {
      const [number, count] = value.split(',');
      if (!number || count === undefined || !/^\d+$/.test(number) || !/^-?\d+(\.\d+)?$/.test(count))
        throw new CoverageFormatError(`lcov line ${lineNo}: malformed DA "${value}"`);
      markLine(lineHits, file, number, Number(count) > 0);
    } else if (tag === 'BRDA') {
      const parts = value.split(',');
      if (parts.length < 4) throw new CoverageFormatError(`lcov line ${lineNo}: malformed BRDA "${value}"`);
      // line,block,branch,taken; coverage.py writes free text as the branch id, which may contain commas.
      const taken = parts[parts.length - 1]!;
      const key = parts.slice(0, -1).join(',');
      markLine(branchHits, file, key, taken !== '-' && Number(taken) > 0);
    } else if (tag === 'LF' || tag === 'LH' || tag === 'BRF' || tag === 'BRH') {
      summary[tag] += Number(value) || 0;
      summary.seen = true;
    }
    // FN, FNDA, FNF, FNH and unknown tags carry nothing the gate reads.
  }
  if (file !== undefined) throw new CoverageFormatError(`the last record ("${file}") has no end_of_record: the file looks truncated`);
  if (lineHits.size === 0) throw new CoverageFormatError('no "SF:" records');
  const lines = tally(lineHits);
  const branches = tally(branchHits);
  const notes: string[] = [];
  // Only meaningful when each file has one record; merged records legitimately differ from the sums.
  if (summary.seen && (summary.LF !== lines.total || summary.LH !== lines.covered)) {
    notes.push(
      `the LF/LH summaries add up to ${summary.LH}/${summary.LF} lines but the DA entries give ${lines.covered}/${lines.total}; the DA entries are used`,
    );
  }
  return { format: 'lcov', lines, ...(branches.total > 0 ? { branches } : {}), files: lineHits.size, notes };
}

/** Per file, per line (or branch) key: whether it is covered. */
type LineTable = Map<string, Map<string, boolean>>;

/** The rule for every format: a line (or branch) reported several times is covered when any occurrence is. */
function markLine(table: LineTable, file: string, key: string, covered: boolean): void {
  let perFile = table.get(file);
  if (!perFile) table.set(file, (perFile = new Map()));
  perFile.set(key, (perFile.get(key) ?? false) || covered);
}

function tally(perFile: LineTable): Counts {
  const counts: Counts = { covered: 0, total: 0 };
  for (const hits of perFile.values()) {
    for (const covered of hits.values()) {
      counts.total++;
      if (covered) counts.covered++;
    }
  }
  return counts;
}
