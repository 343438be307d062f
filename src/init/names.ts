// Turning what a repository calls itself into names pipeline.yaml accepts (lower-case, dashes, at most 63 characters).

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A Kubernetes-style name from free text, or null when nothing usable is left. */
export function toName(text: string, maxLength = 63): string | null {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
  return NAME.test(cleaned) ? cleaned : null;
}

/** The Argo CD application name for an app in an environment: "<app>-<env>", shortened to stay a valid name. */
export function argocdAppName(app: string, env: string): string {
  return toName(`${app.slice(0, 62 - env.length)}-${env}`) ?? env;
}
