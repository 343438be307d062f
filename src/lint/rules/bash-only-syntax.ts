// Jenkins' `sh` runs /bin/sh (dash on Debian): bash-only syntax fails there unless the script starts with a bash shebang.
import type { Rule } from '../rule.js';
import { commandFields } from '../../core/raw.js';

const BASHISMS: Array<{ what: string; pattern: RegExp }> = [
  { what: '"pipefail"', pattern: /\bpipefail\b/ },
  { what: '"[[ ... ]]"', pattern: /(^|[\s;&|(])\[\[\s/ },
  { what: 'an array', pattern: /(^|[\s;&|])[A-Za-z_][A-Za-z0-9_]*=\(|\$\{[A-Za-z_][A-Za-z0-9_]*\[[^\]]*\]\}/ },
  { what: '"source"', pattern: /(^|[;&|]\s*|\n\s*)source\s+\S/ },
  { what: 'a here-string ("<<<")', pattern: /<<</ },
  { what: '"&>" redirection', pattern: /&>/ },
  { what: 'brace expansion ("{a..b}")', pattern: /\{[A-Za-z0-9]+\.\.[A-Za-z0-9]+\}/ },
];

const BASH_SHEBANG = /^#!\s*(\/usr\/bin\/env\s+bash|\/(usr\/)?(local\/)?bin\/bash)\b/;

export const rule: Rule = {
  id: 'bash-only-syntax',
  description: 'commands use POSIX sh syntax, or start with a bash shebang',
  severity: 'error',
  check(_model, report, raw) {
    for (const { path, script } of commandFields(raw)) {
      if (BASH_SHEBANG.test(script.trimStart())) continue;
      const code = script
        .split('\n')
        .filter((line) => !/^\s*#/.test(line))
        .join('\n');
      const found = BASHISMS.filter((b) => b.pattern.test(code)).map((b) => b.what);
      if (found.length) report(path, `this command uses ${found.join(' and ')}, which /bin/sh does not support; start it with "#!/bin/bash" or write POSIX sh`);
    }
  },
};
