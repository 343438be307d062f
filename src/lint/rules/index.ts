// The rule registry, sorted by id; a test checks it against the rule files and docs/rules/.
import type { Rule } from '../rule.js';

export const rules: Rule[] = [];
