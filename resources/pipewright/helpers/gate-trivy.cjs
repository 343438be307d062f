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

// src/helpers/gate-trivy.ts
var gate_trivy_exports = {};
__export(gate_trivy_exports, {
  options: () => options,
  run: () => run,
  spec: () => spec
});
module.exports = __toCommonJS(gate_trivy_exports);

// src/helpers/shared/cli.ts
var import_node_util = require("node:util");
var import_node_path2 = require("node:path");

// src/helpers/shared/atomic.ts
var import_node_crypto = require("node:crypto");
var import_node_fs = require("node:fs");
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
    const stat = (0, import_node_fs.lstatSync)(file);
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
    fd = (0, import_node_fs.openSync)(temp, "wx", 420);
    created = true;
    const mode = existingFileMode(file);
    if (mode !== null) (0, import_node_fs.fchmodSync)(fd, mode);
    for (let written = 0; written < bytes.length; ) written += (0, import_node_fs.writeSync)(fd, bytes, written, bytes.length - written);
    (0, import_node_fs.fsyncSync)(fd);
    (0, import_node_fs.closeSync)(fd);
    fd = void 0;
    (0, import_node_fs.renameSync)(temp, file);
  } catch (error) {
    if (fd !== void 0) (0, import_node_fs.closeSync)(fd);
    if (created) (0, import_node_fs.rmSync)(temp, { force: true });
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

// src/helpers/shared/bounded-read.ts
var import_node_fs2 = require("node:fs");
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
    fd = (0, import_node_fs2.openSync)(file, import_node_fs2.constants.O_RDONLY | import_node_fs2.constants.O_NONBLOCK | import_node_fs2.constants.O_NOCTTY);
  } catch (error) {
    const code = error.code;
    throw new InputRefused(`cannot read ${what}: ${code === "ENOENT" ? "no such file" : code ?? error.message}`, "unreadable", code);
  }
  try {
    const stat = (0, import_node_fs2.fstatSync)(fd);
    if (!stat.isFile()) throw new InputRefused(`${what} is ${kindOf(stat)}, not a regular file; name the file itself`, "not-a-file");
    if (stat.size > limit) throw tooLargeError(what, stat.size, limit);
    const into = buffer && buffer.length > limit ? buffer : Buffer.allocUnsafe(Math.min(limit, stat.size) + 1);
    let length = 0;
    for (; ; ) {
      const n = (0, import_node_fs2.readSync)(fd, into, length, into.length - length, null);
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
    (0, import_node_fs2.closeSync)(fd);
  }
}
function readRest(fd, first, length, limit, what) {
  const chunks = [first.subarray(0, length)];
  let total = length;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (; ; ) {
    const n = (0, import_node_fs2.readSync)(fd, chunk, 0, Math.min(chunk.length, limit + 1 - total), null);
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
  const given = typeof raw === "string" && raw !== "" ? raw : void 0;
  const text = given ?? ("default" in o && o.default !== void 0 ? String(o.default) : void 0);
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

// src/helpers/reports/format-error.ts
var ReportFormatError = class extends Error {
};

// src/helpers/reports/trivy.ts
var SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"];
var FINDING_KINDS = ["vulnerability", "secret", "misconfiguration"];
var TrivyFormatError = class extends ReportFormatError {
};
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var str = (v) => typeof v === "string" ? v : v === void 0 || v === null ? "" : String(v);
function toSeverity(value) {
  const s = str(value).toUpperCase();
  return SEVERITIES.includes(s) ? s : "UNKNOWN";
}
function parseTrivyReport(text) {
  if (text.trim() === "") throw new TrivyFormatError("the report is empty");
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TrivyFormatError(`the report is not JSON: ${error.message}`);
  }
  if (Array.isArray(data)) {
    throw new TrivyFormatError(
      'this is a legacy Trivy report (a top-level JSON array, before schema version 2); run Trivy 0.20 or later with "--format json"'
    );
  }
  if (!isObject(data)) throw new TrivyFormatError("the report is not a Trivy JSON object");
  const findings = [];
  let results = 0;
  const readResults = (list2, resource) => {
    if (list2 === void 0 || list2 === null) return;
    if (!Array.isArray(list2)) throw new TrivyFormatError('"Results" is not an array');
    for (const result of list2) {
      if (!isObject(result)) throw new TrivyFormatError('an entry of "Results" is not an object');
      results++;
      for (const finding of resultFindings(result, resource)) findings.push(finding);
    }
  };
  if ("ClusterName" in data || "Resources" in data) {
    const resources = [
      ...arrayOf(data.Resources, "Resources"),
      ...arrayOf(data.Vulnerabilities, "Vulnerabilities"),
      ...arrayOf(data.Misconfigurations, "Misconfigurations")
    ];
    for (const r of resources) {
      if (!isObject(r)) throw new TrivyFormatError("a k8s resource entry is not an object");
      readResults(r.Results, [str(r.Namespace), str(r.Kind), str(r.Name)].filter(Boolean).join("/"));
    }
    return { format: "k8s", artifact: str(data.ClusterName), findings, results };
  }
  if (data.SchemaVersion !== 2) {
    throw new TrivyFormatError(
      data.SchemaVersion === void 0 ? 'not a Trivy report: no "SchemaVersion" (expected 2) and no k8s "ClusterName"/"Resources"' : `unsupported Trivy SchemaVersion ${JSON.stringify(data.SchemaVersion)}; this gate reads schema version 2`
    );
  }
  readResults(data.Results);
  return { format: "schema2", artifact: str(data.ArtifactName), findings, results };
}
function arrayOf(value, name) {
  if (value === void 0 || value === null) return [];
  if (!Array.isArray(value)) throw new TrivyFormatError(`"${name}" is not an array`);
  return value;
}
function resultFindings(result, resource) {
  const target = str(result.Target);
  const out = [];
  const base = { target, ...resource ? { resource } : {} };
  for (const v of arrayOf(result.Vulnerabilities, "Vulnerabilities")) {
    if (!isObject(v)) continue;
    const status = str(v.Status);
    const fixedVersion = str(v.FixedVersion);
    out.push({
      kind: "vulnerability",
      id: str(v.VulnerabilityID),
      aliases: [],
      severity: toSeverity(v.Severity),
      ...base,
      title: str(v.Title),
      pkg: str(v.PkgName),
      installedVersion: str(v.InstalledVersion),
      fixedVersion,
      fixable: status ? status === "fixed" : fixedVersion !== ""
    });
  }
  for (const s of arrayOf(result.Secrets, "Secrets")) {
    if (!isObject(s)) continue;
    out.push({ kind: "secret", id: str(s.RuleID), aliases: [], severity: toSeverity(s.Severity), ...base, title: str(s.Title), fixable: true });
  }
  for (const m of arrayOf(result.Misconfigurations, "Misconfigurations")) {
    if (!isObject(m) || m.Status !== void 0 && m.Status !== "FAIL") continue;
    out.push({
      kind: "misconfiguration",
      id: str(m.ID),
      aliases: m.AVDID ? [str(m.AVDID)] : [],
      severity: toSeverity(m.Severity),
      ...base,
      title: str(m.Title),
      fixable: true
    });
  }
  return out;
}
var emptySeverityCounts = () => ({ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 });
var emptyKindCounts = () => ({ vulnerability: emptySeverityCounts(), secret: emptySeverityCounts(), misconfiguration: emptySeverityCounts() });
function applyGate(findings, policy) {
  const found = emptyKindCounts();
  const counted = emptyKindCounts();
  const countedBySeverity = emptySeverityCounts();
  const active = policy.ignores.filter((e) => e.until >= policy.today);
  const expired = policy.ignores.filter((e) => e.until < policy.today).map((e) => ({ ...e, matches: 0 }));
  const matches = (f, e) => f.id === e.id || f.aliases.includes(e.id);
  let ignoredUnfixed = 0;
  let ignoredByList = 0;
  const kept = [];
  for (const f of findings) {
    found[f.kind][f.severity]++;
    for (const e of expired) if (matches(f, e)) e.matches++;
    if (policy.ignoreUnfixed && f.kind === "vulnerability" && !f.fixable) ignoredUnfixed++;
    else if (active.some((e) => matches(f, e))) ignoredByList++;
    else {
      counted[f.kind][f.severity]++;
      countedBySeverity[f.severity]++;
      kept.push(f);
    }
  }
  const bySeverity = (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
  const blocking = kept.filter((f) => policy.failOn.includes(f.severity)).sort(bySeverity);
  const warning = kept.filter((f) => !policy.failOn.includes(f.severity) && policy.warnOn.includes(f.severity)).sort(bySeverity);
  const verdict = blocking.length ? "fail" : warning.length ? "warn" : "pass";
  return { verdict, found, counted, countedBySeverity, ignoredUnfixed, ignoredByList, expiredIgnores: expired, blocking, warning };
}
function parseIgnoreList(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TrivyFormatError(`the ignore file is not JSON: ${error.message}`);
  }
  if (!Array.isArray(data)) throw new TrivyFormatError('the ignore file must be a JSON array of {"id", "until", "reason"}');
  return data.map((e, i) => {
    if (!isObject(e) || typeof e.id !== "string" || !e.id || typeof e.reason !== "string" || !e.reason.trim() || !isDate(e.until)) {
      throw new TrivyFormatError(`ignore entry ${i + 1} needs "id", "until" (YYYY-MM-DD) and "reason"`);
    }
    return { id: e.id, until: e.until, reason: e.reason };
  });
}
function isDate(value) {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = /* @__PURE__ */ new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

// src/helpers/reports/text.ts
function textTable(header, rows) {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r) => r.map((c, i) => i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])).join("  ").trimEnd();
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}
function markdownTable(header, rows) {
  const cell = (c) => String(c).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r?\n/g, " ");
  const align = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === "number") ? "---:" : "---");
  return [header, align, ...rows].map((r) => `| ${r.map(cell).join(" | ")} |`).join("\n");
}
function readReport(file, what) {
  try {
    return readBoundedText(file, `the ${what} "${file}"`, "report");
  } catch (error) {
    if (error instanceof InputRefused) throw new HelperFailure(error.message, { verdict: "error" });
    throw error;
  }
}
function parseReportFile(file, what, parse) {
  try {
    return parse(readReport(file, what));
  } catch (error) {
    if (error instanceof ReportFormatError) throw new HelperFailure(`${file}: ${error.message}`, { verdict: "error" });
    throw error;
  }
}

