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

// src/helpers/health-check.ts
var health_check_exports = {};
__export(health_check_exports, {
  PROMETHEUS_TOKEN_ENV: () => PROMETHEUS_TOKEN_ENV,
  options: () => options,
  run: () => run,
  spec: () => spec
});
module.exports = __toCommonJS(health_check_exports);

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

// src/helpers/ops/poll.ts
var sleep2 = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function deadline(timeoutMs, now = Date.now) {
  const start = now();
  return {
    remaining: () => Math.max(0, start + timeoutMs - now()),
    expired: () => now() >= start + timeoutMs,
    elapsed: () => now() - start
  };
}
async function pollUntil(options2) {
  const clock = deadline(options2.timeoutMs, options2.now);
  const wait = options2.sleep ?? sleep2;
  let last;
  let attempts = 0;
  for (; ; ) {
    attempts++;
    const observation = await options2.check(clock.remaining());
    last = observation.value;
    if (observation.done) return { done: true, last, attempts, elapsedMs: clock.elapsed() };
    if (clock.expired()) return { done: false, last, attempts, elapsedMs: clock.elapsed() };
    await wait(Math.min(options2.intervalMs, clock.remaining()));
    if (clock.expired()) return { done: false, last, attempts, elapsedMs: clock.elapsed() };
  }
}

// src/helpers/ops/health.ts
async function probeUntilHealthy(probe) {
  const latencies = [];
  let lastAnswered;
  const outcome = await pollUntil({
    timeoutMs: probe.timeoutMs,
    intervalMs: probe.intervalMs,
    now: probe.now,
    sleep: probe.sleep,
    async check(remainingMs) {
      const started = performance.now();
      try {
        const response = await request({ url: probe.url, headers: probe.headers, attempts: 1, timeoutMs: Math.max(1, Math.min(probe.requestTimeoutMs, remainingMs)) });
        const latencyMs = Math.round(performance.now() - started);
        latencies.push(latencyMs);
        if (response.status < 200 || response.status > 299) {
          lastAnswered = { status: response.status, latencyMs, error: `HTTP ${response.status}` };
          return { done: false, value: lastAnswered };
        }
        if (probe.expectBody !== null && !response.text.includes(probe.expectBody)) {
          lastAnswered = { status: response.status, latencyMs, error: `HTTP ${response.status} but the body does not contain "${probe.expectBody}"` };
          return { done: false, value: lastAnswered };
        }
        return { done: true, value: { status: response.status, latencyMs, error: null } };
      } catch (error) {
        const status = error instanceof HttpError ? error.status ?? null : null;
        const latencyMs = status === null ? null : Math.round(performance.now() - started);
        if (latencyMs !== null) latencies.push(latencyMs);
        const reason = error instanceof HttpError ? error.message.replace(/^.*failed after 1 attempt: /, "") : error.message;
        const attempt = { status, latencyMs, error: reason };
        if (status !== null) lastAnswered = attempt;
        return { done: false, value: attempt };
      }
    }
  });
  return {
    healthy: outcome.done,
    attempts: outcome.attempts,
    status: outcome.done ? outcome.last?.status ?? null : (lastAnswered ?? outcome.last)?.status ?? null,
    latencyMs: outcome.last?.latencyMs ?? null,
    latenciesMs: latencies,
    elapsedMs: outcome.elapsedMs,
    lastError: outcome.done ? null : (lastAnswered ?? outcome.last)?.error ?? null
  };
}

