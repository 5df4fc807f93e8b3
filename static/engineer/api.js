// The JSON API, as the page sees it: a bearer token, problem+json refusals, ETags as versions.

import { kv } from "./store.js";

export const API = "/api/v1";

// A refusal from the server (status >= 400) with its problem document.
export class Problem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.code = this.body.code || "";
  }
}

// No answer at all: no network, the server is down or the request timed out.
export class Offline extends Error {}

export async function session() {
  return (await kv.get("session")) || null;
}

export function versionOf(etag) {
  const match = /^(?:W\/)?"?(\d+)"?$/.exec((etag || "").trim());
  return match ? Number(match[1]) : null;
}

export async function call(method, path, { body, headers = {}, timeoutMs = 15000 } = {}) {
  const current = await session();
  // The server answers in the page's language (its texts and, later, its refusals).
  const sent = { Accept: "application/json", "Accept-Language": document.documentElement.lang || "zh-CN", ...headers };
  if (current) sent.Authorization = `Bearer ${current.token}`;
  if (body !== undefined) sent["Content-Type"] = "application/json";
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let response;
  try {
    response = await fetch(API + path, {
      method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body),
      signal: abort.signal, cache: "no-store", credentials: "omit",
    });
  } catch (error) {
    throw new Offline(String(error && error.message ? error.message : error));
  } finally {
    clearTimeout(timer);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { detail: text.slice(0, 200) }; }
  }
  if (!response.ok) throw new Problem(response.status, data);
  return { status: response.status, data, version: versionOf(response.headers.get("ETag")), headers: response.headers };
}

export async function login(username, password) {
  const { data } = await call("POST", "/auth/login", { body: { username, password } });
  await kv.set("session", { token: data.token, expiresAt: data.expires_at, username });
  const me = (await call("GET", "/auth/me")).data;
  if (me.role !== "engineer" || !me.engineer_id) {
    await call("POST", "/auth/logout").catch(() => {});
    await kv.del("session");
    throw new Problem(403, { code: "not-an-engineer", detail: "This page is for engineers." });
  }
  await kv.set("session", { token: data.token, expiresAt: data.expires_at, username, engineerId: me.engineer_id });
  await forgetOthers(username);
  return me;
}

// A phone handed to another engineer keeps nothing of the last one's jobs (their unsent taps
// stay, tagged with their name, until they log in again).
async function forgetOthers(username) {
  const previous = await kv.get("lastUser");
  if (previous && previous !== username) {
    for (const key of await kv.keys()) {
      if (key === "route" || key === "van" || String(key).startsWith("job:")) await kv.del(key);
    }
  }
  await kv.set("lastUser", username);
}