// src/helpers/gate-trivy.ts
var LISTED_FINDINGS = 50;
var KIND_LABEL = { vulnerability: "vulnerabilities", secret: "secrets", misconfiguration: "misconfigurations" };
async function run(options2) {
  const report = parseReportFile(options2.file, "Trivy report", parseTrivyReport);
  const ignores = options2.ignoreFile ? parseReportFile(options2.ignoreFile, "ignore file", parseIgnoreList) : [];
  const outcome = applyGate(report.findings, { failOn: options2.failOn, warnOn: options2.warnOn, ignoreUnfixed: options2.ignoreUnfixed, ignores, today: options2.today });
  const summary = {
    schema: "pipewright.trivy-summary/1",
    file: options2.file,
    format: report.format,
    artifact: report.artifact,
    results: report.results,
    verdict: outcome.verdict,
    failOn: options2.failOn,
    warnOn: options2.warnOn,
    ignoreUnfixed: options2.ignoreUnfixed,
    counts: outcome.counted,
    bySeverity: outcome.countedBySeverity,
    found: outcome.found,
    ignoredUnfixed: outcome.ignoredUnfixed,
    ignoredByList: outcome.ignoredByList,
    expiredIgnores: outcome.expiredIgnores,
    blocking: outcome.blocking.slice(0, LISTED_FINDINGS).map(brief),
    warnings: outcome.warning.slice(0, LISTED_FINDINGS).map(brief)
  };
  (options2.print ?? ((t) => process.stdout.write(t)))(`${textTable(["kind", ...SEVERITIES], countRows(outcome))}
`);
  if (options2.summary) writeFileAtomic(options2.summary, `${JSON.stringify(summary, null, 2)}
`);
  if (options2.markdown) writeFileAtomic(options2.markdown, markdownReport(report, outcome, options2));
  const message = verdictMessage(outcome, options2);
  return { ok: outcome.verdict !== "fail", unstable: outcome.verdict === "warn", message, ...summary };
}
function brief(f) {
  return {
    kind: f.kind,
    id: f.id,
    severity: f.severity,
    target: f.target,
    ...f.resource ? { resource: f.resource } : {},
    ...f.pkg ? { pkg: f.pkg, installedVersion: f.installedVersion ?? "", fixedVersion: f.fixedVersion ?? "" } : {},
    title: f.title
  };
}
function countRows(outcome) {
  const rows = FINDING_KINDS.map((k) => [KIND_LABEL[k], ...SEVERITIES.map((s) => outcome.counted[k][s])]);
  rows.push(["total", ...SEVERITIES.map((s) => outcome.countedBySeverity[s])]);
  return rows;
}
function verdictMessage(outcome, options2) {
  const counts = (list2) => list2.map((s) => `${outcome.countedBySeverity[s]} ${s}`).join(", ");
  const notes = [
    outcome.ignoredUnfixed ? `${outcome.ignoredUnfixed} unfixed ignored` : "",
    outcome.ignoredByList ? `${outcome.ignoredByList} ignored by the ignore list` : "",
    ...outcome.expiredIgnores.map((e) => `ignore entry "${e.id}" expired on ${e.until}${e.matches ? ` and no longer hides ${e.matches} finding(s)` : ""}`)
  ].filter(Boolean);
  const tail = notes.length ? ` (${notes.join("; ")})` : "";
  if (outcome.verdict === "fail") return `security gate failed: ${counts(options2.failOn.filter((s) => outcome.countedBySeverity[s] > 0))}${tail}`;
  if (outcome.verdict === "warn") return `security gate passed with warnings: ${counts(options2.warnOn.filter((s) => outcome.countedBySeverity[s] > 0))}${tail}`;
  return `security gate passed: no findings of the gated severities${tail}`;
}
function markdownReport(report, outcome, options2) {
  const icon = { pass: "PASSED", warn: "PASSED WITH WARNINGS", fail: "FAILED" }[outcome.verdict];
  const lines = [
    `# Security scan: ${icon}`,
    "",
    `Report \`${options2.file}\`${report.artifact ? ` for \`${report.artifact}\`` : ""} (${report.format === "k8s" ? "trivy k8s" : "schema 2"}, ${report.results} result(s)).`,
    `Fails on ${options2.failOn.join(", ") || "nothing"}; warns on ${options2.warnOn.join(", ") || "nothing"}${options2.ignoreUnfixed ? "; unfixed vulnerabilities ignored" : ""}.`,
    "",
    markdownTable(["kind", ...SEVERITIES], countRows(outcome)),
    ""
  ];
  if (outcome.ignoredUnfixed || outcome.ignoredByList) lines.push(`Not counted: ${outcome.ignoredUnfixed} unfixed, ${outcome.ignoredByList} on the ignore list.`, "");
  if (outcome.expiredIgnores.length) {
    lines.push("## Expired ignore entries", "", markdownTable(["id", "until", "matches", "reason"], outcome.expiredIgnores.map((e) => [e.id, e.until, e.matches, e.reason])), "");
  }
  const listed = [...outcome.blocking, ...outcome.warning].slice(0, LISTED_FINDINGS);
  if (listed.length) {
    lines.push(
      "## Findings",
      "",
      markdownTable(
        ["severity", "id", "kind", "target", "package", "installed", "fixed", "title"],
        listed.map((f) => [f.severity, f.id, f.kind, f.resource ? `${f.resource} ${f.target}` : f.target, f.pkg ?? "", f.installedVersion ?? "", f.fixedVersion ?? "", f.title])
      ),
      ""
    );
    const more = outcome.blocking.length + outcome.warning.length - listed.length;
    if (more > 0) lines.push(`\u2026and ${more} more.`, "");
  }
  return `${lines.join("\n")}`;
}
var options = {
  file: { type: "string", valueName: "FILE", required: true, description: "the Trivy JSON report (trivy image|fs|k8s --format json)" },
  "fail-on": { type: "list", valueName: "LIST", default: "CRITICAL,HIGH", choices: SEVERITIES, ignoreCase: true, description: 'comma-separated severities that fail the gate ("" for none)' },
  "warn-on": { type: "list", valueName: "LIST", default: "MEDIUM,LOW", choices: SEVERITIES, ignoreCase: true, description: 'comma-separated severities that make the build unstable ("" for none)' },
  "ignore-unfixed": { type: "boolean", description: "do not count vulnerabilities without a fix" },
  "ignore-file": { type: "string", valueName: "FILE", description: 'JSON array of {"id", "until": "YYYY-MM-DD", "reason"}; an entry ignores through its until day' },
  today: { type: "string", valueName: "YYYY-MM-DD", check: { valid: isDate, problem: "is not a date as YYYY-MM-DD" }, description: "the date ignore entries are compared with (default: today, UTC)" },
  summary: { type: "string", valueName: "FILE", description: "write the summary JSON to FILE" },
  markdown: { type: "string", valueName: "FILE", description: "write a Markdown report to FILE" }
};
var spec = {
  name: "gate-trivy",
  summary: 'Apply the security gate to a Trivy JSON report: exit 1 on a failing severity, exit 0 with "unstable": true on a warning one.',
  options,
  examples: ["gate-trivy --file trivy.json --fail-on CRITICAL,HIGH --warn-on MEDIUM,LOW --ignore-unfixed --summary trivy-summary.json --markdown trivy.md"],
  run: (o) => run({
    file: o.file,
    failOn: o["fail-on"],
    warnOn: o["warn-on"],
    ignoreUnfixed: o["ignore-unfixed"],
    ...o["ignore-file"] !== void 0 ? { ignoreFile: o["ignore-file"] } : {},
    today: o.today ?? (/* @__PURE__ */ new Date()).toISOString().slice(0, 10),
    ...o.summary !== void 0 ? { summary: o.summary } : {},
    ...o.markdown !== void 0 ? { markdown: o.markdown } : {}
  })
};
main(spec);
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  options,
  run,
  spec
});
