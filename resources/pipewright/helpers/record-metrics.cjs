// pipewright runtime helper, bundled by esbuild from src/helpers; do not edit, regenerate with "pipewright lib".
"use strict";
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// src/helpers/record-metrics.ts
var record_metrics_exports = {};
__export(record_metrics_exports, {
  options: () => options,
  run: () => run,
  spec: () => spec
});
module.exports = __toCommonJS(record_metrics_exports);
var import_node_fs3 = require("node:fs");

// src/helpers/shared/bounded-read.ts
var import_node_fs = require("node:fs");
var INPUT_LIMITS = {
  /** pipeline.yaml */
  config: 1024 * 1024,
  /** the org defaults file `extends` names or `lib --org` reads */
  org: 1024 * 1024,
  /** JSON files named by a helper option (checks, expectations) */
  option: 1024 * 1024,
  /** repository files `init` inspects */
  project: 1024 * 1024,
  /** manifests, kustomizations, Helm values and the resources a kustomization lists */
  manifest: 8 * 1024 * 1024,
  /** an HTTP response body (Argo CD, Slack, Prometheus, GitHub, health checks) */
  http: 8 * 1024 * 1024,
  /** JUnit, coverage and Trivy reports */
  report: 100 * 1024 * 1024,
  /** an existing generated file (Jenkinsfile, vars/, resources/) that gen or lib compares with what it would write */
  generated: 8 * 1024 * 1024,
  /** build records and backup manifests pipewright wrote itself */
  record: 64 * 1024 * 1024
};
var MAX_INPUT_ENV = "PIPEWRIGHT_MAX_INPUT_MB";
var override = null;
function setMaxInputMb(mb) {
  override = mb;
}
function inputLimit(kind, env = process.env) {
  const fromEnv = Number(env[MAX_INPUT_ENV]);
  const mb = override ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : null);
  return mb === null ? INPUT_LIMITS[kind] : Math.max(INPUT_LIMITS[kind], Math.floor(mb * 1024 * 1024));
}
var InputRefused = class extends Error {
  constructor(message, reason, code) {
    super(message);
    this.reason = reason;
    this.code = code;
    this.name = "InputRefused";
  }
  reason;
  code;
};
var mib = (bytes) => `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB`;
function tooLargeError(what, size, limit) {
  return new InputRefused(`${what} is larger than ${mib(limit)} (${size > limit ? `${size} bytes` : "it grew while being read"}); raise the limit with ${MAX_INPUT_ENV} or --max-input-mb if it is right`, "too-large");
}
function kindOf(stat) {
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}
function readBounded(file, what, limit, buffer) {
  let fd;
  try {
    fd = (0, import_node_fs.openSync)(file, import_node_fs.constants.O_RDONLY | import_node_fs.constants.O_NONBLOCK | import_node_fs.constants.O_NOCTTY);
  } catch (error) {
    const code = error.code;
    throw new InputRefused(`cannot read ${what}: ${code === "ENOENT" ? "no such file" : code ?? error.message}`, "unreadable", code);
  }
  try {
    const stat = (0, import_node_fs.fstatSync)(fd);
    if (!stat.isFile()) throw new InputRefused(`${what} is ${kindOf(stat)}, not a regular file; name the file itself`, "not-a-file");
    if (stat.size > limit) throw tooLargeError(what, stat.size, limit);
    const into = buffer && buffer.length > limit ? buffer : Buffer.allocUnsafe(Math.min(limit, stat.size) + 1);
    let length = 0;
    for (; ; ) {
      const n = (0, import_node_fs.readSync)(fd, into, length, into.length - length, null);
      if (n === 0) return into.subarray(0, length);
      length += n;
      if (length > limit) throw tooLargeError(what, length, limit);
      if (length === into.length) return readRest(fd, into, length, limit, what);
    }
  } catch (error) {
    if (error instanceof InputRefused) throw error;
    const code = error.code;
    throw new InputRefused(`cannot read ${what}: ${code ?? error.message}`, "unreadable", code);
  } finally {
    (0, import_node_fs.closeSync)(fd);
  }
}
function readRest(fd, first, length, limit, what) {
  const chunks = [first.subarray(0, length)];
  let total = length;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (; ; ) {
    const n = (0, import_node_fs.readSync)(fd, chunk, 0, Math.min(chunk.length, limit + 1 - total), null);
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
    if (total > limit) throw tooLargeError(what, total, limit);
  }
  return Buffer.concat(chunks, total);
}
function readBoundedText(file, what, kind) {
  return readBounded(file, what, inputLimit(kind)).toString("utf8");
}

