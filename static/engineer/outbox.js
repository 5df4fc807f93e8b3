// The engineer's taps, queued in IndexedDB and sent exactly once.
//
// Each tap becomes one outbox entry with its Idempotency-Key made at the tap: a retry (after a
// lost answer, a reload, a dead battery) sends the same key, so the server replays its first
// answer instead of doing the work twice. Entries of one job go in tap order; the first of a
// chain carries the version the engineer saw (If-Match), the next ones the version the server
// answered for the one before — so a change by the office in between is a 412, never a silent
// overwrite. A refused entry is kept, with what the engineer typed, until they decide.

import { msg, t } from "/static/i18n/i18n.js";
import { call, Offline, Problem, session } from "./api.js";
import { jobKey, kv, outbox } from "./store.js";

const listeners = new Set();
let running = null;
let again = false;

export function onOutboxChange(listener) { listeners.add(listener); }
async function changed(detail = {}) {
  const entries = await mine();
  for (const listener of listeners) listener(entries, detail);
}

// Only the logged-in engineer's taps: another login on a shared phone never sends them.
export async function mine() {
  const me = await session();
  const user = me ? me.username : null;
  return (await outbox.all()).filter((e) => e.user === user).sort((a, b) => a.seq - b.seq);
}

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// Taps are queued one after the other, so quick taps keep their order and their chain.
let queueing = Promise.resolve();
const DOUBLE_TAP_MS = 1500;

// Queues one tap. ``action``: {jobId, kind, label, method, path, body, input}; the label and the
// names in ``input`` ([[name, value], …]) are msg()s, so they show in the language of the moment.
export function enqueue(action) {
  const next = queueing.then(() => queue(action));
  queueing = next.catch(() => {});
  return next;
}

async function queue(action) {
  const pending = (await mine()).filter((e) => e.jobId === action.jobId);
  const last = pending[pending.length - 1];
  if (last && last.path === action.path && JSON.stringify(last.body) === JSON.stringify(action.body)
      && Date.now() - Date.parse(last.createdAt) < DOUBLE_TAP_MS) {
    return last;  // the same tap twice in a row (a double tap) is one change
  }
  const cached = await kv.get(jobKey(action.jobId));
  const entry = {
    ...action,
    user: (await session()).username,
    key: newKey(),
    // After earlier unsent taps on this job, the version to expect is the one their answers bring.
    ifMatch: pending.length ? null : (cached ? cached.version : null),
    createdAt: new Date().toISOString(),
    state: "waiting",
    tries: 0,
  };
  entry.seq = await outbox.add(entry);
  await changed({ queued: entry });
  replaySoon();
  return entry;
}

export function replaySoon() {
  if (navigator.onLine !== false) setTimeout(() => { replay().catch(() => {}); }, 0);
}

// Sends what waits, in order; safe to call any time, from anywhere, as often as wanted.
export function replay() {
  if (running) { again = true; return running; }
  const work = async () => {
    const result = { sent: 0, conflicts: 0, stopped: null };
    const locks = navigator.locks;
    const pass = () => sendAll(result);
    if (locks && locks.request) await locks.request("fixroute-outbox", pass);
    else await pass();
    return result;
  };
  let outcome = null;
  running = work().then((result) => { outcome = result; return result; }).finally(async () => {
    running = null;
    // Views redraw only when something moved, so an idle replay never disturbs typing.
    const moved = !outcome || outcome.sent > 0 || outcome.conflicts > 0 || outcome.stopped !== null;
    await changed({ replayed: moved });
    if (again) { again = false; replaySoon(); }
  });
  return running;
}

async function sendAll(result) {
  const entries = await mine();
  const blocked = new Set(entries.filter((e) => e.state === "conflict").map((e) => e.jobId));
  for (const entry of entries) {
    if (entry.state !== "waiting" || blocked.has(entry.jobId)) continue;
    const outcome = await send(entry);
    if (outcome === "sent") result.sent += 1;
    else if (outcome === "conflict") { result.conflicts += 1; blocked.add(entry.jobId); }
    else { result.stopped = outcome; break; }
  }
}

