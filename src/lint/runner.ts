// Runs the loader and the lint rules over config files; rules report paths, the runner turns them into positions.
import type { Loaded } from '../config/load.js';
import { loadFile } from '../config/load.js';
import { locate } from '../config/locate.js';
import { compareDiagnostics, type Diagnostic } from './diagnostic.js';
import { rules as allRules } from './rules/index.js';
import type { Rule } from './rule.js';

export interface LintResult extends Loaded {
  diagnostics: Diagnostic[];
}

/** Applies the rules to a loaded config; a config that failed to load keeps its loader diagnostics only. */
export function lintLoaded(loaded: Loaded, rules: Rule[] = allRules): LintResult {
  const { model, text, raw, file } = loaded;
  if (!model) return { ...loaded, diagnostics: [...loaded.diagnostics].sort(compareDiagnostics) };
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  for (const rule of rules) {
    const configured = model.lint.rules[rule.id];
    if (configured === 'off') continue;
    const severity = configured ?? rule.severity;
    rule.check(
      model,
      (path, message) => diagnostics.push({ ruleId: rule.id, severity, message, file, path, ...locate(text, path) }),
      raw as Record<string, unknown>,
    );
  }
  return { ...loaded, diagnostics: diagnostics.sort(compareDiagnostics) };
}

export function lintFile(file: string, rules: Rule[] = allRules): LintResult {
  return lintLoaded(loadFile(file), rules);
}
