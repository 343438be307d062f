// The deployment table's resource profiles (minimal, medium, full): the one place their requests and limits are defined; the schema's enumDescriptions (so docs/reference.md) and docs/helpers/gitops.md repeat them, and test/docs/reference.test.ts holds all three equal.

export type ResourceProfileName = 'minimal' | 'medium' | 'full';

export interface ResourceProfile {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

export const RESOURCE_PROFILES: Record<ResourceProfileName, ResourceProfile> = {
  minimal: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '250m', memory: '256Mi' } },
  medium: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  full: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
};

export function describeProfile(name: ResourceProfileName): string {
  const p = RESOURCE_PROFILES[name];
  return `"${name}" (requests cpu ${p.requests.cpu}, memory ${p.requests.memory}; limits cpu ${p.limits.cpu}, memory ${p.limits.memory})`;
}

const MEMORY_UNITS: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };

/** A Kubernetes quantity in base units (cores, bytes); NaN when unreadable. */
export function parseQuantity(text: string | number, kind: 'cpu' | 'memory'): number {
  const s = String(text).trim();
  if (kind === 'cpu') {
    const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(s);
    return m ? Number(m[1]) / (m[2] ? 1000 : 1) : NaN;
  }
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T)?$/.exec(s);
  return m ? Number(m[1]) * MEMORY_UNITS[m[2] ?? '']! : NaN;
}
