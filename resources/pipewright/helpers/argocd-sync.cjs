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

// src/helpers/argocd-sync.ts
var argocd_sync_exports = {};
__export(argocd_sync_exports, {
  ARGOCD_TOKEN_ENV: () => ARGOCD_TOKEN_ENV,
  options: () => options,
  run: () => run,
  spec: () => spec
});
module.exports = __toCommonJS(argocd_sync_exports);

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
async function boundedText(response, limit, describe2, attempt) {
  const tooLarge = () => new HttpError(mask(`${describe2()}: the answer is larger than ${limit} bytes; raise the limit with --max-input-mb or ${MAX_INPUT_ENV} if it is right`), response.status, attempt);
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

// src/helpers/ops/argocd.ts
function describe(response) {
  try {
    const body = response.json();
    return body.message ?? body.error ?? maskedExcerpt(response.text);
  } catch {
    return maskedExcerpt(response.text);
  }
}
var ArgoCdClient = class {
  constructor(target) {
    this.target = target;
  }
  target;
  url(path, query = {}) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, appNamespace: this.target.appNamespace })) if (v !== void 0 && v !== "") params.set(k, v);
    const qs = params.toString();
    return `${this.target.server.replace(/\/+$/, "")}/api/v1/applications/${path}${qs ? `?${qs}` : ""}`;
  }
  async call(method, url2, body, timeoutMs) {
    try {
      return await request({
        ...this.target.policy,
        // Near the deploy deadline one attempt, cut to the time left, so retries cannot outlast the gate.
        ...timeoutMs !== void 0 && timeoutMs < (this.target.policy.timeoutMs ?? 1e4) ? { timeoutMs: Math.max(1, timeoutMs), attempts: 1 } : {},
        url: url2,
        method,
        headers: { authorization: `Bearer ${this.target.token}`, accept: "application/json", ...body !== void 0 ? { "content-type": "application/json" } : {} },
        body
      });
    } catch (error) {
      if (error instanceof HttpError) throw new HelperFailure(`Argo CD did not answer: ${error.message}`);
      throw error;
    }
  }
  refuse(what, response) {
    const why = describe(response);
    if (response.status === 401) throw new HelperFailure(`Argo CD refused the token (401: ${why}) while trying to ${what}`);
    if (response.status === 403) throw new HelperFailure(`Argo CD denied ${what} (403: ${why}); check the token's project role, and that the application exists`);
    throw new HelperFailure(`Argo CD could not ${what} (${response.status}: ${why})`);
  }
  async getApplication(name, refresh = false, timeoutMs) {
    const response = await this.call("GET", this.url(encodeURIComponent(name), { refresh: refresh ? "normal" : void 0 }), void 0, timeoutMs);
    if (response.status === 404) throw new HelperFailure(`Argo CD has no application "${name}" (404: ${describe(response)})`);
    if (response.status !== 200) this.refuse(`read application "${name}"`, response);
    return response.json();
  }
  /** Starts a sync; resolves false when another operation is already running (someone else is syncing). */
  async sync(name, revision) {
    const body = { name, ...revision ? { revision } : {}, prune: false, dryRun: false };
    const response = await this.call("POST", this.url(`${encodeURIComponent(name)}/sync`), body);
    if (response.status === 200) return true;
    if (response.status === 400 && /another operation is already in progress/i.test(response.text)) return false;
    this.refuse(`sync application "${name}"`, response);
  }
  async resourceTree(name) {
    const response = await this.call("GET", this.url(`${encodeURIComponent(name)}/resource-tree`));
    if (response.status !== 200) this.refuse(`read the resource tree of "${name}"`, response);
    return response.json().nodes ?? [];
  }
  /** Runs a resource action (e.g. a Rollout's promote-full or abort): the resource in the query, the action name as the JSON body. */
  async runAction(name, resource, action) {
    const url2 = this.url(`${encodeURIComponent(name)}/resource/actions`, {
      namespace: resource.namespace,
      resourceName: resource.name,
      version: resource.version,
      group: resource.group,
      kind: resource.kind
    });
    const response = await this.call("POST", url2, JSON.stringify(action));
    if (response.status !== 200) this.refuse(`run action "${action}" on ${resource.kind} "${resource.name}"`, response);
  }
};

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