// src/helpers/record-metrics.ts
var import_node_path3 = require("node:path");

// src/helpers/shared/cli.ts
var import_node_util = require("node:util");
var import_node_path2 = require("node:path");

// src/helpers/shared/atomic.ts
var import_node_crypto = require("node:crypto");
var import_node_fs2 = require("node:fs");
var import_node_path = require("node:path");

// src/helpers/shared/system-error.ts
var PLAIN_WORDS = {
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large (the file-size limit of this process was reached)",
  EROFS: "read-only file system",
  EIO: "input/output error",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
  ENOMEM: "out of memory"
};
function systemErrorCode(error) {
  const code = error?.code;
  return typeof code === "string" && code in PLAIN_WORDS ? code : null;
}
function describeErrno(code) {
  return `${PLAIN_WORDS[code]} (${code})`;
}
function systemError(action, error) {
  const code = error?.code;
  const known = systemErrorCode(error);
  const words = known ? describeErrno(known) : String(error?.message ?? error);
  return Object.assign(new Error(`${action}: ${words}`), { code });
}

// src/helpers/shared/atomic.ts
function existingFileMode(file) {
  try {
    const stat = (0, import_node_fs2.lstatSync)(file);
    return stat.isFile() ? stat.mode & 511 : null;
  } catch {
    return null;
  }
}
function writeFileAtomic(file, data) {
  const temp = (0, import_node_path.join)((0, import_node_path.dirname)(file), `.${(0, import_node_path.basename)(file)}.${(0, import_node_crypto.randomBytes)(8).toString("hex")}.tmp`);
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  let fd;
  let created = false;
  try {
    fd = (0, import_node_fs2.openSync)(temp, "wx", 420);
    created = true;
    const mode = existingFileMode(file);
    if (mode !== null) (0, import_node_fs2.fchmodSync)(fd, mode);
    for (let written = 0; written < bytes.length; ) written += (0, import_node_fs2.writeSync)(fd, bytes, written, bytes.length - written);
    (0, import_node_fs2.fsyncSync)(fd);
    (0, import_node_fs2.closeSync)(fd);
    fd = void 0;
    (0, import_node_fs2.renameSync)(temp, file);
  } catch (error) {
    if (fd !== void 0) (0, import_node_fs2.closeSync)(fd);
    if (created) (0, import_node_fs2.rmSync)(temp, { force: true });
    throw systemError(`could not write ${file}`, error);
  }
}

// src/helpers/shared/mask.ts
var MASK = "****";
var secrets = /* @__PURE__ */ new Set();
var SECRET_ENV_NAME = /(TOKEN|PASSWORD|PASSWD|SECRET|WEBHOOK|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i;
var jsonEscaped = (text) => JSON.stringify(text).slice(1, -1);
function secretEncodings(value) {
  const uri = encodeURIComponent(value);
  const json = jsonEscaped(value);
  return [
    value,
    json,
    jsonEscaped(json),
    json.replace(/[<>&']/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`),
    uri,
    uri.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    new URLSearchParams([["", value]]).toString().slice(1),
    Buffer.from(value).toString("base64")
  ];
}
function addSecret(value) {
  if (!value || value.length < 4) return;
  for (const form of secretEncodings(value)) secrets.add(form);
}
function addSecretsFromEnv(env = process.env, extraNames = []) {
  for (const [name, value] of Object.entries(env)) {
    if (SECRET_ENV_NAME.test(name) || extraNames.includes(name)) addSecret(value);
  }
}
function mask(text) {
  if (secrets.size === 0) return text;
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}
function maskProcessOutput() {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk, ...rest) => write(typeof chunk === "string" ? mask(chunk) : Buffer.isBuffer(chunk) ? mask(chunk.toString("utf8")) : chunk, ...rest));
  }
}