// src/helpers/ops/prometheus.ts
var PRESETS = {
  "error-rate": {
    query: 'sum(rate(http_requests_total{namespace="{namespace}",app="{app}",status=~"5.."}[{window}])) / sum(rate(http_requests_total{namespace="{namespace}",app="{app}"}[{window}]))',
    unit: "ratio"
  },
  "latency-p95": {
    query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="{namespace}",app="{app}"}[{window}])))',
    unit: "seconds"
  },
  "latency-p99": {
    query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="{namespace}",app="{app}"}[{window}])))',
    unit: "seconds"
  },
  "request-volume": { query: 'sum(rate(http_requests_total{namespace="{namespace}",app="{app}"}[{window}]))', unit: "requests/s" },
  cpu: { query: 'sum(rate(container_cpu_usage_seconds_total{namespace="{namespace}",pod=~"{app}-.*",container!=""}[{window}]))', unit: "cores" },
  memory: { query: 'sum(max_over_time(container_memory_working_set_bytes{namespace="{namespace}",pod=~"{app}-.*",container!=""}[{window}]))', unit: "bytes" },
  "db-latency": {
    query: 'histogram_quantile(0.95, sum by (le) (rate(db_query_duration_seconds_bucket{namespace="{namespace}",app="{app}"}[{window}])))',
    unit: "seconds"
  }
};
function readChecks(json) {
  if (!Array.isArray(json) || json.length === 0) throw new HelperUsageError("--checks must hold a non-empty JSON list of {name, preset|query, max, min}");
  return json.map((c, i) => {
    const where = `--checks entry ${i + 1}`;
    if (!c || typeof c !== "object") throw new HelperUsageError(`${where} is not an object`);
    const { name, preset, query, max, min } = c;
    if (typeof name !== "string" || !name) throw new HelperUsageError(`${where} has no "name"`);
    if (preset === void 0 === (query === void 0)) throw new HelperUsageError(`${where} ("${name}") needs exactly one of "preset" and "query"`);
    if (preset !== void 0 && (typeof preset !== "string" || !(preset in PRESETS))) throw new HelperUsageError(`${where} ("${name}"): unknown preset; use one of ${Object.keys(PRESETS).join(", ")}`);
    if (query !== void 0 && (typeof query !== "string" || !query.trim())) throw new HelperUsageError(`${where} ("${name}"): "query" must be a PromQL string`);
    for (const [k, v] of [["max", max], ["min", min]]) {
      if (v !== void 0 && v !== null && (typeof v !== "number" || !Number.isFinite(v))) throw new HelperUsageError(`${where} ("${name}"): "${k}" must be a number`);
    }
    return { name, preset: preset ?? null, query: query ?? null, max: max ?? null, min: min ?? null };
  });
}
var promLabel = (value) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
function resolveQuery(check, vars) {
  const template = check.preset ? PRESETS[check.preset].query : check.query;
  return template.replace(/\{app\}/g, promLabel(vars.app)).replace(/\{namespace\}/g, promLabel(vars.namespace)).replace(/\{window\}/g, vars.window);
}
function samples(data) {
  const values = data.resultType === "scalar" ? [data.result[1]] : data.resultType === "vector" ? data.result.map((s) => s.value[1]) : [];
  return values.map(Number).filter((n) => !Number.isNaN(n));
}
async function evaluate(target, check, query, allowNoData) {
  const base = { name: check.name, query, max: check.max, min: check.min };
  let response;
  try {
    response = await request({
      ...target.policy,
      url: `${target.baseUrl.replace(/\/+$/, "")}/api/v1/query`,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...target.token ? { authorization: `Bearer ${target.token}` } : {} },
      body: new URLSearchParams({ query }).toString()
    });
  } catch (error) {
    if (error instanceof HttpError) return { ...base, value: null, status: "error", detail: error.message };
    throw error;
  }
  let parsed;
  try {
    parsed = response.json();
  } catch {
    parsed = void 0;
  }
  if (response.status !== 200 || !parsed || parsed.status !== "success" || !parsed.data) {
    const why = parsed?.error ? `${parsed.errorType ?? "error"}: ${parsed.error}` : maskedExcerpt(response.text);
    return { ...base, value: null, status: "error", detail: `Prometheus answered ${response.status}: ${why}` };
  }
  const values = samples(parsed.data);
  if (values.length === 0) {
    return { ...base, value: null, status: allowNoData ? "pass" : "no-data", detail: allowNoData ? "no data (allowed)" : "the query returned no data, so the check cannot pass" };
  }
  const high = Math.max(...values);
  const low = Math.min(...values);
  if (check.max !== null && high > check.max) return { ...base, value: high, status: "breach", detail: `${high} is above the maximum ${check.max}` };
  if (check.min !== null && low < check.min) return { ...base, value: low, status: "breach", detail: `${low} is below the minimum ${check.min}` };
  const value = check.max !== null ? high : check.min !== null ? low : high;
  const bounds = [check.min !== null ? `>= ${check.min}` : "", check.max !== null ? `<= ${check.max}` : ""].filter(Boolean).join(" and ");
  return { ...base, value, status: "pass", detail: bounds ? `${value} is ${bounds}` : `${value} (recorded, no threshold)` };
}

