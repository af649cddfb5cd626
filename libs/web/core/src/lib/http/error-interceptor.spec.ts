import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { ErrorSinks, showError } from './error-interceptor';
import { retryAfterSeconds, toProblem } from './problem';

function sinks() {
  const s = {
    message: { error: jest.fn() },
    notification: { error: jest.fn() },
    t: (key: string, params?: Record<string, unknown>) => (params ? `${key}:${Object.values(params).join(',')}` : key),
  };
  return s as typeof s & ErrorSinks;
}

const problem = (status: number, body: object, headers?: Record<string, string>) =>
  new HttpErrorResponse({ status, error: body, headers: new HttpHeaders(headers), url: '/api/x' });

describe('problem+json errors', () => {
  it('reads title, detail and field errors', () => {
    const p = toProblem(
      problem(422, { type: 't', title: 'Unprocessable', status: 422, detail: 'bad', errors: [{ field: 'email', message: 'taken' }] }),
    );
    expect(p).toMatchObject({ title: 'Unprocessable', detail: 'bad', errors: [{ field: 'email', message: 'taken' }] });
  });

  it('parses a problem sent as text', () => {
    expect(toProblem(problem(409, JSON.stringify({ title: 'Conflict', status: 409 }) as unknown as object))?.title).toBe('Conflict');
  });

  it('returns null for a non-problem body', () => {
    expect(toProblem(problem(500, { foo: 1 }))).toBeNull();
    expect(toProblem(new Error('x'))).toBeNull();
  });

  it('shows title, detail and field messages in a notification', () => {
    const s = sinks();
    showError(problem(422, { title: 'Unprocessable', status: 422, detail: 'Rule <x>', errors: [{ field: 'email', message: 'bad' }] }), s);
    expect(s.notification.error).toHaveBeenCalledWith('errors.status.422', 'Rule &lt;x&gt;<br>email: bad');
  });

  it('uses the server title for an unlisted status', () => {
    const s = sinks();
    showError(problem(418, { title: 'Teapot', status: 418 }), s);
    expect(s.notification.error).toHaveBeenCalledWith('Teapot', '');
  });

  it('reports Retry-After on 429', () => {
    const s = sinks();
    const err = problem(429, { title: 'Too Many Requests', status: 429 }, { 'Retry-After': '30' });
    expect(retryAfterSeconds(err)).toBe(30);
    showError(err, s);
    expect(s.notification.error).toHaveBeenCalledWith('errors.status.429', 'errors.retryAfter:30<br>Too Many Requests');
  });

  it('shows a short message for a network failure', () => {
    const s = sinks();
    showError(new HttpErrorResponse({ status: 0 }), s);
    expect(s.message.error).toHaveBeenCalledWith('errors.network');
    expect(s.notification.error).not.toHaveBeenCalled();
  });
});
