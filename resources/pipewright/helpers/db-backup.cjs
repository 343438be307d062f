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

// src/helpers/db-backup.ts
var db_backup_exports = {};
__export(db_backup_exports, {
  options: () => options,
  run: () => run,
  spec: () => spec
});
module.exports = __toCommonJS(db_backup_exports);

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

// src/helpers/db/backup.ts
var import_node_fs5 = require("node:fs");
var import_node_path5 = require("node:path");

// src/helpers/db/catalog.ts
var import_node_crypto2 = require("node:crypto");
var import_node_fs3 = require("node:fs");
var import_node_path3 = require("node:path");
var MANIFEST_FORMAT = "pipewright-db-backup/1";
var NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
var BUILD_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;
var BACKUP_NAME_PATTERN = /^[a-z0-9][a-z0-9-]*_[a-z0-9][a-z0-9-]*_\d{8}T\d{6}\.\d{3}Z_b[A-Za-z0-9][A-Za-z0-9.-]*$/;
function backupName(app, env, build, time) {
  const stamp = time.toISOString().replace(/[-:]/g, "");
  return `${app}_${env}_${stamp}_b${build}`;
}
function backupPaths(dir, name) {
  return { dumpPath: (0, import_node_path3.join)(dir, `${name}.dump`), checksumPath: (0, import_node_path3.join)(dir, `${name}.sha256`), manifestPath: (0, import_node_path3.join)(dir, `${name}.json`) };
}
function backupSummary(m) {
  return { backup: m.name, size: m.size, sha256: m.sha256, app: m.app, env: m.env, build: m.build, time: m.time, pgDumpVersion: m.pgDumpVersion };
}
function checksumFileText(manifest) {
  return `${manifest.sha256}  ${manifest.file}
`;
}
function sha256File(path) {
  return new Promise((resolve, reject) => {
    const hash = (0, import_node_crypto2.createHash)("sha256");
    (0, import_node_fs3.createReadStream)(path).on("data", (chunk) => hash.update(chunk)).on("error", reject).on("end", () => resolve(hash.digest("hex")));
  });
}
var regularFile = (path) => (0, import_node_fs3.lstatSync)(path, { throwIfNoEntry: false })?.isFile() === true;
function readManifest(path) {
  if (!regularFile(path)) return null;
  try {
    const m = JSON.parse(readBoundedText(path, `the backup manifest "${path}"`, "record"));
    if (m.format !== MANIFEST_FORMAT || typeof m.name !== "string" || !BACKUP_NAME_PATTERN.test(m.name)) return null;
    if (`${m.name}.json` !== (0, import_node_path3.basename)(path) || m.file !== `${m.name}.dump`) return null;
    return m;
  } catch {
    return null;
  }
}
function readCatalog(dir, filter = {}) {
  if (!(0, import_node_fs3.existsSync)(dir) || !(0, import_node_fs3.statSync)(dir).isDirectory()) throw new HelperFailure(`backup folder "${dir}" does not exist; mount the shared storage or create it`);
  const entries = [];
  for (const file of (0, import_node_fs3.readdirSync)(dir)) {
    if (!file.endsWith(".json") || file.startsWith(".")) continue;
    const manifest = readManifest((0, import_node_path3.join)(dir, file));
    if (!manifest) continue;
    if (filter.app && manifest.app !== filter.app || filter.env && manifest.env !== filter.env || filter.database && manifest.database !== filter.database) continue;
    const paths = backupPaths(dir, manifest.name);
    if (regularFile(paths.dumpPath) && (regularFile(paths.checksumPath) || !(0, import_node_fs3.lstatSync)(paths.checksumPath, { throwIfNoEntry: false }))) entries.push({ manifest, ...paths });
  }
  return entries.sort((a, b) => a.manifest.time.localeCompare(b.manifest.time) || a.manifest.name.localeCompare(b.manifest.name));
}
function pruneBackups(dir, key, keep, protect) {
  const entries = readCatalog(dir, key);
  const excess = entries.filter((e) => e.manifest.name !== protect).slice(0, Math.max(0, entries.length - keep));
  for (const entry of excess) {
    (0, import_node_fs3.rmSync)(entry.manifestPath, { force: true });
    (0, import_node_fs3.rmSync)(entry.dumpPath, { force: true });
    (0, import_node_fs3.rmSync)(entry.checksumPath, { force: true });
  }
  return excess.map((e) => e.manifest.name);
}

