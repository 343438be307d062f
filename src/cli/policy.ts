// The --policy option shared by lint, gen and lib: the file named, else PIPEWRIGHT_POLICY; a policy that cannot be used stops the command (exit 2).
import { POLICY_ENV, policyFileFrom, readPolicy, type Policy } from '../config/policy.js';
import { rules } from '../lint/rules/index.js';
import { UsageError } from '../core/errors.js';

export const POLICY_OPTION = {
  type: 'string',
  describe: `the organisation's policy file (schemas/policy.schema.json); default: $${POLICY_ENV}. pipeline.yaml cannot replace or loosen it`,
} as const;

/** The policy to apply, or null when neither the flag nor the environment names one. */
export function policyFromCli(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Policy | null {
  const file = policyFileFrom(flag, env);
  if (file === undefined) return null;
  const { policy, diagnostics } = readPolicy(file, new Set(rules.map((r) => r.id)));
  if (policy) return policy;
  const origin = flag === undefined ? ` (from $${POLICY_ENV})` : '';
  const lines = diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message} [${d.ruleId}]`);
  throw new UsageError(`the policy "${file}"${origin} cannot be used:\n${lines.join('\n')}`);
}
