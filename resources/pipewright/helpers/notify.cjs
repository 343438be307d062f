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

// src/helpers/notify.ts
var notify_exports = {};
__export(notify_exports, {
  options: () => options,
  run: () => run,
  spec: () => spec
});
module.exports = __toCommonJS(notify_exports);

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
function maskedExcerpt(text, max = 200) {
  return mask(text.trim()).slice(0, max);
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

// src/helpers/ops/event.ts
var NOTIFY_EVENTS = ["success", "failure", "security", "deployment", "approval", "approval-expired", "awaiting-sync", "rollback"];
var BUILD_RESULTS = ["UNSTABLE", "FAILURE", "ABORTED"];
var SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"];
function counts(value) {
  const out = {};
  if (!value || typeof value !== "object") return out;
  for (const s of SEVERITIES) {
    const n = value[s] ?? value[s.toLowerCase()];
    if (typeof n === "number" && Number.isFinite(n)) out[s] = n;
  }
  return out;
}
function readSecuritySummary(json) {
  const root = json && typeof json === "object" ? json : {};
  const holder = root.counts && typeof root.counts === "object" ? root.counts : root;
  const str = (v) => typeof v === "string" && v ? v : null;
  return {
    verdict: str(root.verdict) ?? str(root.status),
    target: str(root.target) ?? str(root.image) ?? str(root.artifactName),
    vulnerabilities: counts(holder.vulnerabilities),
    secrets: counts(holder.secrets),
    misconfigurations: counts(holder.misconfigurations)
  };
}
function formatCounts(c) {
  const parts = SEVERITIES.filter((s) => (c[s] ?? 0) > 0).map((s) => `${c[s]} ${s.toLowerCase()}`);
  return parts.length ? parts.join(", ") : "none";
}
function failureLinks(ctx) {
  const base = ctx.buildUrl ? ctx.buildUrl.endsWith("/") ? ctx.buildUrl : `${ctx.buildUrl}/` : null;
  return {
    log: ctx.logUrl ?? (base ? `${base}console` : null),
    stage: ctx.stageUrl ?? (base ? `${base}flowGraphTable/` : null),
    rebuild: ctx.rebuildUrl ?? (base ? `${base}restart/` : null)
  };
}
function headline(ctx) {
  const who = ctx.buildName ?? ctx.app;
  const where = ctx.environment ? ` to ${ctx.environment}` : "";
  const version = ctx.version ? ` ${ctx.version}` : "";
  switch (ctx.event) {
    case "success":
      return `${who} succeeded`;
    case "failure": {
      const what = ctx.result === "UNSTABLE" ? "is unstable" : ctx.result === "ABORTED" ? "was aborted" : "failed";
      return ctx.failedStage ? `${who} ${what} at stage "${ctx.failedStage}"` : `${who} ${what}`;
    }
    case "security":
      return `${who}: security findings${ctx.security?.verdict ? ` (${ctx.security.verdict})` : ""}`;
    case "deployment":
      return `${ctx.app}${version} deployed${where}`;
    case "approval":
      return `${ctx.app}${version} waits for approval to deploy${where}`;
    case "approval-expired":
      return `${ctx.app}${version}: the approval to deploy${where} was not given (it expired or was rejected); nothing was deployed`;
    case "awaiting-sync":
      return `${ctx.app}${version} is ready${where}: sync it in Argo CD`;
    case "rollback":
      return `${ctx.app} rolled back${where}${version ? ` to${version}` : ""}`;
  }
}

// src/helpers/ops/email.ts
function renderEmail(ctx) {
  const status = { success: "SUCCESS", failure: "FAILED", security: "SECURITY", deployment: "DEPLOYED", approval: "APPROVAL NEEDED", "approval-expired": "NOT APPROVED", "awaiting-sync": "SYNC NEEDED", rollback: "ROLLED BACK" }[ctx.event];
  const subject = `[${status}] ${headline(ctx)}`.replace(/[\r\n]+/g, " ");
  const lines = [headline(ctx), ""];
  if (ctx.text) lines.push(ctx.text, "");
  const facts = [
    ["Application", ctx.app],
    ["Environment", ctx.environment],
    ["Version", ctx.version],
    ["Branch", ctx.branch],
    ["Commit", ctx.commit],
    ["Failed stage", ctx.event === "failure" ? ctx.failedStage : null]
  ];
  for (const [label, value] of facts) if (value) lines.push(`${label}: ${value}`);
  if (ctx.event === "security" && ctx.security) {
    const s = ctx.security;
    lines.push("", "Trivy summary:");
    if (s.target) lines.push(`  Target: ${s.target}`);
    lines.push(`  Vulnerabilities: ${formatCounts(s.vulnerabilities)}`, `  Secrets: ${formatCounts(s.secrets)}`, `  Misconfigurations: ${formatCounts(s.misconfigurations)}`);
  }
  if (ctx.event === "approval") {
    lines.push("", ctx.approvers.length ? `Approvers: ${ctx.approvers.join(", ")}` : "Any authorised user may approve.");
    if (ctx.inputUrl) lines.push(`Review and approve: ${ctx.inputUrl}`);
  }
  if (ctx.event === "failure") {
    const links = failureLinks(ctx);
    lines.push("");
    if (links.log) lines.push(`Console log: ${links.log}`);
    if (links.stage) lines.push(`Failed stage: ${links.stage}`);
    if (links.rebuild) lines.push(`Rebuild (restart from the failed stage): ${links.rebuild}`);
  }
  if (ctx.buildUrl) lines.push("", `Build: ${ctx.buildUrl}`);
  return { subject, body: `${lines.join("\n")}
`, mimeType: "text/plain" };
}
function writeEmail(file, email) {
  writeFileAtomic(file, `${JSON.stringify(email, null, 2)}
`);
}

// src/helpers/shared/http.ts
var HttpError = class extends Error {
  constructor(message, status, attempts, body) {
    super(message);
    this.status = status;
    this.attempts = attempts;
    this.body = body;
    this.name = "HttpError";
  }
  status;
  attempts;
  body;
};
var RETRYABLE_STATUS = /* @__PURE__ */ new Set([408, 425, 429, 500, 502, 503, 504]);
function parseRetryAfter(value, now = Date.now()) {
  if (!value) return void 0;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1e3;
  const date = Date.parse(value);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - now);
}
async function boundedText(response, limit, describe, attempt) {
  const tooLarge = () => new HttpError(mask(`${describe()}: the answer is larger than ${limit} bytes; raise the limit with --max-input-mb or ${MAX_INPUT_ENV} if it is right`), response.status, attempt);
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => void 0);
    throw tooLarge();
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks = [];
  let total = 0;
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => void 0);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString("utf8");
}
var sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function request(req) {
  const attempts = Math.max(1, req.attempts ?? 4);
  const timeoutMs = req.timeoutMs ?? 1e4;
  const backoffMs = req.backoffMs ?? 500;
  const maxDelayMs = req.maxDelayMs ?? 3e4;
  const headers = { "user-agent": "pipewright-helper", ...req.headers };
  let body;
  if (req.body !== void 0) {
    body = typeof req.body === "string" ? req.body : JSON.stringify(req.body);
    if (typeof req.body !== "string" && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
      headers["content-type"] = "application/json";
    }
  }
  const method = req.method ?? (body === void 0 ? "GET" : "POST");
  let lastReason = "";
  let lastStatus;
  let lastBody;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let retryAfterMs;
    try {
      const response = await fetch(req.url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "follow"
      });
      const text = await boundedText(response, req.maxBodyBytes ?? inputLimit("http"), () => `${method} ${safeUrl(req.url)}`, attempt);
      if (!RETRYABLE_STATUS.has(response.status)) {
        return {
          status: response.status,
          headers: response.headers,
          text,
          attempts: attempt,
          json() {
            return JSON.parse(text);
          }
        };
      }
      lastStatus = response.status;
      lastBody = text;
      lastReason = `HTTP ${response.status}`;
      retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      const e = error;
      lastStatus = void 0;
      lastReason = e.name === "TimeoutError" || e.name === "AbortError" ? `no answer within ${timeoutMs} ms` : `${e.cause?.code ?? e.name}: ${e.cause?.message ?? e.message}`;
    }
    if (attempt === attempts) break;
    const exponential = Math.min(maxDelayMs, backoffMs * 2 ** (attempt - 1));
    const delayMs = Math.min(maxDelayMs, retryAfterMs ?? Math.round(exponential * (0.5 + Math.random() / 2)));
    req.onRetry?.({ attempt, delayMs, reason: lastReason });
    await sleep(delayMs);
  }
  throw new HttpError(
    mask(`${method} ${safeUrl(req.url)} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${lastReason}`),
    lastStatus,
    attempts,
    lastBody
  );
}
function safeUrl(url2) {
  try {
    const u = new URL(url2);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

// src/helpers/ops/slack.ts
var HEADER_MAX = 150;
var SECTION_MAX = 3e3;
var FIELD_MAX = 2e3;
var BUTTON_TEXT_MAX = 75;
var clip = (text, max) => text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`;
function escapeMrkdwn(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
var ICON = { success: ":white_check_mark:", failure: ":x:", security: ":rotating_light:", deployment: ":rocket:", approval: ":raised_hand:", "approval-expired": ":hourglass:", "awaiting-sync": ":arrows_counterclockwise:", rollback: ":rewind:" };
function field(label, value) {
  return value ? [{ type: "mrkdwn", text: clip(`*${label}*
${escapeMrkdwn(value)}`, FIELD_MAX) }] : [];
}
function button(text, url2, style) {
  return url2 ? [{ type: "button", text: { type: "plain_text", text: clip(text, BUTTON_TEXT_MAX) }, url: url2, ...style ? { style } : {} }] : [];
}
function slackMessage(ctx, channel) {
  const title = headline(ctx);
  const blocks = [{ type: "header", text: { type: "plain_text", text: clip(`${ICON[ctx.event]} ${title}`, HEADER_MAX), emoji: true } }];
  if (ctx.text) blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(escapeMrkdwn(ctx.text), SECTION_MAX) } });
  const fields = [
    ...field("Application", ctx.app),
    ...field("Environment", ctx.environment),
    ...field("Version", ctx.version),
    ...field("Branch", ctx.branch),
    ...field("Commit", ctx.commit ? ctx.commit.slice(0, 12) : null),
    ...field("Failed stage", ctx.event === "failure" ? ctx.failedStage : null)
  ];
  if (fields.length) blocks.push({ type: "section", fields: fields.slice(0, 10) });
  if (ctx.event === "security" && ctx.security) {
    const s = ctx.security;
    const lines = [
      s.target ? `*Target:* ${escapeMrkdwn(s.target)}` : "",
      `*Vulnerabilities:* ${formatCounts(s.vulnerabilities)}`,
      `*Secrets:* ${formatCounts(s.secrets)}`,
      `*Misconfigurations:* ${formatCounts(s.misconfigurations)}`
    ].filter(Boolean);
    blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(lines.join("\n"), SECTION_MAX) } });
  }
  if (ctx.event === "approval") {
    const who = ctx.approvers.length ? `Approvers: ${ctx.approvers.map(escapeMrkdwn).join(", ")}` : "Any authorised user may approve";
    const until = ctx.approvalTimeout ? `; the request expires after ${escapeMrkdwn(ctx.approvalTimeout)}` : "";
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: clip(`${who}${until}. The approver must not be the commit author or the user who started the build.`, SECTION_MAX) }] });
  }
  const links = ctx.event === "failure" ? failureLinks(ctx) : null;
  const elements = [
    ...ctx.event === "approval" ? button("Review and approve", ctx.inputUrl, "primary") : [],
    ...links ? button("Console log", links.log) : [],
    ...links ? button("Failed stage", links.stage) : [],
    ...links ? button("Rebuild", links.rebuild, "danger") : [],
    ...button("Open build", ctx.buildUrl)
  ];
  if (elements.length) blocks.push({ type: "actions", elements });
  return { text: `${ICON[ctx.event]} ${title}`, blocks, ...channel ? { channel } : {} };
}
async function postToSlack(webhookUrl, message, policy) {
  addSecret(webhookUrl);
  try {
    const path = new URL(webhookUrl).pathname;
    addSecret(path);
    const token = path.split("/").pop() ?? "";
    if (token.length >= 8) addSecret(token);
  } catch {
    return { delivered: false, attempts: 0, status: null, error: "the Slack webhook URL is not a URL" };
  }
  try {
    const response = await request({ ...policy, url: webhookUrl, method: "POST", body: message });
    const ok = response.status === 200;
    return { delivered: ok, attempts: response.attempts, status: response.status, error: ok ? null : `Slack answered ${response.status} ${maskedExcerpt(response.text)}` };
  } catch (error) {
    if (error instanceof HttpError) return { delivered: false, attempts: error.attempts, status: error.status ?? null, error: error.message };
    throw error;
  }
}

// src/helpers/shared/allowed-hosts.ts
var allowedHostsEnv = (kind) => `PW_ALLOWED_HOSTS_${kind.toUpperCase()}`;
function hostOf(address) {
  try {
    const url2 = new URL(address);
    return url2.hostname ? url2.hostname.replace(/^\[|\]$/g, "").toLowerCase() : null;
  } catch {
    const scp = /^(?:[^@/:]+@)?([^/:]+):/.exec(address);
    return scp ? scp[1].toLowerCase() : null;
  }
}
function hostAllowed(host, allowed) {
  const h = host.toLowerCase().replace(/\.$/, "");
  return allowed.some((a) => {
    const entry = a.toLowerCase();
    return entry.startsWith("*.") ? h.endsWith(entry.slice(1)) && h.length > entry.length - 1 : h === entry;
  });
}
function assertHostAllowed(kind, address, env = process.env) {
  const list2 = env[allowedHostsEnv(kind)];
  if (list2 === void 0 || list2.trim() === "*") return;
  const allowed = list2.split(",").map((h) => h.trim()).filter(Boolean);
  const host = hostOf(address);
  if (host !== null && hostAllowed(host, allowed)) return;
  throw new HelperFailure(
    `the organisation's policy does not allow sending the ${kind} credential to ${host ?? "an address with no host"} (allowed: ${allowed.length ? allowed.join(", ") : "no host"}); nothing was sent`,
    { refusedHost: host }
  );
}

