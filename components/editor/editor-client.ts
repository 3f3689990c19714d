/**
 * The editor's calls to /api/editor/*: the token from sessionStorage as a Bearer header, JSON
 * in and out. Non-OK answers are returned, not thrown (a 409 or 422 carries what the editor
 * needs to show); only a network failure throws.
 */
export const TOKEN_KEY = "lca-editor-token";

export interface Answer<T = Record<string, unknown>> {
  status: number;
  json: T;
}

/** An issue as the store reports it (data:check's fields, plus whether data/ already had it). */
export interface EditorIssue {
  file: string;
  id?: string;
  field?: string;
  expected: string;
  found: string;
  line: string;
  preexisting?: boolean;
}

export interface EditorErrorBody {
  error: { status: number; message?: string; code?: string; issues?: EditorIssue[]; revision?: string; current?: unknown; param?: string; expected?: string };
}

/** Calls an editor route with the token. */
export async function callEditor<T = Record<string, unknown>>(token: string, path: string, body?: unknown): Promise<Answer<T>> {
  const res = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
  });
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = { error: { status: res.status, message: `The server answered ${res.status} without JSON.` } };
  }
  return { status: res.status, json: json as T };
}

/** The message of an error answer, for a status line. */
export function errorMessage(a: Answer<unknown>): string {
  const e = (a.json as Partial<EditorErrorBody> | null)?.error;
  if (!e) return `The server answered ${a.status}.`;
  if (e.message) return e.message;
  if (e.param) return `Bad request: ${e.param} should be ${e.expected ?? "something else"}.`;
  return `The server answered ${a.status}.`;
}

/** An http(s) URL, or null: only those may become links. */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

/** Reads a chosen file as text. */
export function readFileText(file: File): Promise<string> {
  return file.text();
}