// src/helpers/shared/usage-error.ts
var HelperUsageError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "HelperUsageError";
  }
};

// src/helpers/shared/options.ts
var DURATION_UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
function durationMs(text) {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) return null;
  return Math.round(Number(m[1]) * DURATION_UNITS[m[2] ?? "s"]);
}
function defaultValueName(o) {
  switch (o.type) {
    case "integer":
      return "N";
    case "duration":
      return "DURATION";
    case "url":
      return "URL";
    case "list":
      return "LIST";
    case "json-file":
      return "FILE";
    default:
      return "VALUE";
  }
}
function optionNotes(o) {
  const notes = [];
  if (o.required) notes.push("required");
  if (o.type === "string" && o.multiple) notes.push("repeatable");
  if ((o.type === "string" || o.type === "list") && o.choices) notes.push(`${o.type === "list" ? "each " : ""}one of: ${o.choices.join(", ")}`);
  if (o.type === "integer") notes.push(`${o.min} to ${o.max}`);
  if (o.type === "duration" && (o.min !== void 0 || o.max !== void 0)) notes.push(o.min !== void 0 && o.max !== void 0 ? `${o.min} to ${o.max}` : o.min !== void 0 ? `at least ${o.min}` : `at most ${o.max}`);
  if (o.type !== "boolean" && o.type !== "json-file" && o.default !== void 0) notes.push(`default: ${o.default === "" ? '""' : o.default}`);
  return notes;
}
var list = (items) => items.join(", ");
function choose(flag, value, choices, ignoreCase) {
  const found = choices.find((c) => ignoreCase ? c.toLowerCase() === value.toLowerCase() : c === value);
  if (found === void 0) throw new HelperUsageError(`${flag} "${value}" is not one of ${list(choices)}`);
  return found;
}
function duration(flag, text, o) {
  const ms = durationMs(text);
  const min = o.min === void 0 ? 0 : durationMs(o.min);
  const max = o.max === void 0 ? Infinity : durationMs(o.max);
  if (ms === null || ms < min || ms > max) {
    const range = o.min !== void 0 || o.max !== void 0 ? `a duration from ${o.min ?? "0s"} to ${o.max ?? "any"}` : "a duration such as 500ms, 30s or 5m";
    throw new HelperUsageError(`${flag} takes ${range}, got "${text}"`);
  }
  return ms;
}
function url(flag, value) {
  let parsed;
  try {
    parsed = new URL(value);
  } catch {
    throw new HelperUsageError(`${flag} must be an http(s) URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new HelperUsageError(`${flag} must be an http(s) URL`);
  return value;
}
function readJsonFile(file, flag) {
  let text;
  try {
    text = readBoundedText(file, `${flag} ${file}`, "option");
  } catch (error) {
    if (!(error instanceof InputRefused)) throw error;
    throw new HelperUsageError(error.message);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HelperUsageError(`${flag} ${file}: not valid JSON (${error.message})`);
  }
}
function splitList(parts) {
  return parts.flatMap((p) => p.split(/[,\s]+/)).map((s) => s.trim()).filter(Boolean);
}
function checkOne(name, o, raw) {
  const flag = `--${name}`;
  if (o.type === "boolean") return raw === true;
  if (o.type === "list") {
    const parts = raw === void 0 ? o.default === void 0 ? [] : [o.default] : Array.isArray(raw) ? raw : [String(raw)];
    const items = splitList(parts);
    const chosen = o.choices ? items.map((item) => choose(flag, item, o.choices, o.ignoreCase)) : items;
    return [...new Set(chosen)];
  }
  if (o.type === "string" && o.multiple) {
    const values = raw === void 0 ? [] : Array.isArray(raw) ? raw : [String(raw)];
    if (o.required && values.length === 0) throw new HelperUsageError(`missing required option ${flag}`);
    for (const v of values) if (o.check && !passes(o.check, v)) throw new HelperUsageError(`${flag} "${v}" ${o.check.problem}`);
    return values;
  }
  const given2 = typeof raw === "string" && raw !== "" ? raw : void 0;
  const text = given2 ?? ("default" in o && o.default !== void 0 ? String(o.default) : void 0);
  if (text === void 0) {
    if (o.required) throw new HelperUsageError(`missing required option ${flag}`);
    return void 0;
  }
  switch (o.type) {
    case "integer": {
      const n = /^\d+$/.test(text) ? Number(text) : NaN;
      if (!Number.isSafeInteger(n) || n < o.min || n > o.max) throw new HelperUsageError(`${flag} takes a whole number from ${o.min} to ${o.max}, got "${text}"`);
      return n;
    }
    case "duration":
      return duration(flag, text, o);
    case "url":
      return url(flag, text);
    case "json-file": {
      const json = readJsonFile(text, flag);
      return o.parse ? o.parse(json, flag) : json;
    }
    case "string": {
      const value = o.choices ? choose(flag, text, o.choices, o.ignoreCase) : text;
      if (o.check && !passes(o.check, value)) throw new HelperUsageError(`${flag} "${value}" ${o.check.problem}`);
      return value;
    }
  }
}
function passes(check, value) {
  return typeof check.valid === "function" ? check.valid(value) : check.valid.test(value);
}
function checkOptions(specs, raw) {
  const out = {};
  for (const [name, o] of Object.entries(specs)) out[name] = checkOne(name, o, raw[name]);
  return out;
}

// src/helpers/shared/cli.ts
var HelperFailure = class extends Error {
  constructor(message, details = {}) {
    super(message);
    this.details = details;
    this.name = "HelperFailure";
  }
  details;
};
var COMMON_OPTIONS = {
  result: { type: "string", valueName: "FILE", description: "write the JSON result to FILE (atomically)" },
  "max-input-mb": {
    type: "string",
    valueName: "MB",
    description: "raise the size limit of every file and HTTP body this helper reads (reports 100 MiB, manifests and HTTP bodies 8 MiB, option files 1 MiB)",
    check: { valid: (v) => /^\d+(\.\d+)?$/.test(v) && Number(v) > 0, problem: "is not a positive number of MiB" }
  },
  help: { type: "boolean", short: "h", description: "show this help" }
};
function helpText(spec2) {
  const all = { ...spec2.options, ...COMMON_OPTIONS };
  const rows = Object.entries(all).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "boolean" ? "" : ` ${o.valueName ?? defaultValueName(o)}`}`;
    const notes = optionNotes(o).join("; ");
    return `  ${flag.padEnd(30)} ${o.description}${notes ? ` (${notes})` : ""}`;
  });
  const examples = spec2.examples?.length ? `

Examples:
${spec2.examples.map((e) => `  ${e}`).join("\n")}` : "";
  return `Usage: ${spec2.name} [options]

${spec2.summary}

Options:
${rows.join("\n")}${examples}

Exit codes: 0 done, 1 refused or failed, 2 usage, 3 internal error.
`;
}
function parseRawArgs(spec2, argv) {
  const all = { ...spec2.options, ...COMMON_OPTIONS };
  const config = {};
  for (const [name, o] of Object.entries(all)) {
    const multiple = o.type === "string" && o.multiple || o.type === "list";
    config[name] = { type: o.type === "boolean" ? "boolean" : "string", ...multiple ? { multiple: true } : {}, ...o.short ? { short: o.short } : {} };
  }
  try {
    return (0, import_node_util.parseArgs)({ args: argv, options: config, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new HelperUsageError(error.message.replace(/\. To specify a positional argument.*$/s, ""));
  }
}
function usageExit(spec2, error) {
  process.stderr.write(`${spec2.name}: ${error.message}
Run "${spec2.name} --help" for usage.
`);
  return { exitCode: 2, result: void 0 };
}
async function runHelper(spec2, argv, env = process.env) {
  addSecretsFromEnv(env, spec2.secretEnv ?? []);
  let common;
  let options2;
  try {
    const raw = parseRawArgs(spec2, argv);
    common = checkOptions(COMMON_OPTIONS, raw);
    setMaxInputMb(common["max-input-mb"] === void 0 ? null : Number(common["max-input-mb"]));
    if (common.help) {
      process.stdout.write(helpText(spec2));
      return { exitCode: 0, result: void 0 };
    }
    options2 = checkOptions(spec2.options, raw);
  } catch (error) {
    if (error instanceof HelperUsageError) return usageExit(spec2, error);
    throw error;
  }
  let result;
  let exitCode;
  try {
    result = await spec2.run(options2);
    exitCode = result.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof HelperUsageError) return usageExit(spec2, error);
    if (error instanceof HelperFailure) {
      result = { ok: false, message: error.message, ...error.details };
      exitCode = 1;
    } else if (systemErrorCode(error)) {
      result = { ok: false, message: `failed: ${error.message}`, systemError: systemErrorCode(error) };
      exitCode = 1;
    } else {
      const e = error;
      result = { ok: false, message: `internal error: ${e?.message ?? String(e)}`, internalError: true };
      exitCode = 3;
      if (env.PIPEWRIGHT_DEBUG) process.stderr.write(`${e?.stack ?? ""}
`);
    }
  }
  const message = mask(result.message);
  (exitCode === 0 ? process.stdout : process.stderr).write(`${spec2.name}: ${message}
`);
  if (common.result !== void 0) {
    const record = { helper: spec2.name, exitCode, ...result, message };
    try {
      writeFileAtomic(common.result, `${mask(JSON.stringify(record, null, 2))}
`);
    } catch (error) {
      if (!systemErrorCode(error)) throw error;
      process.stderr.write(`${spec2.name}: ${mask(error.message)}
`);
      return { exitCode: exitCode === 0 ? 1 : exitCode, result };
    }
  }
  return { exitCode, result };
}
function main(spec2) {
  const program = (0, import_node_path2.basename)(process.argv[1] ?? "");
  if (program !== `${spec2.name}.cjs` && program !== `${spec2.name}.js`) return;
  maskProcessOutput();
  runHelper(spec2, process.argv.slice(2)).then(
    ({ exitCode }) => {
      process.exitCode = exitCode;
    },
    (error) => {
      process.stderr.write(mask(`${spec2.name}: internal error: ${error?.message ?? String(error)}
`));
      process.exitCode = 3;
    }
  );
}

// src/helpers/reports/metrics-record.ts
var METRICS_SCHEMA = "pipewright.metrics/1";
var BUILD_STATUSES = ["SUCCESS", "UNSTABLE", "FAILURE", "ABORTED", "NOT_BUILT"];
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var isCount = (v) => typeof v === "number" && Number.isFinite(v) && v >= 0;
function metricsRecordProblem(value) {
  if (!isObject(value)) return "not a JSON object";
  if (value.schema !== METRICS_SCHEMA) return `"schema" is not "${METRICS_SCHEMA}"`;
  if (typeof value.app !== "string" || typeof value.build !== "string" || typeof value.branch !== "string") return '"app", "build" and "branch" must be strings';
  if (!BUILD_STATUSES.includes(value.status)) return `"status" must be one of ${BUILD_STATUSES.join(", ")}`;
  if (typeof value.timestamp !== "string" || Number.isNaN(Date.parse(value.timestamp))) return '"timestamp" must be an ISO 8601 date';
  if (value.durationMs !== null && !isCount(value.durationMs)) return '"durationMs" must be a number of milliseconds or null';
  if (!isObject(value.stages) || !Object.values(value.stages).every(isCount)) return '"stages" must map stage names to milliseconds';
  if (value.coverage !== null && !(isObject(value.coverage) && isCount(value.coverage.lineRate))) return '"coverage" must be null or hold "lineRate"';
  if (value.vulnerabilities !== null && !(isObject(value.vulnerabilities) && Object.values(value.vulnerabilities).every(isCount))) return '"vulnerabilities" must be null or severity counts';
  if (value.tests !== null && !(isObject(value.tests) && isCount(value.tests.tests))) return '"tests" must be null or hold "tests"';
  if (value.deployment !== null && !(isObject(value.deployment) && typeof value.deployment.environment === "string")) return '"deployment" must be null or name an environment';
  return void 0;
}

// src/helpers/reports/trivy.ts
var SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"];
var emptySeverityCounts = () => ({ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 });

// src/helpers/record-metrics.ts
function readSummary(file, notes) {
  if (!file) return void 0;
  if (!(0, import_node_fs3.existsSync)(file)) {
    notes.push(`no summary at "${file}" (the stage may not have run)`);
    return void 0;
  }
  try {
    const data = JSON.parse(readBoundedText(file, `"${file}"`, "record"));
    if (typeof data === "object" && data !== null && !Array.isArray(data)) return data;
  } catch {
  }
  notes.push(`"${file}" is not a summary JSON object; ignored`);
  return void 0;
}
var num = (v) => typeof v === "number" && Number.isFinite(v) ? v : void 0;
async function run(options2) {
  const notes = [];
  const coverageData = readSummary(options2.coverageSummary, notes);
  const trivyData = readSummary(options2.trivySummary, notes);
  const testsData = readSummary(options2.testsSummary, notes);
  let coverage = null;
  if (options2.coveragePercent !== void 0) coverage = { lineRate: options2.coveragePercent / 100, branchRate: null };
  else if (coverageData && num(coverageData.lineRate) !== void 0) coverage = { lineRate: num(coverageData.lineRate), branchRate: num(coverageData.branchRate) ?? null };
  let vulnerabilities = options2.vulnerabilities ?? null;
  if (!vulnerabilities && trivyData && typeof trivyData.bySeverity === "object" && trivyData.bySeverity !== null) {
    const counts = emptySeverityCounts();
    for (const s of SEVERITIES) counts[s] = num(trivyData.bySeverity[s]) ?? 0;
    vulnerabilities = counts;
  }
  const tests = testsData && num(testsData.tests) !== void 0 ? { tests: num(testsData.tests), failures: num(testsData.failures) ?? 0, errors: num(testsData.errors) ?? 0, skipped: num(testsData.skipped) ?? 0 } : null;
  const record = {
    schema: METRICS_SCHEMA,
    app: options2.app,
    build: options2.build,
    branch: options2.branch,
    commit: options2.commit ?? null,
    status: options2.status,
    timestamp: options2.timestamp ?? (/* @__PURE__ */ new Date()).toISOString(),
    durationMs: options2.durationMs ?? null,
    stages: options2.stages,
    coverage,
    vulnerabilities,
    tests,
    deployment: options2.environment ? { environment: options2.environment, version: options2.deployedVersion ?? "" } : null
  };
  const problem = metricsRecordProblem(record);
  if (problem) throw new HelperFailure(`the record would not be readable: ${problem}`);
  try {
    (0, import_node_fs3.mkdirSync)((0, import_node_path3.dirname)(options2.file), { recursive: true });
    (0, import_node_fs3.appendFileSync)(options2.file, `${JSON.stringify(record)}
`);
  } catch (error) {
    throw new HelperFailure(`cannot append to "${options2.file}": ${error.message}`);
  }
  return { ok: true, message: `recorded build ${record.build} of ${record.app} (${record.status}) in ${options2.file}${notes.length ? `; ${notes.join("; ")}` : ""}`, record, notes };
}
function parseStages(values) {
  const stages = {};
  for (const value of values) {
    const eq = value.lastIndexOf("=");
    const ms = eq > 0 ? durationMs(value.slice(eq + 1)) : null;
    if (ms === null) throw new HelperUsageError(`--stage takes NAME=DURATION (e.g. "Build=95s"), got "${value}"`);
    stages[value.slice(0, eq)] = ms;
  }
  return stages;
}
function parseVulnerabilities(value) {
  const counts = emptySeverityCounts();
  for (const pair of value.split(",").filter(Boolean)) {
    const m = /^([A-Za-z]+)=(\d+)$/.exec(pair.trim());
    const severity = m?.[1].toUpperCase();
    if (!m || !severity || !SEVERITIES.includes(severity)) throw new HelperUsageError(`--vulnerabilities takes SEVERITY=N pairs like CRITICAL=0,HIGH=2, got "${pair}"`);
    counts[severity] = Number(m[2]);
  }
  return counts;
}
var options = {
  file: { type: "string", valueName: "FILE", required: true, description: "the JSON Lines file to append to" },
  app: { type: "string", valueName: "NAME", required: true, description: "the application" },
  build: { type: "string", valueName: "ID", required: true, description: "the build number" },
  branch: { type: "string", valueName: "NAME", required: true, description: "the branch built" },
  commit: { type: "string", valueName: "SHA", description: "the commit built" },
  status: { type: "string", valueName: "STATUS", required: true, choices: BUILD_STATUSES, ignoreCase: true, description: "the build result" },
  duration: { type: "duration", description: "the whole run, e.g. 312s, 5m or milliseconds as 1500ms" },
  stage: { type: "string", valueName: "NAME=DURATION", multiple: true, description: "a stage and how long it took" },
  coverage: {
    type: "string",
    valueName: "PERCENT",
    check: { valid: (v) => /^\d+(\.\d+)?$/.test(v) && Number(v) <= 100, problem: "is not a percentage from 0 to 100" },
    description: "line coverage in percent"
  },
  "coverage-summary": { type: "string", valueName: "FILE", description: "gate-coverage's --summary file (used when --coverage is absent)" },
  vulnerabilities: { type: "string", valueName: "LIST", description: "counts like CRITICAL=0,HIGH=2,MEDIUM=5" },
  "trivy-summary": { type: "string", valueName: "FILE", description: "gate-trivy's --summary file (used when --vulnerabilities is absent)" },
  "tests-summary": { type: "string", valueName: "FILE", description: "test-summary's --summary file" },
  environment: { type: "string", valueName: "NAME", description: "the environment deployed to, if any" },
  "deployed-version": { type: "string", valueName: "VERSION", description: "the version (image tag) deployed" },
  timestamp: { type: "string", valueName: "ISO8601", check: { valid: (v) => !Number.isNaN(Date.parse(v)), problem: "is not an ISO 8601 date" }, description: "when the run ended (default: now)" }
};
function given(key, value) {
  return value === void 0 ? {} : { [key]: value };
}
var spec = {
  name: "record-metrics",
  summary: "Append one JSON line describing this run to a metrics file archived with the build; `pipewright report` charts a folder of them.",
  options,
  examples: [
    "record-metrics --file metrics/build-42.jsonl --app orders-api --build 42 --branch main --status SUCCESS --duration 312s --stage Build=95s --stage Test=120s --coverage-summary coverage-summary.json --trivy-summary trivy-summary.json --environment staging --deployed-version 42-abc1234"
  ],
  run: (o) => run({
    file: o.file,
    app: o.app,
    build: o.build,
    branch: o.branch,
    status: o.status,
    stages: parseStages(o.stage),
    ...given("durationMs", o.duration),
    ...given("coveragePercent", o.coverage === void 0 ? void 0 : Number(o.coverage)),
    ...given("vulnerabilities", o.vulnerabilities === void 0 ? void 0 : parseVulnerabilities(o.vulnerabilities)),
    ...given("timestamp", o.timestamp === void 0 ? void 0 : new Date(o.timestamp).toISOString()),
    ...given("commit", o.commit),
    ...given("coverageSummary", o["coverage-summary"]),
    ...given("trivySummary", o["trivy-summary"]),
    ...given("testsSummary", o["tests-summary"]),
    ...given("environment", o.environment),
    ...given("deployedVersion", o["deployed-version"])
  })
};
main(spec);
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  options,
  run,
  spec
});