// src/helpers/ops/notify.ts
async function sendNotification(ctx, delivery) {
  const warnings = [];
  if (delivery.emailOut) writeEmail(delivery.emailOut, renderEmail(ctx));
  let slack = null;
  if (delivery.webhookUrl) {
    assertHostAllowed("slack", delivery.webhookUrl);
    const result = await postToSlack(delivery.webhookUrl, slackMessage(ctx, delivery.channel), {
      ...delivery.policy,
      onRetry: ({ attempt, delayMs, reason }) => warnings.push(`Slack attempt ${attempt} failed (${reason}); retrying in ${delayMs} ms`)
    });
    slack = { ...result, channel: delivery.channel ?? null };
    if (!result.delivered) warnings.push(`the ${ctx.event} notification was not delivered to Slack: ${result.error}`);
  } else if (!delivery.emailOut) {
    warnings.push("nothing to send: SLACK_WEBHOOK_URL is not set and no --email-out was given");
  }
  const delivered = slack?.delivered ?? false;
  const failed = slack !== null && !slack.delivered;
  const ok = !(failed && delivery.failOnError);
  const parts = [slack ? slack.delivered ? `sent to Slack${slack.channel ? ` (${slack.channel})` : ""}` : "not delivered to Slack" : null, delivery.emailOut ? `e-mail written to ${delivery.emailOut}` : null].filter(Boolean);
  const message = `${ctx.event} notification ${parts.join("; ") || "not sent"}${failed && ok ? " (a failed notification does not fail the build)" : ""}`;
  return { ok, message, event: ctx.event, delivered, slack, emailOut: delivery.emailOut ?? null, warnings };
}

