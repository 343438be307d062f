// The seed's environments (branch and deployment tables) and the folder or file names that mean each of them.

export type EnvName = 'dev' | 'staging' | 'prod';

export const ENV_NAMES: EnvName[] = ['dev', 'staging', 'prod'];

/** Names teams give each environment's folder or values file. */
export const ENV_ALIASES: Record<EnvName, string[]> = {
  dev: ['dev', 'develop', 'development'],
  staging: ['staging', 'stage', 'stg'],
  prod: ['prod', 'production', 'prd'],
};

export function envOf(word: string): EnvName | null {
  const lower = word.toLowerCase();
  return ENV_NAMES.find((env) => ENV_ALIASES[env].includes(lower)) ?? null;
}

export interface SeedEnvironment {
  name: EnvName;
  branch: string;
  after: EnvName | null;
  approval: boolean;
  sync: 'auto' | 'manual';
  strategy: 'rolling' | 'blue-green';
  replicas: number;
  resources: 'minimal' | 'medium' | 'full';
  /** Why the row looks the way it does, written above it in pipeline.yaml. */
  comment: string;
}

/**
 * The seed's tables: develop deploys dev; main deploys staging, then prod after an approval (the same image,
 * promoted); feature branches only build, so they have no row.
 */
export const SEED_ENVIRONMENTS: SeedEnvironment[] = [
  {
    name: 'dev',
    branch: 'develop',
    after: null,
    approval: false,
    sync: 'auto',
    strategy: 'rolling',
    replicas: 2,
    resources: 'minimal',
    comment: 'develop deploys dev automatically (rolling update, 2 replicas)',
  },
  {
    name: 'staging',
    branch: 'main',
    after: null,
    approval: false,
    sync: 'auto',
    strategy: 'blue-green',
    replicas: 2,
    resources: 'medium',
    comment: 'main deploys staging automatically (blue-green, 2 replicas)',
  },
  {
    name: 'prod',
    branch: 'main',
    after: 'staging',
    approval: true,
    sync: 'manual',
    strategy: 'blue-green',
    replicas: 3,
    resources: 'full',
    comment: 'then, after an approval, main promotes the same image to prod; operations sync it in Argo CD',
  },
];
