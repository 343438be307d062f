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

// src/helpers/test-summary.ts
var test_summary_exports = {};
__export(test_summary_exports, {
  options: () => options,
  run: () => run,
  spec: () => spec
});
module.exports = __toCommonJS(test_summary_exports);

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

// src/helpers/reports/xml.ts
var XmlError = class extends ReportFormatError {
  constructor(message, line, column) {
    super(`malformed XML at line ${line}, column ${column}: ${message}`);
    this.line = line;
    this.column = column;
    this.name = "XmlError";
  }
  line;
  column;
};
var PREDEFINED = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
var NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7-\uFFFF]*/y;
var SPACE = /[ \t\r\n]*/y;
var MAX_DEPTH = 500;
function parseXml(source) {
  return new Reader(source).document();
}
var Reader = class {
  constructor(src) {
    this.src = src;
    if (src.charCodeAt(0) === 65279) this.pos = 1;
  }
  src;
  pos = 0;
  depth = 0;
  document() {
    this.misc(true);
    if (this.pos >= this.src.length) this.fail(this.src.trim() === "" ? "the document is empty" : "no root element");
    if (this.src[this.pos] !== "<") this.fail("text before the root element");
    const root = this.element();
    this.misc(false);
    if (this.pos < this.src.length) this.fail(this.src[this.pos] === "<" ? "a second root element" : "text after the root element");
    return root;
  }
  /** Skips whitespace, comments, processing instructions and (before the root) the DOCTYPE. */
  misc(prolog) {
    for (; ; ) {
      this.skipSpace();
      if (this.startsWith("<?")) this.skipPast("?>", "processing instruction");
      else if (this.startsWith("<!--")) this.comment();
      else if (prolog && this.startsWith("<!DOCTYPE")) this.doctype();
      else return;
    }
  }
  element() {
    if (++this.depth > MAX_DEPTH) this.fail(`elements nested deeper than ${MAX_DEPTH}`);
    try {
      return this.elementBody();
    } finally {
      this.depth--;
    }
  }
  elementBody() {
    this.expect("<");
    const name = this.name("element name");
    const attributes = {};
    for (; ; ) {
      const hadSpace = this.skipSpace();
      if (this.startsWith("/>")) {
        this.pos += 2;
        return { name, attributes, children: [], text: "" };
      }
      if (this.startsWith(">")) {
        this.pos += 1;
        break;
      }
      if (this.pos >= this.src.length) this.fail(`unclosed start tag <${name}>`);
      if (!hadSpace) this.fail(`expected whitespace, ">" or "/>" in <${name}>`);
      const attr = this.name("attribute name");
      if (Object.hasOwn(attributes, attr)) this.fail(`duplicate attribute "${attr}" on <${name}>`);
      this.skipSpace();
      this.expect("=");
      this.skipSpace();
      attributes[attr] = this.attributeValue();
    }
    const children = [];
    let text = "";
    for (; ; ) {
      if (this.pos >= this.src.length) this.fail(`<${name}> is never closed`);
      if (this.startsWith("</")) {
        this.pos += 2;
        const closing = this.name("closing tag name");
        if (closing !== name) this.fail(`</${closing}> closes <${name}>`);
        this.skipSpace();
        this.expect(">");
        return { name, attributes, children, text };
      }
      if (this.startsWith("<!--")) this.comment();
      else if (this.startsWith("<![CDATA[")) {
        const end = this.src.indexOf("]]>", this.pos + 9);
        if (end < 0) this.fail("unterminated CDATA section");
        text += this.src.slice(this.pos + 9, end);
        this.pos = end + 3;
      } else if (this.startsWith("<?")) this.skipPast("?>", "processing instruction");
      else if (this.startsWith("<")) children.push(this.element());
      else text += this.charData();
    }
  }
  charData() {
    let out = "";
    while (this.pos < this.src.length && this.src[this.pos] !== "<") {
      const amp = this.src.indexOf("&", this.pos);
      const lt = this.src.indexOf("<", this.pos);
      const stop = lt < 0 ? this.src.length : lt;
      if (amp < 0 || amp > stop) {
        out += this.src.slice(this.pos, stop);
        this.pos = stop;
      } else {
        out += this.src.slice(this.pos, amp);
        this.pos = amp;
        out += this.entity();
      }
    }
    return out;
  }
  attributeValue() {
    const quote = this.src[this.pos];
    if (quote !== '"' && quote !== "'") this.fail("attribute value must be quoted");
    this.pos += 1;
    let out = "";
    for (; ; ) {
      const c = this.src[this.pos];
      if (c === void 0) this.fail("unterminated attribute value");
      if (c === quote) {
        this.pos += 1;
        return out;
      }
      if (c === "<") this.fail('"<" inside an attribute value');
      if (c === "&") out += this.entity();
      else {
        out += c === "\n" || c === "\r" || c === "	" ? " " : c;
        this.pos += 1;
      }
    }
  }
  entity() {
    const end = this.src.indexOf(";", this.pos);
    if (end < 0 || end - this.pos > 12) this.fail('"&" must start an entity such as &amp;');
    const body = this.src.slice(this.pos + 1, end);
    let value;
    if (/^#[0-9]+$/.test(body)) value = this.codePoint(Number(body.slice(1)));
    else if (/^#x[0-9A-Fa-f]+$/.test(body)) value = this.codePoint(parseInt(body.slice(2), 16));
    else value = PREDEFINED[body];
    if (value === void 0) this.fail(`unknown entity "&${body};"`);
    this.pos = end + 1;
    return value;
  }
  codePoint(n) {
    if (n === 0 || n > 1114111 || n >= 55296 && n <= 57343) this.fail(`character reference &#${n}; is not a valid character`);
    return String.fromCodePoint(n);
  }
  comment() {
    const end = this.src.indexOf("-->", this.pos + 4);
    if (end < 0) this.fail("unterminated comment");
    this.pos = end + 3;
  }
  /** Skips <!DOCTYPE …>, including an internal subset in brackets; entity declarations in it are not supported. */
  doctype() {
    let depth = 0;
    for (let i = this.pos; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '"' || c === "'") {
        const close = this.src.indexOf(c, i + 1);
        if (close < 0) break;
        i = close;
      } else if (c === "[") depth++;
      else if (c === "]") depth--;
      else if (c === ">" && depth === 0) {
        this.pos = i + 1;
        return;
      }
    }
    this.fail("unterminated DOCTYPE");
  }
  name(what) {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.src);
    if (!m) this.fail(this.pos >= this.src.length ? `unexpected end of input, expected ${what}` : `expected ${what}`);
    this.pos += m[0].length;
    return m[0];
  }
  skipSpace() {
    SPACE.lastIndex = this.pos;
    const m = SPACE.exec(this.src);
    this.pos += m[0].length;
    return m[0].length > 0;
  }
  skipPast(end, what) {
    const at = this.src.indexOf(end, this.pos + 2);
    if (at < 0) this.fail(`unterminated ${what}`);
    this.pos = at + end.length;
  }
  startsWith(s) {
    return this.src.startsWith(s, this.pos);
  }
  expect(s) {
    if (!this.startsWith(s)) this.fail(this.pos >= this.src.length ? `unexpected end of input, expected "${s}"` : `expected "${s}"`);
    this.pos += s.length;
  }
  fail(message) {
    const before = this.src.slice(0, this.pos);
    const line = before.split("\n").length;
    const column = this.pos - before.lastIndexOf("\n");
    throw new XmlError(message, line, column);
  }
};

