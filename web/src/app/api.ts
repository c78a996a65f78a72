// One fetch wrapper: same-origin cookies, JSON in and out, RFC 9457 problems turned into ApiError
// carrying the offending field so forms can show the message next to it.
export interface Problem { status: number; title?: string; detail?: string; code?: string; errors?: { field: string; message: string }[] }

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.status = problem.status;
    this.problem = problem;
  }
  /** The message for one field (JSON pointer like '/password'), if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(path: string, init: RequestInit & { query?: Query; json?: unknown } = {}): Promise<T> {
  const { query, json, headers, ...rest } = init;
  const res = await fetch(withQuery(path, query), {
    credentials: 'same-origin',
    ...rest,
    headers: { accept: 'application/json', ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    const problem = type.includes('json') ? (await res.json()) as Problem : { status: res.status, detail: await res.text() };
    throw new ApiError({ ...problem, status: res.status });
  }
  if (res.status === 204) return undefined as T;
  return (type.includes('json') ? res.json() : res.text()) as Promise<T>;
}
