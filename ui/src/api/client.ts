// The REST client: every call goes to Keelson's Argo CD-compatible API with the session cookie (argocd.token), and
// non-GET bodies as exactly `application/json` (the server's CSRF guard refuses anything else).

/** An error the API answered in Argo's shape {"error","code","message"}, or a network failure. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when a request is answered 401 (the session expired or was revoked): the app shows the login page. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { message?: string; error?: string | { message?: string }; code?: number };
    const message = body.message ?? (typeof body.error === 'string' ? body.error : body.error?.message) ?? text;
    return new ApiError(message || response.statusText, response.status, body.code);
  } catch {
    return new ApiError(text || `${response.status} ${response.statusText}`, response.status);
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Do not treat a 401 as the end of the session (the login call itself). */
  allowUnauthorized?: boolean;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // The server's CSRF guard wants exactly this content type on every request that is not a GET, body or not.
  if (method !== 'GET') headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(`the server cannot be reached (${(e as Error).message})`, 0);
  }
  if (response.status === 401 && !options.allowUnauthorized) unauthorizedListeners.forEach((l) => l());
  if (!response.ok) throw await errorOf(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : {}) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body: unknown = {}, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

/** A query string from the defined values (arrays repeat the key, as the gateway reads them). */
export function query(params: Record<string, string | number | boolean | string[] | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => search.append(key, v));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const enc = encodeURIComponent;