// src/helpers/health-check.ts
var PROMETHEUS_TOKEN_ENV = "PROMETHEUS_TOKEN";
async function verifyMetrics(m) {
  const outcome = await pollUntil({
    timeoutMs: m.watchMs,
    intervalMs: m.intervalMs,
    async check() {
      const results = [];
      for (const c of m.checks) results.push(await evaluate(m.target, c, resolveQuery(c, m.vars), m.allowNoData));
      return { done: results.some((r) => r.status !== "pass"), value: results };
    }
  });
  return { rounds: outcome.attempts, checks: outcome.last ?? [] };
}
async function run(options2) {
  let health = null;
  if (options2.probe) {
    health = await probeUntilHealthy(options2.probe);
    if (!health.healthy) {
      return {
        ok: false,
        message: `${options2.probe.url} did not become healthy within ${options2.probe.timeoutMs} ms (${health.attempts} attempt${health.attempts === 1 ? "" : "s"}; last: ${health.lastError})`,
        url: options2.probe.url,
        ...health,
        metrics: null
      };
    }
  }
  const parts = health && options2.probe ? [`${options2.probe.url} answered ${health.status} in ${health.latencyMs} ms after ${health.attempts} attempt${health.attempts === 1 ? "" : "s"}`] : [];
  let metrics = null;
  if (options2.metrics) {
    const verified = await verifyMetrics(options2.metrics);
    const failed = verified.checks.filter((c) => c.status !== "pass");
    metrics = { window: options2.metrics.vars.window, rounds: verified.rounds, checks: verified.checks, failed: failed.map((c) => c.name) };
    parts.push(failed.length ? `metrics failed: ${failed.map((c) => `${c.name} (${c.detail})`).join("; ")}` : `${verified.checks.length} metric check${verified.checks.length === 1 ? "" : "s"} passed`);
  }
  const ok = !metrics || metrics.failed.length === 0;
  return { ok, message: parts.join("; "), url: options2.probe?.url ?? null, ...health ?? {}, healthy: ok, metrics };
}
var options = {
  url: { type: "url", description: "the endpoint to poll" },
  "expect-body": { type: "string", valueName: "TEXT", description: "text the 2xx body must contain" },
  timeout: { type: "duration", description: "the health gate: give up after this long", default: "30s" },
  interval: { type: "duration", description: "pause between polls (and between metric rounds)", default: "1s" },
  "request-timeout": { type: "duration", description: "timeout of each request", default: "5s" },
  prometheus: { type: "url", description: `the Prometheus base URL (bearer token from env ${PROMETHEUS_TOKEN_ENV}, if set)` },
  checks: { type: "json-file", parse: readChecks, description: "JSON list of {name, preset|query, max, min}" },
  window: {
    type: "string",
    valueName: "DURATION",
    // PromQL's own duration units, not the helpers' (no fractions, but weeks and years).
    check: { valid: /^\d+(ms|s|m|h|d|w|y)$/, problem: "is not a PromQL duration such as 5m" },
    description: "the PromQL range substituted for {window}",
    default: "5m"
  },
  watch: { type: "duration", description: "keep re-evaluating the checks this long (0: once)", default: "0s" },
  app: { type: "string", valueName: "NAME", description: "substituted for {app} in queries" },
  namespace: { type: "string", valueName: "NAME", description: "substituted for {namespace} in queries", default: "default" },
  attempts: { type: "integer", min: 1, max: 10, description: "attempts per Prometheus query", default: 3 },
  backoff: { type: "duration", description: "first retry delay for Prometheus queries", default: "1s" },
  "allow-no-data": { type: "boolean", description: "a query that returns nothing passes instead of failing" }
};
function readOptions(o, env) {
  if (!o.url && !o.prometheus) throw new HelperUsageError("give --url, --prometheus, or both");
  const probe = o.url ? { url: o.url, expectBody: o["expect-body"] ?? null, timeoutMs: o.timeout, requestTimeoutMs: o["request-timeout"], intervalMs: o.interval } : null;
  let metrics = null;
  if (o.prometheus) {
    if (!o.checks) throw new HelperUsageError("--prometheus needs --checks FILE");
    if (!o.app) throw new HelperUsageError("--prometheus needs --app (substituted for {app})");
    metrics = {
      target: {
        baseUrl: o.prometheus,
        token: env[PROMETHEUS_TOKEN_ENV] || void 0,
        policy: { timeoutMs: o["request-timeout"], attempts: o.attempts, backoffMs: o.backoff }
      },
      checks: o.checks,
      vars: { app: o.app, namespace: o.namespace, window: o.window },
      watchMs: o.watch,
      intervalMs: o.interval,
      allowNoData: o["allow-no-data"]
    };
  }
  return { probe, metrics };
}
var spec = {
  name: "health-check",
  summary: "Polls --url until it answers 2xx (and contains --expect-body) within --timeout, reporting latency; with --prometheus, evaluates PromQL checks (presets or queries with max/min) and fails on a breach, so the deploy rolls back.",
  options,
  examples: [
    "health-check --url https://orders.acme.com/healthz --expect-body ok --timeout 30s",
    "health-check --url https://orders.acme.com/healthz --prometheus https://prometheus.acme.internal --app orders-api --namespace prod --window 5m --checks checks.json"
  ],
  secretEnv: [PROMETHEUS_TOKEN_ENV],
  run: (o) => run(readOptions(o, process.env))
};
main(spec);
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  PROMETHEUS_TOKEN_ENV,
  options,
  run,
  spec
});
