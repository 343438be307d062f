// A URL with user:password@ or a token@ leaks the secret into git remotes, logs and process listings.
import type { Rule } from '../rule.js';
import { strings } from '../../core/raw.js';
import { URL_USERINFO } from '../support/secrets.js';

export const rule: Rule = {
  id: 'credentials-in-url',
  description: 'no URL carries credentials, literal or from a variable',
  severity: 'error',
  check(_model, report, raw) {
    for (const found of strings(raw)) {
      const userinfo = URL_USERINFO.exec(found.value)?.[1];
      if (!userinfo) continue;
      const [user = '', password] = userinfo.split(/:(.*)/s);
      const fromVariable = [user, password ?? ''].some((part) => /\$/.test(part));
      // ssh://git@host is a login name, not a secret.
      if (password === undefined && !fromVariable) continue;
      report(
        found.path,
        fromVariable
          ? 'this URL carries a token from a variable, which ends up in git remotes and process listings; let git read it from a credential helper, as "gitops.credentialsId" does'
          : 'this URL carries credentials; remove them, revoke the password, and name a Jenkins credential in a "credentialsId" field',
      );
    }
  },
};