async function send(entry) {
  const cached = await kv.get(jobKey(entry.jobId));
  const ifMatch = entry.ifMatch ?? (cached ? cached.version : null);
  const headers = { "Idempotency-Key": entry.key };
  if (ifMatch !== null && ifMatch !== undefined) headers["If-Match"] = `"${ifMatch}"`;
  entry.tries += 1;
  entry.sentIfMatch = ifMatch;
  try {
    const answer = await call(entry.method, entry.path, { body: entry.body, headers });
    await remember(entry, answer);
    await outbox.remove(entry.seq);
    return "sent";
  } catch (error) {
    if (error instanceof Offline) { await outbox.put({ ...entry, lastError: msg("outbox.error.offline") }); return "offline"; }
    if (!(error instanceof Problem)) throw error;
    if (error.status === 401) { await outbox.put({ ...entry, lastError: msg("outbox.error.login") }); return "login"; }
    if (error.status >= 500 || error.status === 429 || error.code === "idempotency-key-in-flight") {
      await outbox.put({ ...entry, lastError: msg("outbox.error.busy") });
      return "later";
    }
    await outbox.put({ ...entry, state: "conflict", problem: { status: error.status, ...error.body } });
    await refreshAfterRefusal(entry.jobId, error.status);
    return "conflict";
  }
}

// The server's answer is now the job's known state (and its ETag the version to chain on).
async function remember(entry, answer) {
  const cached = (await kv.get(jobKey(entry.jobId))) || { workOrder: null, parts: null };
  const data = answer.data || {};
  if (data.number && data.status) cached.workOrder = data;
  if (data.parts_used) {
    cached.parts = data;
    if (cached.workOrder) cached.workOrder.no_parts_used = data.no_parts_used;
  }
  if (data.signed_at && data.signer_name && cached.workOrder) cached.workOrder.signed_at = data.signed_at;
  if (entry.kind === "part" || entry.kind === "collect") await refreshOwed(entry, cached);
  if (answer.version !== null) cached.version = answer.version;
  if (cached.workOrder && answer.version !== null) cached.workOrder.version = answer.version;
  await kv.set(jobKey(entry.jobId), cached);
}

// A part fitted may open a faulty return; a collection closes one and settles the parts line.
async function refreshOwed(entry, cached) {
  try {
    const path = `/faulty-returns?work_order_id=${entry.jobId}&status=expected&per_page=100`;
    cached.faultyReturns = (await call("GET", path)).data;
    if (entry.kind === "collect") cached.parts = (await call("GET", `/work-orders/${entry.jobId}/parts`)).data;
  } catch (error) {
    if (!(error instanceof Problem && error.status === 404)) throw error;
    cached.faultyReturns = undefined;
  }
}

async function refreshAfterRefusal(jobId, status) {
  const cached = (await kv.get(jobKey(jobId))) || {};
  if (status === 404) {
    await kv.set(jobKey(jobId), { ...cached, gone: true });
    return;
  }
  try {
    const fresh = await call("GET", `/work-orders/${jobId}`);
    await kv.set(jobKey(jobId), { ...cached, workOrder: fresh.data, version: fresh.version, gone: false });
  } catch (error) {
    if (error instanceof Problem && error.status === 404) await kv.set(jobKey(jobId), { ...cached, gone: true });
  }
}

// The engineer read the conflict and wants their change sent on top of the job as it is now.
export async function sendAgain(seq) {
  const entry = (await mine()).find((e) => e.seq === seq);
  if (!entry) return;
  const cached = await kv.get(jobKey(entry.jobId));
  await outbox.put({ ...entry, state: "waiting", problem: null, ifMatch: cached ? cached.version : null });
  await changed();
  return replay();
}

// The engineer drops a refused change. The next unsent tap on that job was made on top of it,
// so it keeps the same expectation and is refused in turn if the job moved on: each is decided.
export async function discard(seq) {
  const entries = await mine();
  const entry = entries.find((e) => e.seq === seq);
  if (!entry) return;
  const next = entries.find((e) => e.seq > seq && e.jobId === entry.jobId && e.state === "waiting");
  if (next && next.ifMatch === null) await outbox.put({ ...next, ifMatch: entry.sentIfMatch ?? entry.ifMatch });
  await outbox.remove(seq);
  await changed();
}

// What the tap was, in the page's language (a tap queued by an older page has English text).
export const labelOf = (entry) => t(entry.label);

// What the engineer typed for the tap, as [name, value] rows (the signature image aside).
export function inputOf(entry) {
  const input = entry.input || [];
  if (Array.isArray(input)) return input.map(([name, value]) => [t(name), typeof value === "object" ? t(value) : value]);
  return Object.entries(input).filter(([name]) => name !== "image");
}

export async function entriesFor(jobId) {
  return (await mine()).filter((e) => e.jobId === jobId);
}
