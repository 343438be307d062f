// Stand-ins for the services the operations helpers call, on top of the stub server: Slack's incoming webhook so far; each speaks its real shapes.
import { startStub, type StubServer } from './stub-server.js';

export const SLACK_PATH = '/services/T0PIPEWRT/B0PIPEWRT/WebhookSecretPart9f3e2d';

/** Slack incoming webhook: POST JSON to the secret path, 200 "ok"; a wrong path is 404 "no_service", a bad payload 400. */
export function startSlack(): Promise<StubServer> {
  return startStub({
    notFound: { status: 404, body: 'no_service' },
    routes: [
      {
        method: 'POST',
        path: SLACK_PATH,
        handle(req) {
          if (!String(req.headers['content-type']).startsWith('application/json')) return { status: 400, body: 'invalid_payload' };
          let payload: any;
          try {
            payload = req.json();
          } catch {
            return { status: 400, body: 'invalid_payload' };
          }
          if (typeof payload.text !== 'string' && !Array.isArray(payload.blocks)) return { status: 400, body: 'no_text' };
          if (payload.blocks !== undefined && (!Array.isArray(payload.blocks) || payload.blocks.length > 50 || payload.blocks.some((b: any) => typeof b?.type !== 'string'))) {
            return { status: 400, body: 'invalid_blocks' };
          }
          return { status: 200, body: 'ok' };
        },
      },
    ],
  });
}