// src/helpers/ops/argocd-sync.ts
var revisionsOf = (app) => [app.status?.sync?.revision, ...app.status?.sync?.revisions ?? []].filter((r) => Boolean(r));
function revisionMatches(app, expected) {
  if (!expected) return true;
  return revisionsOf(app).some((r) => r === expected || expected.length >= 7 && /^[0-9a-f]+$/i.test(expected) && r.toLowerCase().startsWith(expected.toLowerCase()));
}
function imageRunning(app, image) {
  return (app.status?.summary?.images ?? []).some((i) => i === image || i.startsWith(`${image}@`));
}
function observe(app) {
  return {
    syncStatus: app.status?.sync?.status ?? null,
    syncedRevision: app.status?.sync?.revision ?? app.status?.sync?.revisions?.[0] ?? null,
    health: app.status?.health?.status ?? null,
    operationPhase: app.status?.operationState?.phase ?? null,
    images: app.status?.summary?.images ?? []
  };
}
function findRollout(app, name) {
  const rollouts = (app.status?.resources ?? []).filter((r) => r.kind === "Rollout" && (r.group ?? "") === "argoproj.io");
  return name ? rollouts.find((r) => r.name === name) : rollouts.length === 1 ? rollouts[0] : void 0;
}
function judge(app, plan, goal) {
  const o = observe(app);
  const atRevision = o.syncStatus === "Synced" && revisionMatches(app, plan.revision);
  const op = app.status?.operationState;
  if ((o.operationPhase === "Failed" || o.operationPhase === "Error") && (!plan.revision || (op?.syncResult?.revision ?? "").startsWith(plan.revision))) {
    return { phase: "failed", why: `the sync operation ${o.operationPhase.toLowerCase()}: ${op?.message ?? "no message"}` };
  }
  if (!atRevision && plan.mode !== "manual" && o.health === "Degraded" && plan.revision && revisionMatches(app, plan.revision) && o.operationPhase !== "Running") {
    return { phase: "failed", why: `Degraded and ${o.syncStatus ?? "not synced"} at the expected revision with no sync running: Argo CD cannot make it healthy by itself` };
  }
  if (!atRevision) return { phase: "waiting", why: `sync status ${o.syncStatus ?? "unknown"} at ${o.syncedRevision?.slice(0, 12) ?? "no revision"}${plan.revision ? `, waiting for ${plan.revision.slice(0, 12)}` : ""}` };
  if (o.operationPhase === "Running" || o.operationPhase === "Terminating") return { phase: "waiting", why: `a sync operation is ${o.operationPhase.toLowerCase()}` };
  if (goal === "preview") {
    const rollout = findRollout(app, plan.rollout);
    if (!rollout) return { phase: "failed", why: plan.rollout ? `the application has no Rollout "${plan.rollout}"` : "blue-green needs exactly one Rollout in the application (or --rollout NAME)" };
    const h = rollout.health?.status;
    if (h === "Suspended" || h === "Healthy") return { phase: "ready", why: `Rollout "${rollout.name}" is ${h === "Suspended" ? "paused with the preview up" : "healthy"}` };
    if (h === "Degraded") return { phase: "failed", why: `Rollout "${rollout.name}" is Degraded` };
    return { phase: "waiting", why: `Rollout "${rollout.name}" is ${h ?? "without health"}` };
  }
  if (o.health === "Healthy") return { phase: "ready", why: "synced and healthy" };
  if (o.health === "Degraded") return { phase: "failed", why: "synced at the expected revision but Degraded" };
  return { phase: "waiting", why: `synced, health ${o.health ?? "unknown"}` };
}
async function waitFor(client, plan, clock, goal, counter) {
  let first = counter.polls === 0;
  const outcome = await pollUntil({
    timeoutMs: clock.remaining(),
    intervalMs: plan.intervalMs,
    async check(remainingMs) {
      counter.polls++;
      const app = await client.getApplication(plan.app, first, remainingMs);
      first = false;
      const verdict = judge(app, plan, goal);
      return { done: verdict.phase !== "waiting", value: { app, ...verdict } };
    }
  });
  return outcome.last;
}
async function problems(client, app, name) {
  const bad = (h) => h !== void 0 && h !== "Healthy" && h !== "Suspended";
  const seen = /* @__PURE__ */ new Map();
  const add = (r) => {
    const key = `${r.kind}/${r.namespace ?? ""}/${r.name}`;
    if (!seen.has(key)) seen.set(key, { kind: r.kind, namespace: r.namespace ?? null, name: r.name, health: r.health?.status ?? null, status: r.status ?? null, message: r.health?.message ?? r.message ?? null });
  };
  for (const r of app?.status?.operationState?.syncResult?.resources ?? []) if (r.status === "SyncFailed") add(r);
  try {
    for (const node of await client.resourceTree(name)) if (bad(node.health?.status)) add(node);
  } catch {
  }
  for (const r of app?.status?.resources ?? []) if (bad(r.health?.status) || r.status === "OutOfSync") add(r);
  return [...seen.values()];
}
async function syncAndWait(client, plan) {
  const clock = deadline(plan.timeoutMs);
  const counter = { polls: 0 };
  const result = (ok, message, extra) => ({
    ok,
    message,
    app: plan.app,
    mode: plan.mode,
    strategy: plan.strategy,
    revision: plan.revision ?? null,
    synced: false,
    healthy: false,
    imageRunning: null,
    syncTriggered: false,
    promoted: false,
    aborted: false,
    preview: null,
    observed: null,
    degraded: [],
    polls: counter.polls,
    elapsedMs: clock.elapsed(),
    ...extra
  });
  const fail = async (message, last, extra = {}) => result(false, message, { observed: last ? observe(last) : null, synced: last ? last.status?.sync?.status === "Synced" && revisionMatches(last, plan.revision) : false, degraded: await problems(client, last, plan.app), ...extra, polls: counter.polls, elapsedMs: clock.elapsed() });
  let current = await client.getApplication(plan.app, true, clock.remaining());
  counter.polls++;
  let syncTriggered = false;
  if (plan.mode === "jenkins") {
    syncTriggered = await client.sync(plan.app, plan.revision);
  } else if (plan.mode === "auto" && !current.spec?.syncPolicy?.automated) {
    return fail(`application "${plan.app}" has no automated sync policy, so "auto" would wait forever; use sync mode "jenkins" or "manual"`, current);
  }
  const goal = plan.strategy === "blue-green" ? "preview" : "healthy";
  const seen = await waitFor(client, plan, clock, goal, counter);
  if (seen) current = seen.app;
  const timeoutText = `within ${plan.timeoutMs < 1e3 ? `${plan.timeoutMs} ms` : `${Math.round(plan.timeoutMs / 1e3)} s`}`;
  if (!seen || seen.phase !== "ready") {
    const why = seen?.phase === "failed" ? seen.why : `not ${goal === "preview" ? "ready for promotion" : "synced and healthy"} ${timeoutText} (${seen?.why ?? "no answer"})`;
    return fail(`${plan.app}: ${why}`, current, { syncTriggered });
  }
  let preview = null;
  let promoted = false;
  if (plan.strategy === "blue-green") {
    const rollout = findRollout(current, plan.rollout);
    if (rollout.health?.status === "Suspended") {
      if (plan.preview) {
        preview = await probeUntilHealthy({ ...plan.preview, timeoutMs: Math.min(plan.preview.timeoutMs, clock.remaining()) });
        if (!preview.healthy) {
          await client.runAction(plan.app, rollout, plan.abortAction);
          return fail(`${plan.app}: the preview at ${plan.preview.url} failed its health check (${preview.lastError}); the Rollout was aborted and stays on the active version`, current, { syncTriggered, preview, aborted: true });
        }
      }
      await client.runAction(plan.app, rollout, plan.promoteAction);
      promoted = true;
      const after = await waitFor(client, plan, clock, "healthy", counter);
      if (after) current = after.app;
      if (!after || after.phase !== "ready") {
        return fail(`${plan.app}: promoted, but not healthy ${timeoutText} (${after?.why ?? "no answer"})`, current, { syncTriggered, preview, promoted });
      }
    }
  }
  let running = null;
  if (plan.image) {
    running = imageRunning(current, plan.image);
    if (!running) {
      return fail(`${plan.app}: synced and healthy, but ${plan.image} is not running (running: ${observe(current).images.join(", ") || "none"})`, current, { syncTriggered, preview, promoted, imageRunning: false });
    }
  }
  const o = observe(current);
  const parts = [
    `${plan.app} synced at ${o.syncedRevision?.slice(0, 12) ?? "its revision"} and healthy`,
    promoted ? `promoted with "${plan.promoteAction}"` : "",
    preview ? `preview answered in ${preview.latencyMs} ms` : "",
    running ? `running ${plan.image}` : ""
  ].filter(Boolean);
  return result(true, parts.join("; "), { synced: true, healthy: true, imageRunning: running, syncTriggered, promoted, preview, observed: o, polls: counter.polls, elapsedMs: clock.elapsed() });
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

// src/helpers/argocd-sync.ts
var ARGOCD_TOKEN_ENV = "ARGOCD_TOKEN";
async function run(options2) {
  return { ...await syncAndWait(new ArgoCdClient(options2.target), options2.plan) };
}
var options = {
  server: { type: "url", description: "the Argo CD server, e.g. https://argocd.acme.internal", required: true },
  app: { type: "string", valueName: "NAME", description: "the Argo CD application", required: true },
  "app-namespace": { type: "string", valueName: "NS", description: "the Application's namespace (apps in any namespace)" },
  mode: { type: "string", valueName: "MODE", choices: ["manual", "auto", "jenkins"], description: "who syncs: someone else, Argo CD's auto-sync, or this helper", default: "auto" },
  revision: { type: "string", valueName: "SHA", description: "the GitOps commit the application must be synced to (7+ hex characters match a prefix)" },
  image: { type: "string", valueName: "REF", description: "an image that must be running (status.summary.images), e.g. registry/app:42-abc1234" },
  strategy: { type: "string", valueName: "NAME", choices: ["rolling", "blue-green"], description: "the deployment strategy (blue-green: an Argo Rollouts Rollout)", default: "rolling" },
  rollout: { type: "string", valueName: "NAME", description: "blue-green: the Rollout's name (default: the application's only Rollout)" },
  "preview-url": { type: "url", description: "blue-green: health-check this URL before promoting" },
  "preview-expect-body": { type: "string", valueName: "TEXT", description: "blue-green: text the preview's answer must contain" },
  "preview-timeout": { type: "duration", description: "blue-green: the preview health gate", default: "30s" },
  "promote-action": { type: "string", valueName: "ACTION", description: "blue-green: the Rollout action that promotes", default: "promote-full" },
  "abort-action": { type: "string", valueName: "ACTION", description: "blue-green: the Rollout action that aborts", default: "abort" },
  timeout: { type: "duration", description: "the deploy gate: everything within this", default: "5m" },
  interval: { type: "duration", description: "pause between polls", default: "5s" },
  "request-timeout": { type: "duration", description: "timeout of each request", default: "10s" },
  attempts: { type: "integer", min: 1, max: 10, description: "attempts per request on 429, 5xx or network errors", default: 4 },
  backoff: { type: "duration", description: "first retry delay, doubled each retry", default: "1s" }
};
function readOptions(o, env) {
  assertHostAllowed("argocd", o.server, env);
  const token = env[ARGOCD_TOKEN_ENV];
  if (!token) throw new HelperUsageError(`no Argo CD token: set env ${ARGOCD_TOKEN_ENV} (withCredentials)`);
  const previewUrl = o["preview-url"];
  if (previewUrl && o.strategy !== "blue-green") throw new HelperUsageError("--preview-url applies to --strategy blue-green");
  return {
    target: {
      server: o.server,
      token,
      appNamespace: o["app-namespace"],
      policy: { timeoutMs: o["request-timeout"], attempts: o.attempts, backoffMs: o.backoff, maxDelayMs: 3e4 }
    },
    plan: {
      app: o.app,
      mode: o.mode,
      revision: o.revision,
      image: o.image,
      strategy: o.strategy,
      rollout: o.rollout,
      preview: previewUrl ? { url: previewUrl, expectBody: o["preview-expect-body"] ?? null, timeoutMs: o["preview-timeout"], requestTimeoutMs: Math.min(o["request-timeout"], 5e3), intervalMs: o.interval } : null,
      promoteAction: o["promote-action"],
      abortAction: o["abort-action"],
      timeoutMs: o.timeout,
      intervalMs: o.interval
    }
  };
}
var spec = {
  name: "argocd-sync",
  summary: `Waits, within --timeout, until the Argo CD application is synced at --revision and healthy: synced by someone else (manual), by Argo CD's auto-sync (auto), or triggered here (jenkins); checks --image runs; for blue-green, checks the preview, then promotes or aborts the Rollout. Token from env ${ARGOCD_TOKEN_ENV}.`,
  options,
  examples: [
    'ARGOCD_TOKEN=\u2026 argocd-sync --server https://argocd.acme.internal --app orders-api-prod --mode manual --revision "$GITOPS_COMMIT" --image registry/orders-api:42-abc1234 --timeout 5m',
    "argocd-sync --server https://argocd.acme.internal --app orders-api-staging --mode jenkins --strategy blue-green --preview-url https://orders-preview.staging.acme.com/healthz"
  ],
  secretEnv: [ARGOCD_TOKEN_ENV],
  run: (o) => run(readOptions(o, process.env))
};
main(spec);
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  ARGOCD_TOKEN_ENV,
  options,
  run,
  spec
});
