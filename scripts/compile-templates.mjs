// Compiles the Jenkinsfile's Handlebars templates (templates/Jenkinsfile.hbs and templates/partials/) into one plain JavaScript render function, byte for byte what the Handlebars runtime writes, without its per-partial re-indentation and per-block wrappers.
//
// Why: gen renders one Jenkinsfile per config, and the Handlebars runtime spent most of that time on its own machinery:
// every indented partial splits its whole output into lines and joins them again, once per nesting level (a stage's
// steps are re-indented four to six times), and every block, helper and lookup goes through a wrapper. The templates
// stay the one place the Groovy shape is written: this reads them with Handlebars' own parser (so whitespace control
// and standalone lines are Handlebars' own) and writes code with the same meaning for the subset they use, which is
// checked here: anything else fails the build instead of rendering differently.
//
// Meaning kept, from Handlebars 4.7 compiled with { noEscape: true, strict: true }:
// - a partial on a line of its own indents every line of its output, a last empty line excepted, nested partials'
//   indents adding up; here the writer adds the indent when a line's first character is written, so no line is split;
// - `{{#if x}}` takes x as false when it is falsy or an empty array; `{{#each}}` runs its body per element of an array
//   (`this` the element) and its `{{else}}` when there is none;
// - `{{name}}` and `{{a.b}}` throw when the last name is not in the object (strict); helper arguments and partial
//   contexts do not; `@root` is the context the render began with, in partials too;
// - a value is written as `'' + value` unless it is null or undefined (noEscape);
// - a helper gets its arguments and then one options object ({ hash: {}, data: { root } }), as Handlebars calls it.
// Not kept (the templates' data never needs it, and each is reported): function-valued data (Handlebars calls it), and
// names that only exist on a prototype (Handlebars refuses most of them); a path naming an Object.prototype member fails
// the build.
import Handlebars from 'handlebars';

const BLOCK_HELPERS = new Set(['if', 'each', 'unless']);

/** Fails the build at a template node: the compiled render must never mean something else than the template. */
function unsupported(file, node, what) {
  const line = node?.loc ? `:${node.loc.start.line}` : '';
  throw new Error(`templates/${file}.hbs${line}: ${what} is not supported by scripts/compile-templates.mjs (see its header)`);
}

/**
 * Compiles `main` (a template key) and the partials it reaches, from `sources` (key → template text, keys as
 * build/templates.js has them) and `partialKey` (partial name → key). Returns the module's source.
 */
