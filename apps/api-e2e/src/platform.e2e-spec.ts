import http from 'node:http';
import { api, e2eState, expectProblem, login, type ApiResponse } from './support/http';

/**
 * POSTs a body the server must refuse by its declared length. Fastify answers 413 before reading
 * the body and closes the connection, so a client still uploading can get EPIPE instead of the
 * answer (fetch fails about one run in ten under load). With `Expect: 100-continue` the body is
 * held back until the server has had time to answer; it is sent only if no answer comes.
 */
function postOversized(path: string, body: string): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(`${e2eState().baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
    });
    req.on('continue', () => setTimeout(() => answered || req.end(body), 2000));
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const contentType = String(res.headers['content-type'] ?? '');
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: new Headers(), contentType, body: /json/.test(contentType) ? JSON.parse(text) : text, text });
      });
    });
    req.on('error', (err) => answered || reject(err));
    req.flushHeaders();
  });
}

describe('platform over HTTP', () => {
  it('GET /api/health → 200 with db and redis up', async () => {
    const res = await api('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ status: 'ok', db: 'up', redis: 'up' }));
  });

  it('GET /api/docs-json is a valid OpenAPI document with paths', async () => {
    const res = await api('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    const doc = JSON.parse(res.text) as { openapi?: string; paths?: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths ?? {})).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/auth/register', '/api/auth/refresh', '/api/me', '/api/health']),
    );
  });

  it('an unknown route → 404 problem+json', async () => {
    expectProblem(await api('GET', '/api/no-such-route'), 404);
    expectProblem(await api('POST', '/api/no-such-route', { body: {} }), 404);
  });

  it('a 2 MB body → 413 problem+json', async () => {
    const big = JSON.stringify({ email: 'big@e2e.ttx', password: 'x'.repeat(2 * 1024 * 1024), displayName: 'big' });
    expectProblem(await postOversized('/api/auth/register', big), 413);
  });

  describe('Bull Board at /api/admin/queues', () => {
    it('anonymous → 401 problem', async () => {
      expectProblem(await api('GET', '/api/admin/queues'), 401);
    });

    it('a researcher → 403 problem', async () => {
      const { accessToken } = await login('researcher@demo.ttx');
      expectProblem(await api('GET', '/api/admin/queues', { token: accessToken }), 403);
    });

    it('the platform admin → 200 (bearer and the ttx_at cookie)', async () => {
      const { accessToken } = await login('admin@demo.ttx');
      const byHeader = await api('GET', '/api/admin/queues', { token: accessToken });
      expect(byHeader.status).toBe(200);
      expect(byHeader.contentType).toContain('text/html');
      const byCookie = await api('GET', '/api/admin/queues/api/queues', { headers: { cookie: `ttx_at=${accessToken}` } });
      expect(byCookie.status).toBe(200);
      expect(byCookie.body).toEqual(expect.objectContaining({ queues: expect.any(Array) }));
    });
  });
});
