// The org-defaults and policy validators (330 KB of compiled schema), required on first use: a lint of a config with no `extends` and no policy never loads them.
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { packagePath } from '../paths.js';

/** Set by scripts/build.mjs: the bundle loads dist/validators/, self-contained, rather than build/ (which needs ajv's node_modules). */
declare const __PIPEWRIGHT_BUNDLED__: boolean | undefined;

// Synchronous, like its callers (applyOrgDefaults, readPolicy): a CommonJS require, not a dynamic import.
const requireCjs = createRequire(import.meta.url);
const loaded = new Map<string, ValidateFunction>();

/** The compiled validator of schemas/<name>.schema.json, loaded once per process. */
export function lazyValidator(name: 'org-defaults' | 'policy'): ValidateFunction {
  let validator = loaded.get(name);
  if (!validator) {
    const file =
      typeof __PIPEWRIGHT_BUNDLED__ === 'boolean' ? packagePath('dist', 'validators', `${name}.validate.cjs`) : packagePath('build', `${name}.validate.cjs`);
    const exported = requireCjs(file) as ValidateFunction | { default: ValidateFunction };
    validator = typeof exported === 'function' ? exported : exported.default;
    loaded.set(name, validator);
  }
  return validator;
}