export function compileRender(sources, main, partialKey) {
  const helpers = new Set();
  const bareNames = new Set();
  const functions = new Map(); // partial name → JS function name
  const bodies = [];
  const pending = [];

  const fnFor = (file, node, name) => {
    if (!partialKey.has(name)) unsupported(file, node, `the partial "${name}", which is not a Jenkinsfile partial,`);
    if (!functions.has(name)) {
      functions.set(name, `partial_${name.replace(/[^A-Za-z0-9_]/g, '_')}`);
      pending.push(name);
    }
    return functions.get(name);
  };

  const compileProgram = (file, source, fnName) => {
    const ast = Handlebars.parse(source);
    let serial = 0;
    const lines = [];
    const emit = (depth, text) => lines.push(`${'  '.repeat(depth)}${text}`);

    // A context is a pair of variables: `c` the value itself (`this`), `a` the object lookups read (null becomes {}).
    const segment = (file, node, name) => {
      if (name in Object.prototype) unsupported(file, node, `the name "${name}" (an Object.prototype member)`);
      return `[${JSON.stringify(name)}]`;
    };

    /** A path read as a helper argument or partial context: no strict check (Handlebars checks only mustache values). */
    const path = (node, ctx, strictLast) => {
      if (node.depth) unsupported(file, node, 'a ../ path');
      const parts = node.parts;
      let base;
      let rest;
      if (node.data) {
        if (parts[0] !== 'root') unsupported(file, node, `@${parts[0]}`);
        base = 'R';
        rest = parts.slice(1);
      } else {
        if (!parts.length) return ctx.c;
        if (parts.length && node.original.startsWith('this')) unsupported(file, node, 'a this.name path');
        base = ctx.a;
        rest = parts;
      }
      if (!rest.length) return base;
      let code = base;
      const last = rest.length - 1;
      for (let i = 0; i < last; i++) code += segment(file, node, rest[i]);
      const lastSegment = segment(file, node, rest[last]);
      return strictLast ? `S(${code}, ${JSON.stringify(rest[last])})` : code + lastSegment;
    };

    const expression = (node, ctx) => {
      switch (node.type) {
        case 'PathExpression':
          return path(node, ctx, false);
        case 'SubExpression':
          return helperCall(node, ctx);
        case 'StringLiteral':
          return JSON.stringify(node.value);
        case 'NumberLiteral':
          return String(node.value);
        case 'BooleanLiteral':
          return node.value ? 'true' : 'false';
        case 'UndefinedLiteral':
          return 'undefined';
        case 'NullLiteral':
          return 'null';
        default:
          return unsupported(file, node, `a ${node.type}`);
      }
    };

    const helperName = (node) => {
      const p = node.path;
      if (p.type !== 'PathExpression' || p.data || p.depth || p.parts.length !== 1 || p.original.startsWith('this'))
        unsupported(file, node, 'a helper called by a path');
      return p.parts[0];
    };

    const helperCall = (node, ctx) => {
      if (node.hash) unsupported(file, node, 'a hash argument');
      const name = helperName(node);
      if (BLOCK_HELPERS.has(name)) unsupported(file, node, `{{${name}}} outside a block`);
      helpers.add(name);
      return `H${segment(file, node, name)}(${[...node.params.map((p) => expression(p, ctx)), 'O'].join(', ')})`;
    };

    const statements = (body, ctx, depth) => {
      for (const node of body) statement(node, ctx, depth);
    };

    const statement = (node, ctx, depth) => {
      switch (node.type) {
        case 'ContentStatement':
          if (node.value) emit(depth, `w(${JSON.stringify(node.value)});`);
          return;
        case 'CommentStatement':
          return;
        case 'MustacheStatement': {
          if (node.params.length || node.hash) return emit(depth, `v(${helperCall(node, ctx)});`);
          const p = node.path;
          if (p.type !== 'PathExpression') unsupported(file, node, 'a literal mustache');
          // `{{name}}` could name a helper; render.ts checks once that none of these does.
          if (!p.data && !p.depth && p.parts.length === 1 && !p.original.startsWith('this')) bareNames.add(p.parts[0]);
          return emit(depth, `v(${path(p, ctx, true)});`);
        }
        case 'BlockStatement': {
          if (node.hash) unsupported(file, node, 'a hash argument');
          if (node.program?.blockParams) unsupported(file, node, 'block parameters');
          const name = helperName(node);
          if (!BLOCK_HELPERS.has(name)) unsupported(file, node, `the block helper "${name}"`);
          if (node.params.length !== 1) unsupported(file, node, `{{#${name}}} without exactly one argument`);
          const value = expression(node.params[0], ctx);
          if (name === 'each') {
            const n = ++serial;
            const item = { c: `c${n}`, a: `a${n}` };
            emit(depth, `{`);
            emit(depth + 1, `const l${n} = list(${value});`);
            emit(depth + 1, `for (let i${n} = 0; i${n} < l${n}.length; i${n}++) {`);
            emit(depth + 2, `const ${item.c} = l${n}[i${n}], ${item.a} = ${item.c} ?? N;`);
            statements(node.program.body, item, depth + 2);
            emit(depth + 1, `}`);
            if (node.inverse) {
              emit(depth + 1, `if (!l${n}.length) {`);
              statements(node.inverse.body, ctx, depth + 2);
              emit(depth + 1, `}`);
            }
            emit(depth, `}`);
            return;
          }
          emit(depth, `if (${name === 'unless' ? '!' : ''}T(${value})) {`);
          statements(node.program.body, ctx, depth + 1);
          if (node.inverse) {
            emit(depth, `} else {`);
            statements(node.inverse.body, ctx, depth + 1);
          }
          emit(depth, `}`);
          return;
        }
        case 'PartialStatement': {
          if (node.hash) unsupported(file, node, 'a partial with a hash');
          if (node.name.type !== 'PathExpression' || node.name.parts.length !== 1) unsupported(file, node, 'a dynamic partial name');
          if (node.params.length > 1) unsupported(file, node, 'a partial with more than one context');
          const fn = fnFor(file, node, node.name.original);
          const context = node.params.length ? expression(node.params[0], ctx) : ctx.c;
          if (!node.indent) return emit(depth, `${fn}(${context});`);
          emit(depth, `{ const saved = enter(${JSON.stringify(node.indent)}); ${fn}(${context}); leave(saved); }`);
          return;
        }
        default:
          unsupported(file, node, `a ${node.type}`);
      }
    };

    statements(ast.body, { c: 'c', a: 'a' }, 1);
    bodies.push(`function ${fnName}(c) {\n  const a = c ?? N;\n${lines.join('\n')}\n}`);
  };

  if (!(main in sources)) throw new Error(`no template ${main}`);
  compileProgram(main, sources[main], 'main');
  while (pending.length) {
    const name = pending.shift();
    compileProgram(partialKey.get(name), sources[partialKey.get(name)], functions.get(name));
  }

  return `// generated by scripts/build.mjs (scripts/compile-templates.mjs) from templates/${main}.hbs and its partials
/* eslint-disable */
// The state of the one render under way (renders are synchronous and never nested): the text so far, the indent of
// the partials entered, and whether a line has begun whose indent is not written yet (-1: no; else where in ind the
// indent that line takes begins: 0 after a newline, further in when a partial began mid-line).
let out = '';
let ind = '';
let pend = 0;
let H = null;
let O = null;
let R = null;
const N = Object.freeze({});

function w(t) {
  if (pend < 0 && t.indexOf('\\n') < 0) {
    out += t;
    return;
  }
  let i = 0;
  while (i < t.length) {
    if (pend >= 0) {
      if (ind.length > pend) out += pend === 0 ? ind : ind.slice(pend);
      pend = -1;
    }
    const j = t.indexOf('\\n', i);
    if (j < 0) {
      out += i === 0 ? t : t.slice(i);
      return;
    }
    out += t.slice(i, j + 1);
    pend = 0;
    i = j + 1;
  }
}

function v(x) {
  if (x != null) w('' + x);
}

function enter(indent) {
  const saved = ind;
  if (pend < 0) pend = ind.length;
  ind += indent;
  return saved;
}

function leave(saved) {
  ind = saved;
  if (pend > ind.length) pend = -1;
}

function S(o, name) {
  if (!o || !(name in o)) throw new Error('"' + name + '" not defined in ' + o);
  return o[name];
}

function T(x) {
  return Boolean(x) && !(Array.isArray(x) && x.length === 0);
}

function list(x) {
  if (Array.isArray(x)) return x;
  if (x && typeof x === 'object') throw new Error('{{#each}} over an object, which the compiled templates do not iterate');
  return [];
}

${bodies.join('\n\n')}

/** The helpers these templates call, and the bare {{names}} they read (each must not be a helper). */
export const helpersUsed = ${JSON.stringify([...helpers].sort())};
export const bareNames = ${JSON.stringify([...bareNames].sort())};

/** Renders the template with \`root\` as its context, calling \`helpers\` (an object of functions). */
export default function render(root, helpers) {
  out = '';
  ind = '';
  pend = 0;
  H = helpers;
  R = root;
  O = { hash: {}, data: { root } };
  try {
    main(root);
    return out;
  } finally {
    out = '';
    H = O = R = null;
  }
}
`;
}