// src/helpers/db/on-signal.ts
var SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"];
function cleanupOnSignal(cleanup) {
  const release = () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
  function handler(signal) {
    release();
    try {
      cleanup();
    } finally {
      process.kill(process.pid, signal);
    }
  }
  for (const signal of SIGNALS) process.on(signal, handler);
  return release;
}

// src/helpers/db/pg-tools.ts
var import_node_child_process = require("node:child_process");
var import_node_fs4 = require("node:fs");
var import_node_os = require("node:os");
var import_node_path4 = require("node:path");
var TLS_MODES = ["require", "verify-ca", "verify-full"];
var CLEARTEXT_MODES = ["prefer", "allow", "disable"];
var TLS_OVERRIDING_ENV = ["PGSSLMODE", "PGREQUIRESSL", "PGSERVICE", "PGSERVICEFILE", "PGSSLNEGOTIATION"];
function findPgBin(given, env = process.env) {
  if (given) {
    if (!(0, import_node_fs4.existsSync)((0, import_node_path4.join)(given, "pg_dump"))) throw new HelperFailure(`no pg_dump in --pg-bin "${given}"`);
    return given;
  }
  for (const dir of (env.PATH ?? "").split(import_node_path4.delimiter)) {
    if (dir && (0, import_node_fs4.existsSync)((0, import_node_path4.join)(dir, "pg_dump"))) return dir;
  }
  const pgConfig = (0, import_node_child_process.spawnSync)("pg_config", ["--bindir"], { encoding: "utf8", timeout: 1e4 });
  const bindir = pgConfig.status === 0 ? pgConfig.stdout.trim() : "";
  if (bindir && (0, import_node_fs4.existsSync)((0, import_node_path4.join)(bindir, "pg_dump"))) return bindir;
  const debian = "/usr/lib/postgresql";
  if ((0, import_node_fs4.existsSync)(debian)) {
    const versions = (0, import_node_fs4.readdirSync)(debian).filter((v) => /^\d+$/.test(v) && (0, import_node_fs4.existsSync)((0, import_node_path4.join)(debian, v, "bin", "pg_dump"))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return (0, import_node_path4.join)(debian, versions[0], "bin");
  }
  throw new HelperFailure("pg_dump not found: install the PostgreSQL client (Debian: postgresql-client) or pass --pg-bin DIR");
}
function passfileField(value) {
  return value.replace(/\\/g, "\\\\").replace(/:/g, "\\:");
}
function pgEnvironment(env = process.env, sslmode = "require") {
  const childEnv = { ...env, PGCONNECT_TIMEOUT: env.PGCONNECT_TIMEOUT ?? "30" };
  for (const name of TLS_OVERRIDING_ENV) delete childEnv[name];
  childEnv.PGSSLMODE = sslmode;
  const password = env.PGPASSWORD;
  if (!password || /[\r\n]/.test(password)) return { env: childEnv, dispose: () => void 0 };
  const dir = (0, import_node_fs4.mkdtempSync)((0, import_node_path4.join)((0, import_node_os.tmpdir)(), "pw-pgpass-"));
  const file = (0, import_node_path4.join)(dir, "pgpass");
  (0, import_node_fs4.writeFileSync)(file, `*:*:*:${passfileField(env.PGUSER ?? "*")}:${passfileField(password)}
`, { mode: 384 });
  delete childEnv.PGPASSWORD;
  childEnv.PGPASSFILE = file;
  const remove = () => (0, import_node_fs4.rmSync)(dir, { recursive: true, force: true });
  const release = cleanupOnSignal(remove);
  return {
    env: childEnv,
    dispose() {
      release();
      remove();
    }
  };
}
function connectionArgs(connection) {
  return ["--host", connection.host, "--port", String(connection.port), "--dbname", connection.database, "--no-password"];
}
function runPgTool(tool, args, options2) {
  return new Promise((resolve, reject) => {
    const child = (0, import_node_child_process.spawn)((0, import_node_path4.join)(options2.bin, tool), args, { env: options2.env, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    let err = "";
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err = (err + d.toString("utf8")).slice(-8192));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options2.timeoutMs);
    const release = cleanupOnSignal(() => child.kill("SIGKILL"));
    child.on("error", (error) => {
      clearTimeout(timer);
      release();
      reject(new HelperFailure(`${tool} could not start: ${error.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      release();
      if (code === 0) return resolve(Buffer.concat(out).toString("utf8"));
      const why = timedOut ? `timed out after ${Math.round(options2.timeoutMs / 1e3)} s` : signal ? `was killed by ${signal}` : `failed (exit ${code})`;
      const detail = mask(err.trim().split("\n").slice(-5).join("\n"));
      if (/server does not support SSL, but SSL was required/.test(err)) {
        const why2 = `${tool} refused to connect: the database server does not offer TLS, and connections require it (--sslmode ${options2.env.PGSSLMODE ?? "require"}); turn ssl on at the server, or pass --sslmode disable where cleartext is acceptable (the password exchange and the data then cross the network unencrypted)`;
        return reject(new HelperFailure(why2, { tool, toolExitCode: code, tls: "refused" }));
      }
      reject(new HelperFailure(`${tool} ${why}${detail ? `: ${detail}` : ""}`, { tool, toolExitCode: code }));
    });
  });
}
async function pgToolVersion(tool, options2) {
  return (await runPgTool(tool, ["--version"], { ...options2, timeoutMs: Math.min(options2.timeoutMs, 3e4) })).trim();
}

// src/helpers/db/backup.ts
var DUMP_MODE = 416;
async function backupDatabase(options2) {
  const started = Date.now();
  readCatalog(options2.dir);
  const bin = findPgBin(options2.pgBin, options2.processEnv);
  const pg = pgEnvironment(options2.processEnv, options2.connection.sslmode);
  try {
    const run2 = { bin, env: pg.env, timeoutMs: options2.timeoutMs };
    const pgDumpVersion = await pgToolVersion("pg_dump", run2);
    const time = (options2.now ?? (() => /* @__PURE__ */ new Date()))();
    const name = backupName(options2.app, options2.env, options2.build, time);
    const paths = backupPaths(options2.dir, name);
    if ((0, import_node_fs5.existsSync)(paths.dumpPath) || (0, import_node_fs5.existsSync)(paths.manifestPath)) throw new HelperFailure(`backup "${name}" already exists in "${options2.dir}"`);
    const temp = (0, import_node_path5.join)(options2.dir, `.${name}.dump.partial`);
    const removePartial = () => {
      (0, import_node_fs5.rmSync)(temp, { force: true });
      (0, import_node_fs5.rmSync)(paths.dumpPath, { force: true });
      (0, import_node_fs5.rmSync)(paths.checksumPath, { force: true });
    };
    const release = cleanupOnSignal(removePartial);
    let manifest;
    try {
      (0, import_node_fs5.closeSync)((0, import_node_fs5.openSync)(temp, "wx", DUMP_MODE));
      await runPgTool("pg_dump", [...connectionArgs(options2.connection), "--format=custom", "--file", temp], run2);
      const toc = await runPgTool("pg_restore", ["--list", temp], run2);
      const tocEntries = toc.split("\n").filter((line) => line.trim() && !line.startsWith(";")).length;
      const size = (0, import_node_fs5.statSync)(temp).size;
      const sha256 = await sha256File(temp);
      manifest = {
        format: MANIFEST_FORMAT,
        name,
        file: `${name}.dump`,
        size,
        sha256,
        app: options2.app,
        env: options2.env,
        build: options2.build,
        time: time.toISOString(),
        database: options2.connection.database,
        host: options2.connection.host,
        port: options2.connection.port,
        pgDumpVersion,
        tocEntries
      };
      (0, import_node_fs5.renameSync)(temp, paths.dumpPath);
      writeFileAtomic(paths.checksumPath, checksumFileText(manifest));
      writeFileAtomic(paths.manifestPath, `${JSON.stringify(manifest, null, 2)}
`);
    } catch (error) {
      removePartial();
      throw error;
    } finally {
      release();
    }
    const key = { app: options2.app, env: options2.env, database: options2.connection.database };
    const deleted = pruneBackups(options2.dir, key, options2.retention, name);
    const kept = readCatalog(options2.dir, key).length;
    return { manifest, ...paths, deleted, kept, durationMs: Date.now() - started };
  } finally {
    pg.dispose();
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

// src/helpers/db/options.ts
var HOST_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9.:-]{0,252})$/;
var DATABASE_PATTERN = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;
var DATABASE_CHECK = { valid: DATABASE_PATTERN, problem: "is not a database name" };
var NAME_CHECK = { valid: NAME_PATTERN, problem: "must be lower-case letters, digits and dashes" };
var BUILD_CHECK = { valid: BUILD_PATTERN, problem: "must be letters, digits, dots and dashes" };
var CONNECTION_OPTIONS = {
  host: { type: "string", valueName: "HOST", required: true, check: { valid: HOST_PATTERN, problem: "is not a host name or address" }, description: "database server host name or address" },
  port: { type: "integer", valueName: "PORT", min: 1, max: 65535, default: 5432, description: "database server port" },
  database: { type: "string", valueName: "NAME", required: true, check: DATABASE_CHECK, description: "database name" },
  "pg-bin": { type: "string", valueName: "DIR", description: "folder holding pg_dump and pg_restore (default: PATH, then pg_config --bindir)" },
  timeout: { type: "duration", default: "60m", description: "time limit for pg_dump or pg_restore (e.g. 30m, 2h)" },
  sslmode: {
    type: "string",
    valueName: "MODE",
    default: "require",
    choices: [...TLS_MODES, ...CLEARTEXT_MODES],
    description: `libpq sslmode: ${TLS_MODES.join(", ")} (TLS required), or ${CLEARTEXT_MODES.join(", ")} (allows cleartext: an explicit opt-out, for a server without TLS)`
  }
};
var DIR_OPTION = {
  dir: { type: "string", valueName: "DIR", required: true, description: "the backup folder (shared storage the agents mount)" }
};
var CREDENTIAL_ENV_NOTE = "Credentials come only from the environment: PGUSER and PGPASSWORD (or PGPASSFILE); never pass them as arguments.";
function readConnection(options2) {
  assertHostAllowed("database", `postgres://${options2.host}`);
  return { host: options2.host, port: options2.port, database: options2.database, sslmode: options2.sslmode };
}

// src/helpers/db-backup.ts
async function run(options2) {
  const outcome = await backupDatabase({ ...options2, processEnv: options2.processEnv ?? process.env });
  const m = outcome.manifest;
  const retention = outcome.deleted.length ? `; retention deleted ${outcome.deleted.length} older (${outcome.deleted.join(", ")})` : "";
  return {
    ok: true,
    message: `backed up database "${m.database}" on ${m.host}:${m.port} to ${m.name} (${m.size} bytes, sha256 ${m.sha256.slice(0, 12)}); ${outcome.kept} backup${outcome.kept === 1 ? "" : "s"} kept${retention}`,
    ...backupSummary(m),
    file: outcome.dumpPath,
    manifestFile: outcome.manifestPath,
    checksumFile: outcome.checksumPath,
    database: m.database,
    host: m.host,
    port: m.port,
    tocEntries: m.tocEntries,
    deleted: outcome.deleted,
    kept: outcome.kept,
    durationMs: outcome.durationMs
  };
}
var options = {
  ...CONNECTION_OPTIONS,
  ...DIR_OPTION,
  app: { type: "string", valueName: "APP", required: true, check: NAME_CHECK, description: "the application name (part of the backup name)" },
  env: { type: "string", valueName: "ENV", required: true, check: NAME_CHECK, description: "the environment name (part of the backup name)" },
  build: { type: "string", valueName: "N", required: true, check: BUILD_CHECK, description: "the Jenkins build number (part of the backup name)" },
  retention: { type: "integer", valueName: "N", min: 1, max: 1e3, default: 7, description: "how many backups of this app, environment and database to keep, the new one included" }
};
function fromArgs(o) {
  return {
    connection: readConnection(o),
    app: o.app,
    env: o.env,
    build: o.build,
    dir: o.dir,
    retention: o.retention,
    ...o["pg-bin"] ? { pgBin: o["pg-bin"] } : {},
    timeoutMs: o.timeout
  };
}
var spec = {
  name: "db-backup",
  summary: `Back up a PostgreSQL database with pg_dump (custom format) into the backup folder, with a SHA-256 checksum and a JSON manifest, then delete the oldest backups of the same app, environment and database beyond --retention (never another database's). ${CREDENTIAL_ENV_NOTE}`,
  options,
  examples: [
    "PGUSER=app PGPASSWORD=\u2026 db-backup --host db.internal --database orders --app orders-api --env prod --build 42 --dir /mnt/backups/orders-api --retention 7 --result db-backup.json"
  ],
  run: (o) => run(fromArgs(o))
};
main(spec);
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  options,
  run,
  spec
});