// src/helpers/ops/notify-options.ts
var SLACK_WEBHOOK_ENV = "SLACK_WEBHOOK_URL";
var NOTIFY_CONTEXT_OPTIONS = {
  app: { type: "string", valueName: "NAME", description: "the application name", required: true },
  "build-name": { type: "string", valueName: "TEXT", description: 'the build as people know it, e.g. "orders-api #42" (env.JOB_NAME + env.BUILD_NUMBER)' },
  "build-url": { type: "url", description: "the build's page (env.BUILD_URL); failure links default from it" },
  branch: { type: "string", valueName: "NAME", description: "the branch built" },
  commit: { type: "string", valueName: "SHA", description: "the commit built" },
  version: { type: "string", valueName: "TAG", description: "the version (image tag) built or deployed" },
  environment: { type: "string", valueName: "NAME", description: "the target environment" },
  text: { type: "string", valueName: "TEXT", description: "free text added under the headline" },
  channel: {
    type: "string",
    valueName: "#NAME",
    check: { valid: /^[#@]?[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, problem: 'is not a channel such as "#deploys"' },
    description: "overrides the webhook's default channel (honoured by legacy webhooks)"
  },
  "email-out": { type: "string", valueName: "FILE", description: "also render the e-mail: JSON {subject, body, mimeType} for Jenkins' mail step" },
  "request-timeout": { type: "duration", description: "timeout of each request to Slack", default: "10s" },
  attempts: { type: "integer", min: 1, max: 10, description: "attempts per message, the first included", default: 4 },
  backoff: { type: "duration", description: "first retry delay, doubled each retry (a 429 waits its Retry-After instead)", default: "1s" },
  "fail-on-error": { type: "boolean", description: "exit 1 when Slack does not take the message (default: warn and exit 0)" }
};
function notifyContext(options2, event, extra = {}) {
  return {
    event,
    app: options2.app ?? "",
    buildName: options2["build-name"] ?? null,
    buildUrl: options2["build-url"] ?? null,
    branch: options2.branch ?? null,
    commit: options2.commit ?? null,
    version: options2.version ?? null,
    environment: options2.environment ?? null,
    failedStage: null,
    logUrl: null,
    stageUrl: null,
    rebuildUrl: null,
    inputUrl: null,
    approvers: [],
    approvalTimeout: null,
    security: null,
    result: null,
    text: options2.text ?? null,
    ...extra
  };
}
function notifyDelivery(options2, env) {
  return {
    webhookUrl: env[SLACK_WEBHOOK_ENV] || void 0,
    channel: options2.channel,
    emailOut: options2["email-out"],
    failOnError: options2["fail-on-error"],
    policy: { timeoutMs: options2["request-timeout"], attempts: options2.attempts, backoffMs: options2.backoff, maxDelayMs: 3e4 }
  };
}

// src/helpers/ops/warn.ts
function printWarnings(helper, warnings) {
  for (const w of warnings) process.stderr.write(mask(`${helper}: warning: ${w}
`));
}

// src/helpers/notify.ts
async function run(options2) {
  const outcome = await sendNotification(options2.context, options2.delivery);
  printWarnings("notify", outcome.warnings);
  return { ...outcome };
}
var options = {
  event: { type: "string", valueName: "EVENT", choices: NOTIFY_EVENTS, description: "the event", required: true },
  ...NOTIFY_CONTEXT_OPTIONS,
  "failed-stage": { type: "string", valueName: "NAME", description: "failure: the stage that failed" },
  "build-result": {
    type: "string",
    valueName: "RESULT",
    // SUCCESS is taken and means no result to show: the step passes currentBuild.currentResult as it is.
    choices: ["SUCCESS", ...BUILD_RESULTS],
    description: "failure: the build's result, which the headline names (SUCCESS names none)"
  },
  "log-url": { type: "url", description: "failure: the log link (default BUILD_URL/console)" },
  "stage-url": { type: "url", description: "failure: the failed stage link (default BUILD_URL/flowGraphTable/)" },
  "rebuild-url": { type: "url", description: "failure: the rebuild link (default BUILD_URL/restart/, Restart from Stage)" },
  "trivy-summary": { type: "json-file", parse: readSecuritySummary, description: "security: gate-trivy's summary JSON" },
  "input-url": { type: "url", description: "approval: the link to the waiting input (BUILD_URL/input/)" },
  approvers: { type: "list", description: "approval: who may approve, comma-separated" },
  "approval-timeout": { type: "string", valueName: "DURATION", description: "approval: how long the request stays open" }
};
function readOptions(o, env) {
  if (o.event === "security" && !o["trivy-summary"]) throw new HelperUsageError("--event security needs --trivy-summary FILE");
  const result = o["build-result"];
  const extra = {
    failedStage: o["failed-stage"] ?? null,
    logUrl: o["log-url"] ?? null,
    stageUrl: o["stage-url"] ?? null,
    rebuildUrl: o["rebuild-url"] ?? null,
    inputUrl: o["input-url"] ?? null,
    approvers: o.approvers,
    approvalTimeout: o["approval-timeout"] ?? null,
    result: result === void 0 || result === "SUCCESS" ? null : result,
    security: o["trivy-summary"] ?? null
  };
  return { context: notifyContext(o, o.event, extra), delivery: notifyDelivery(o, env) };
}
var spec = {
  name: "notify",
  summary: `Sends a Block Kit message about a pipeline event to the Slack incoming webhook in env ${SLACK_WEBHOOK_ENV}, and renders the e-mail. A message Slack does not take is a warning (exit 0, delivered: false) unless --fail-on-error.`,
  options,
  examples: [
    'SLACK_WEBHOOK_URL=\u2026 notify --event failure --app orders-api --build-name "orders-api #42" --build-url "$BUILD_URL" --failed-stage Test --email-out mail.json',
    'notify --event security --app orders-api --trivy-summary reports/trivy-summary.json --channel "#security"'
  ],
  secretEnv: [SLACK_WEBHOOK_ENV],
  run: (o) => run(readOptions(o, process.env))
};
main(spec);
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  options,
  run,
  spec
});
