// The console's only way to the server: same-origin fetches of the public API with the person's session cookie
// (or, in tests and for machine users, whatever Authorization the browser sends). Every rule is enforced there.

let csrfToken = null;

export function setCsrfToken(token) {
  csrfToken = token ?? null;
}

/** A problem response (RFC 9457): status, title, detail and field errors as the API sent them. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.errors = problem?.errors ?? {};
  }
}

/** Sends a request; resolves to {data, etag}, rejects with ApiError for a 4xx/5xx. */
export async function request(method, path, { body, idempotencyKey, ifMatch } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  if (ifMatch) headers['If-Match'] = ifMatch;
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { title: 'network' });
  }
  const type = response.headers.get('Content-Type') ?? '';
  const data = response.status === 204 ? null : type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, typeof data === 'object' && data !== null ? data : { title: response.statusText });
  }
  return { data, etag: response.headers.get('ETag') };
}

export const get = async (path) => (await request('GET', path)).data;
export const post = async (path, body, options = {}) => (await request('POST', path, { ...options, body })).data;

/** Query string of the non-empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * One Idempotency-Key per user action: the same body sent again (a retry after a timeout or a 5xx) reuses it, so the
 * server answers the first result instead of creating twice; a changed body is a new action with a new key.
 */
export class IdempotentAction {
  #body = null;
  #key = null;

  keyFor(body) {
    const json = JSON.stringify(body);
    if (json !== this.#body) {
      this.#body = json;
      this.#key = crypto.randomUUID();
    }
    return this.#key;
  }
}
