import { ApiError } from './api-error';
import { clearSession, loadSession, saveSession } from './session-store';
import type { TokenPair } from './types';

const BASE = '/api/v1';

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  accept?: string;
  /** Login and refresh: a 401 there is an answer, not an expired session. */
  anonymous?: boolean;
}

type ExpiryListener = (message: string) => void;
const expiryListeners = new Set<ExpiryListener>();

/** Called once when the session can no longer be refreshed; the app goes back to login. */
export function onSessionExpired(listener: ExpiryListener): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

// Refresh tokens are single use: concurrent 401s share one refresh.
let refreshing: Promise<boolean> | null = null;

async function refreshOnce(): Promise<boolean> {
  refreshing ??= (async () => {
    const session = loadSession();
    if (!session) return false;
    try {
      const res = await fetch(`${BASE}/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      });
      if (!res.ok) return false;
      const pair = (await res.json()) as TokenPair;
      saveSession({ ...session, accessToken: pair.accessToken, refreshToken: pair.refreshToken });
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    setTimeout(() => (refreshing = null), 0);
  });
  return refreshing;
}

function expire(): never {
  clearSession();
  const message = '登录已过期，请重新登录';
  expiryListeners.forEach((l) => l(message));
  throw new ApiError(401, 'SESSION_EXPIRED', message);
}

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: opts.accept ?? 'application/json' };
  const session = loadSession();
  if (session && !opts.anonymous) headers.authorization = `Bearer ${session.accessToken}`;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  try {
    return await fetch(url(path, opts.query), { method, headers, body });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => ({}))) as {
    error?: string;
    message?: string | string[];
    details?: { field: string; message: string }[];
    errorId?: string;
  };
  const message = Array.isArray(body.message) ? body.message.join('；') : body.message;
  return new ApiError(
    res.status,
    body.error ?? body.errorId ?? String(res.status),
    message ?? `请求失败（${res.status}）`,
    body.details ?? [],
  );
}

/** One API call: bearer token, one refresh on 401, then back to login. */
export async function request(
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<Response> {
  let res = await send(method, path, opts);
  if (res.status === 401 && !opts.anonymous) {
    if (!(await refreshOnce())) expire();
    res = await send(method, path, opts);
    if (res.status === 401) expire();
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

export async function requestJson<T>(
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<T> {
  const res = await request(method, path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Downloads a file the API answers (PDF, XLSX, CSV) under the given name. */
export async function download(
  path: string,
  filename: string,
  opts: RequestOptions = {},
): Promise<void> {
  const res = await request('GET', path, opts);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
