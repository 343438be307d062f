// A small Argo CD REST client (bearer token): the application, sync, resource tree and resource actions, with the API's own paths and bodies.
import { HttpError, request, type HttpResponse, type RetryPolicy } from '../shared/http.js';
import { maskedExcerpt } from '../shared/mask.js';
import { HelperFailure } from '../shared/cli.js';

export interface ResourceRef {
  group?: string;
  version?: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface HealthStatus {
  status?: string;
  message?: string;
}

/** The parts of v1alpha1.Application this helper reads. */
export interface Application {
  metadata: { name: string; namespace?: string };
  spec?: { source?: { targetRevision?: string }; syncPolicy?: { automated?: unknown } };
  status?: {
    sync?: { status?: string; revision?: string; revisions?: string[] };
    health?: HealthStatus;
    operationState?: {
      phase?: string;
      message?: string;
      syncResult?: { revision?: string; resources?: Array<ResourceRef & { status?: string; message?: string }> };
    };
    resources?: Array<ResourceRef & { status?: string; health?: HealthStatus }>;
    summary?: { images?: string[]; externalURLs?: string[] };
  };
}

export interface ResourceNode extends ResourceRef {
  health?: HealthStatus;
  images?: string[];
  parentRefs?: ResourceRef[];
}

export interface ArgoCdTarget {
  server: string;
  token: string;
  /** The Argo CD namespace of the Application, for apps in any namespace. */
  appNamespace?: string;
  policy: RetryPolicy;
}

function describe(response: HttpResponse): string {
  try {
    const body = response.json<{ message?: string; error?: string }>();
    return body.message ?? body.error ?? maskedExcerpt(response.text);
  } catch {
    return maskedExcerpt(response.text);
  }
}

export class ArgoCdClient {
  constructor(private readonly target: ArgoCdTarget) {}

  private url(path: string, query: Record<string, string | undefined> = {}): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, appNamespace: this.target.appNamespace })) if (v !== undefined && v !== '') params.set(k, v);
    const qs = params.toString();
    return `${this.target.server.replace(/\/+$/, '')}/api/v1/applications/${path}${qs ? `?${qs}` : ''}`;
  }

  private async call(method: string, url: string, body?: unknown, timeoutMs?: number): Promise<HttpResponse> {
    try {
      return await request({
        ...this.target.policy,
        // Near the deploy deadline one attempt, cut to the time left, so retries cannot outlast the gate.
        ...(timeoutMs !== undefined && timeoutMs < (this.target.policy.timeoutMs ?? 10_000) ? { timeoutMs: Math.max(1, timeoutMs), attempts: 1 } : {}),
        url,
        method,
        headers: {
          authorization: `Bearer ${this.target.token}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body,
      });
    } catch (error) {
      if (error instanceof HttpError) throw new HelperFailure(`Argo CD did not answer: ${error.message}`);
      throw error;
    }
  }

  private refuse(what: string, response: HttpResponse): never {
    const why = describe(response);
    if (response.status === 401) throw new HelperFailure(`Argo CD refused the token (401: ${why}) while trying to ${what}`);
    if (response.status === 403)
      throw new HelperFailure(`Argo CD denied ${what} (403: ${why}); check the token's project role, and that the application exists`);
    throw new HelperFailure(`Argo CD could not ${what} (${response.status}: ${why})`);
  }

  async getApplication(name: string, refresh = false, timeoutMs?: number): Promise<Application> {
    const response = await this.call('GET', this.url(encodeURIComponent(name), { refresh: refresh ? 'normal' : undefined }), undefined, timeoutMs);
    if (response.status === 404) throw new HelperFailure(`Argo CD has no application "${name}" (404: ${describe(response)})`);
    if (response.status !== 200) this.refuse(`read application "${name}"`, response);
    return response.json<Application>();
  }

  /** Starts a sync; resolves false when another operation is already running (someone else is syncing). */
  async sync(name: string, revision: string | undefined): Promise<boolean> {
    const body = { name, ...(revision ? { revision } : {}), prune: false, dryRun: false };
    const response = await this.call('POST', this.url(`${encodeURIComponent(name)}/sync`), body);
    if (response.status === 200) return true;
    if (response.status === 400 && /another operation is already in progress/i.test(response.text)) return false;
    this.refuse(`sync application "${name}"`, response);
  }

  async resourceTree(name: string): Promise<ResourceNode[]> {
    const response = await this.call('GET', this.url(`${encodeURIComponent(name)}/resource-tree`));
    if (response.status !== 200) this.refuse(`read the resource tree of "${name}"`, response);
    return response.json<{ nodes?: ResourceNode[] }>().nodes ?? [];
  }

  /** Runs a resource action (e.g. a Rollout's promote-full or abort): the resource in the query, the action name as the JSON body. */
  async runAction(name: string, resource: ResourceRef, action: string): Promise<void> {
    const url = this.url(`${encodeURIComponent(name)}/resource/actions`, {
      namespace: resource.namespace,
      resourceName: resource.name,
      version: resource.version,
      group: resource.group,
      kind: resource.kind,
    });
    const response = await this.call('POST', url, JSON.stringify(action));
    if (response.status !== 200) this.refuse(`run action "${action}" on ${resource.kind} "${resource.name}"`, response);
  }
}