// src/helpers/reports/junit.ts
var JunitFormatError = class extends ReportFormatError {
};
function caseOutcome(testcase) {
  const names = testcase.children.map((c) => c.name);
  if (names.includes("error")) return "error";
  if (names.includes("failure")) return "failed";
  if (names.includes("skipped") || ["disabled", "skipped", "notrun"].includes(testcase.attributes.status ?? "")) return "skipped";
  return "passed";
}
var zeroTotals = () => ({ tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0 });
var TOTAL_KEYS = ["tests", "passed", "failures", "errors", "skipped"];
function addTotals(into, more) {
  for (const key of TOTAL_KEYS) into[key] += more[key];
}
function parseJunit(text) {
  const root = parseXml(text);
  if (root.name !== "testsuites" && root.name !== "testsuite") {
    throw new JunitFormatError(`not JUnit XML: the root element is <${root.name}>, expected <testsuites> or <testsuite>`);
  }
  const summary = { ...zeroTotals(), suites: 0, failing: [], multipleResults: [], notes: [], headerOnly: [] };
  const visit = (suite, path) => {
    if (suite.name === "testsuite") summary.suites++;
    const suitePath = suite.name === "testsuite" && suite.attributes.name ? [...path, suite.attributes.name] : path;
    const members = suite.children.filter((c) => c.name === "testsuite" || c.name === "testcase");
    if (members.length === 0) return countHeaderOnly(summary, suite, suitePath);
    const counted = zeroTotals();
    for (const member of members) addTotals(counted, member.name === "testsuite" ? visit(member, suitePath) : countCase(summary, member, suitePath));
    checkHeader(summary, suite, suitePath, counted);
    return counted;
  };
  visit(root, []);
  return summary;
}
function countCase(summary, testcase, suitePath) {
  const outcome = caseOutcome(testcase);
  const a = testcase.attributes;
  const name = a.classname ? `${a.classname}.${a.name ?? ""}` : [...suitePath, a.name ?? "(unnamed)"].join(" > ");
  const totals = { ...zeroTotals(), tests: 1, [outcome === "failed" ? "failures" : outcome === "error" ? "errors" : outcome]: 1 };
  addTotals(summary, totals);
  const results = testcase.children.filter((c) => c.name === "failure" || c.name === "error" || c.name === "skipped");
  if (results.length > 1) summary.multipleResults.push(name);
  if (outcome === "failed" || outcome === "error") {
    const result = results.find((c) => c.name === (outcome === "error" ? "error" : "failure"));
    summary.failing.push({ name, outcome, message: firstLine(result.attributes.message ?? result.text), ...a.file ? { file: a.file } : {} });
  }
  return totals;
}
function firstLine(text) {
  const line = text.trim().split("\n")[0].trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
function headerCount(suite, attr, suitePath) {
  const value = suite.attributes[attr];
  if (value === void 0) return void 0;
  if (!/^\s*\d+\s*$/.test(value)) throw new JunitFormatError(`${suiteLabel(suite, suitePath)} has ${attr}="${value}", not a whole number`);
  return Number(value);
}
function suiteLabel(suite, suitePath) {
  return suitePath.length ? `suite "${suitePath.join(" > ")}"` : `<${suite.name}>`;
}
function headerTotals(suite, suitePath) {
  const [tests, failures, errors, skipped, disabled] = ["tests", "failures", "errors", "skipped", "disabled"].map((a) => headerCount(suite, a, suitePath));
  if ([tests, failures, errors, skipped, disabled].every((v) => v === void 0)) return void 0;
  return {
    ...tests !== void 0 ? { tests } : {},
    ...failures !== void 0 ? { failures } : {},
    ...errors !== void 0 ? { errors } : {},
    ...skipped !== void 0 || disabled !== void 0 ? { skipped: (skipped ?? 0) + (disabled ?? 0) } : {}
  };
}
function countHeaderOnly(summary, suite, suitePath) {
  const header = headerTotals(suite, suitePath);
  if (!header || !header.tests && !header.failures && !header.errors && !header.skipped) return zeroTotals();
  const failures = header.failures ?? 0;
  const errors = header.errors ?? 0;
  const skipped = header.skipped ?? 0;
  const tests = Math.max(header.tests ?? 0, failures + errors + skipped);
  const totals = { tests, passed: tests - failures - errors - skipped, failures, errors, skipped };
  addTotals(summary, totals);
  const label = suiteLabel(suite, suitePath);
  summary.headerOnly.push(suitePath.join(" > ") || `<${suite.name}>`);
  summary.notes.push(
    `${label} has no test cases; its header is counted (${tests} tests: ${totals.passed} passed, ${failures} failed, ${errors} errors, ${skipped} skipped)` + (header.tests !== void 0 && header.tests < tests ? `; its tests="${header.tests}" is fewer than its failures, errors and skips, so ${tests} are counted` : "")
  );
  if (failures + errors > 0) {
    summary.failing.push({
      name: suitePath.join(" > ") || `<${suite.name}>`,
      outcome: errors > 0 ? "error" : "failed",
      message: `${[failures ? `${failures} failed` : "", errors ? `${errors} errors` : ""].filter(Boolean).join(", ")} by the suite header; the report names no test case`
    });
  }
  return totals;
}
function checkHeader(summary, suite, suitePath, counted) {
  const header = headerTotals(suite, suitePath);
  if (!header) return;
  const differing = ["tests", "failures", "errors", "skipped"].filter((k) => header[k] !== void 0 && header[k] !== counted[k]);
  if (differing.length) {
    summary.notes.push(
      `the header counts of ${suiteLabel(suite, suitePath)} disagree with its test cases (${differing.map((k) => `${k}: header ${header[k]}, cases ${counted[k]}`).join("; ")}); the cases are counted`
    );
  }
}

// src/helpers/reports/text.ts
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

// src/helpers/test-summary.ts
var LISTED_FAILURES = 50;
async function run(options2) {
  const perFile = [];
  for (const file of options2.files) perFile.push({ file, ...parseReportFile(file, "JUnit report", parseJunit) });
  const total = (key) => perFile.reduce((n, s) => n + s[key], 0);
  const failing = perFile.flatMap((s) => s.failing);
  const summary = {
    schema: "pipewright.test-summary/1",
    files: options2.files,
    tests: total("tests"),
    passed: total("passed"),
    failures: total("failures"),
    errors: total("errors"),
    skipped: total("skipped"),
    suites: total("suites"),
    failingCount: failing.length,
    failing: failing.slice(0, LISTED_FAILURES),
    multipleResults: perFile.flatMap((s) => s.multipleResults),
    headerOnlySuites: perFile.flatMap((s) => s.headerOnly.map((n) => perFile.length > 1 ? `${s.file}: ${n}` : n)),
    notes: perFile.flatMap((s) => s.notes.map((n) => perFile.length > 1 ? `${s.file}: ${n}` : n))
  };
  if (options2.summary) writeFileAtomic(options2.summary, `${JSON.stringify(summary, null, 2)}
`);
  const counts = `${summary.tests} tests: ${summary.passed} passed, ${summary.failures} failed, ${summary.errors} errors, ${summary.skipped} skipped`;
  if (summary.tests === 0 && !options2.allowEmpty) {
    return { ok: false, message: `no test cases in ${options2.files.join(", ")}; an empty run does not pass (use --allow-empty to accept it)`, verdict: "empty", ...summary };
  }
  const broken = summary.failures + summary.errors;
  const names = failing.slice(0, 3).map((f) => f.name).join(", ") + (failing.length > 3 ? `, and ${failing.length - 3} more` : "");
  const message = broken ? `${counts}; failing: ${names}` : counts;
  return { ok: !(broken && options2.failOnFailures), unstable: broken > 0, message, verdict: broken ? "failures" : "pass", ...summary };
}
var options = {
  file: { type: "string", valueName: "FILE", multiple: true, required: true, description: "a JUnit XML report" },
  summary: { type: "string", valueName: "FILE", description: "write the summary JSON to FILE" },
  "fail-on-failures": { type: "boolean", description: 'exit 1 when a case failed or errored (default: exit 0 with "unstable": true)' },
  "allow-empty": { type: "boolean", description: "accept reports with no test cases" }
};
var spec = {
  name: "test-summary",
  summary: "Summarise JUnit XML reports (totals, failures, errors, skipped, failing case names) as JSON for notifications.",
  options,
  examples: ["test-summary --file reports/junit.xml --summary test-summary.json"],
  run: (o) => run({
    files: o.file,
    ...o.summary !== void 0 ? { summary: o.summary } : {},
    failOnFailures: o["fail-on-failures"],
    allowEmpty: o["allow-empty"]
  })
};
main(spec);
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  options,
  run,
  spec
});
