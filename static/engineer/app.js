// The engineer's phone app: log in, today's route, the job and its flow — offline first.
// What is shown comes from IndexedDB (the last server copy plus the taps still waiting), and
// is refreshed from the server whenever there is a network.

import { call, login, Offline, Problem, session } from "./api.js";
import { project, renderSteps } from "./flow.js";
import { discard, entriesFor, mine, onOutboxChange, replay, sendAgain } from "./outbox.js";
import { jobKey, kv } from "./store.js";
import {
  calendarDate, day, etaOf, geoLink, h, isLate, keepInputs, localToday, nextDay, serviceDay, STATUS_WORDS, telLink, time,
  windowText,
} from "./ui.js";

const app = document.getElementById("app");
const badge = document.getElementById("outbox-badge");
const net = document.getElementById("net");

// --- boot ---------------------------------------------------------------------------------

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("sw.js", { scope: "./" }).catch(() => {});
}

window.addEventListener("hashchange", () => { window.scrollTo(0, 0); show(); });
window.addEventListener("online", () => { showNet(); sync(); });
window.addEventListener("offline", showNet);
document.addEventListener("visibilitychange", () => { if (!document.hidden) sync(); });
onOutboxChange((entries, detail) => { drawBadge(entries); if (detail.queued || detail.replayed) redraw(); });
setInterval(() => { if (navigator.onLine) replay().catch(() => {}); }, 15000);
badge.addEventListener("click", () => { location.hash = "#/changes"; });

showNet();
start();

async function start() {
  drawBadge(await mine());
  await show();
  await sync();
}

function showNet() {
  const offline = navigator.onLine === false;
  net.textContent = offline ? "Offline" : "";
  net.classList.toggle("offline", offline);
}

function drawBadge(entries) {
  const attention = entries.filter((e) => e.state === "conflict").length;
  badge.hidden = entries.length === 0;
  badge.classList.toggle("attention", attention > 0);
  const waiting = `${entries.length} ${entries.length === 1 ? "change" : "changes"} waiting`;
  badge.textContent = attention ? `${waiting} · ${attention} need${attention === 1 ? "s" : ""} you` : waiting;
}

// Replay first (so the server has the engineer's taps), then refresh what is cached.
let syncing = null;
async function sync() {
  if (syncing) return syncing;
  syncing = (async () => {
    if (!(await session()) || navigator.onLine === false) return;
    try {
      const result = await replay();
      if (result.stopped === "login") { await kv.del("session"); return show(); }
      await refreshRoute();
    } catch (error) {
      if (error instanceof Problem && error.status === 401) { await kv.del("session"); return show(); }
      if (!(error instanceof Offline)) console.error(error);
    }
    redraw();
  })().finally(() => { syncing = null; });
  return syncing;
}

// Today's and tomorrow's routes, each with its published plan (ETAs and the break), so both
// days open offline. "Today" is the server's (Service-Date), not this phone's clock.
async function refreshRoute() {
  const first = await call("GET", "/me/route");
  const today = first.headers.get("Service-Date") || localToday();
  const tomorrow = nextDay(today);
  const second = await call("GET", `/me/route?date=${tomorrow}`);
  const [todayPlan, tomorrowPlan] = await Promise.all([today, tomorrow].map(publishedRoute));
  const data = [...first.data, ...second.data];
  const waiting = new Set((await mine()).map((e) => e.jobId));
  for (const wo of data) {
    const cached = (await kv.get(jobKey(wo.id))) || {};
    if (!waiting.has(wo.id)) await kv.set(jobKey(wo.id), { ...cached, workOrder: wo, version: wo.version, gone: false });
  }
  await kv.set("route", { fetchedAt: new Date().toISOString(), phoneDay: localToday(), days: {
    today: { date: today, ids: first.data.map((wo) => wo.id), plan: todayPlan },
    tomorrow: { date: tomorrow, ids: second.data.map((wo) => wo.id), plan: tomorrowPlan } } });
  await refreshVan();
  for (const wo of data) await refreshDetails(wo.id, waiting.has(wo.id));
}

// The engineer's route in the day's published plan; null without one (or without the planner).
async function publishedRoute(date) {
  const answer = await unlessMissing(() => call("GET", `/me/plan?date=${date}`));
  return (answer && answer.data && answer.data.route) || null;
}

const DAYS = { today: "Today", tomorrow: "Tomorrow" };
const routeHash = (which) => (which === "tomorrow" ? "#/tomorrow" : "#/");

// The cached days as of now; a copy saved by an older version of the page (today's ids only)
// still opens. Saved on an earlier day of this phone's calendar (the evening before, opened
// offline next morning), that day's "tomorrow" is today, and no later day is saved. Days are
// counted on the phone's own calendar, so a phone whose clock is off still counts them right.
function routeDays(route) {
  if (!route) return null;
  if (!route.days) return { today: { ids: route.ids || [], plan: null } };
  const passed = daysSinceSaved(route);
  if (passed <= 0) return route.days;
  return { today: passed === 1 ? route.days.tomorrow : null, tomorrow: null };
}

const daysSinceSaved = (route) => (route.phoneDay
  ? Math.round((Date.parse(`${localToday()}T00:00:00Z`) - Date.parse(`${route.phoneDay}T00:00:00Z`)) / 86400000) : 0);

// Which cached day a job is on ("today", "tomorrow"), or null for a job opened by its link.
function dayOf(route, id) {
  const days = routeDays(route);
  for (const which of Object.keys(DAYS)) if (days && days[which] && days[which].ids.includes(id)) return which;
  return null;
}

// Every page of a list endpoint (the API pages at most 100 at a time).
async function everything(path) {
  const rows = [];
  for (let page = 1; page < 50; page += 1) {
    const { data } = await call("GET", `${path}${path.includes("?") ? "&" : "?"}page=${page}&per_page=100`);
    rows.push(...data);
    if (data.length < 100) break;
  }
  return rows;
}

// Without the spare-parts service (404) the page falls back to the parts the job was planned with.
async function unlessMissing(work) {
  try { return await work(); } catch (error) {
    if (error instanceof Problem && error.status === 404) return undefined;
    throw error;
  }
}

// What the van holds (good stock), and which parts must go back when replaced.
async function refreshVan() {
  const van = await unlessMissing(async () => {
    const stock = await everything("/stock?kind=van&condition=good&in_stock=true");
    const returnable = new Set((await everything("/parts?returnable=true")).map((p) => p.sku));
    return stock.map((b) => ({ sku: b.sku, name: b.part_name, onHand: b.on_hand, returnable: returnable.has(b.sku) }));
  });
  if (van) await kv.set("van", van);
  else await kv.del("van");
}

// The job's history, parts and reservations, so the job opens fully in a basement.
async function refreshDetails(id, hasWaiting) {
  const [history, parts, reserved] = await Promise.all([
    call("GET", `/work-orders/${id}/asset-history`), call("GET", `/work-orders/${id}/parts`),
    unlessMissing(() => everything(`/reservations?work_order_id=${id}&status=active`))]);
  const owed = await unlessMissing(() => everything(`/faulty-returns?work_order_id=${id}&status=expected`));
  const cached = (await kv.get(jobKey(id))) || {};
  cached.history = history.data;
  cached.reservations = reserved ? reserved.map((r) => ({ sku: r.sku, qty: r.qty })) : undefined;
  if (!hasWaiting) {
    cached.parts = parts.data;
    cached.faultyReturns = owed;
  }
  await kv.set(jobKey(id), cached);
}

// --- views --------------------------------------------------------------------------------

let current = () => {};
function redraw() { current(); }

async function show() {
  const me = await session();
  const hash = location.hash || "#/";
  if (!me) return drawLogin();
  const job = /^#\/jobs\/(\d+)$/.exec(hash);
  if (job) return drawJob(Number(job[1]));
  if (hash === "#/changes") return drawChanges();
  return drawRoute(hash === "#/tomorrow" ? "tomorrow" : "today");
}

// Draws a view at once; what the engineer was typing survives the redraw (see keepInputs).
function paint(...nodes) {
  const focused = app.contains(document.activeElement) ? document.activeElement : null;
  const caret = focused && typeof focused.selectionStart === "number" ? focused.selectionStart : null;
  keepInputs(app, () => {
    app.replaceChildren(...nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
  });
  const again = focused && focused.id ? document.getElementById(focused.id) : null;
  if (again && again !== focused && "value" in again) {
    again.focus({ preventScroll: true });
    if (caret !== null && typeof again.setSelectionRange === "function") {
      try { again.setSelectionRange(caret, caret); } catch { /* not a text field */ }
    }
  }
}

function drawLogin(message) {
  current = () => drawLogin(message);
  const user = h("input", { id: "username", autocomplete: "username", autocapitalize: "none", required: true,
    "data-keep": "login-username" });
  const pass = h("input", { id: "password", type: "password", autocomplete: "current-password", required: true });
  const error = h("p", { class: "error", role: "alert" }, message || "");
  const form = h("form", { onsubmit: async (ev) => {
    ev.preventDefault();
    error.textContent = "";
    try {
      await login(user.value.trim(), pass.value);
      location.hash = "#/";
      await show();
      await sync();
    } catch (e) {
      if (e instanceof Offline) error.textContent = "No connection. Logging in needs the network once.";
      else if (e.status === 401) error.textContent = "Wrong username or password.";
      else if (e.status === 429) error.textContent = "Too many attempts. Wait a few minutes and try again.";
      else error.textContent = e.message;
    }
  } },
  h("h1", {}, "Log in"),
  h("label", { for: "username" }, "Username"), user,
  h("label", { for: "password" }, "Password"), pass,
  error,
  h("div", { class: "row" }, h("button", { type: "submit" }, "Log in")));
  paint(form);
}

async function drawRoute(which = "today") {
  current = () => { drawRoute(which); };
  const route = await kv.get("route");
  const saved = (routeDays(route) || {})[which];
  const entries = await mine();
  const jobs = [];
  for (const id of (saved && saved.ids) || []) {
    const cached = await kv.get(jobKey(id));
    if (cached && cached.workOrder) jobs.push({ cached, entries: entries.filter((e) => e.jobId === id) });
  }
  const me = await session();
  const offline = navigator.onLine === false;
  const heading = h("h1", {}, `${DAYS[which]}'s route`);
  const switcher = h("nav", { class: "days", "aria-label": "Which day" }, Object.keys(DAYS).map((d) => h("a", {
    class: `button${d === which ? " current" : " secondary"}`, href: routeHash(d),
    "aria-current": d === which ? "page" : null }, DAYS[d])));
  const routeDay = saved && saved.date ? serviceDay(saved.date)
    : serviceDay(which === "today" ? localToday() : nextDay(localToday()));
  const when = h("p", { class: "day" }, `${routeDay} · ${me.username}`,
    saved && !offline ? ` · updated ${time(route.fetchedAt)}` : "");
  const savedOn = route && daysSinceSaved(route) > 0 ? `${day(route.fetchedAt)}, ` : "";
  const asOf = saved && offline
    ? h("p", { class: "note", role: "note" }, `Offline: this is the route as of ${savedOn}${time(route.fetchedAt)}.`)
    : null;
  if (!saved) {
    paint(heading, switcher, when, h("p", { class: "empty" }, offline
      ? `No route for ${DAYS[which].toLowerCase()} saved on this phone yet. Connect once to load it.`
      : `Loading ${DAYS[which].toLowerCase()}'s jobs…`));
    return;
  }
  const ahead = which === "tomorrow" && jobs.length
    ? h("p", { class: "note", role: "note" }, "Tomorrow's jobs are to look ahead: you can call customers now; "
      + "en route, arrival and the rest open on the day.") : null;
  const list = h("ol", { class: "stops", "aria-label": "Stops in planned order" },
    routeRows(jobs, saved.plan, which));
  paint(heading, switcher, when, asOf, ahead,
    jobs.length ? list : h("p", { class: "empty" }, `No jobs on your route ${DAYS[which].toLowerCase()}.`),
    h("div", { class: "row" }, h("button", { type: "button", class: "secondary", onclick: logout }, "Log out")));
}

// The stops in planned order, with the plan's lunch break as a row where it falls (before the
// first stop the plan starts after the break begins).
function routeRows(jobs, plan, which) {
  const rows = [];
  const lunch = plan && plan.break_start_at ? plan : null;
  let breakShown = !lunch;
  jobs.forEach(({ cached, entries: waiting }, index) => {
    const { wo } = project(cached, waiting);
    const eta = etaOf(wo, plan);
    const stop = plan && plan.stops ? plan.stops.find((s) => s.work_order_id === wo.id) : null;
    const starts = (stop && stop.start_at) || eta;
    if (!breakShown && starts && new Date(starts) >= new Date(lunch.break_start_at)) {
      rows.push(breakRow(lunch));
      breakShown = true;
    }
    rows.push(stopCard(wo, index + 1, waiting, cached, eta, which));
  });
  if (!breakShown && jobs.length) rows.push(breakRow(lunch));
  return rows;
}

function breakRow(plan) {
  return h("li", { class: "break", "aria-label": "Lunch break" },
    h("span", { class: "window" }, `${time(plan.break_start_at)}–${time(plan.break_end_at)}`),
    h("span", {}, "Lunch break"));
}

function badges(wo, waiting, repeat = false, eta = wo.planned_start) {
  return h("div", { class: "badges" },
    h("span", { class: "badge status" }, STATUS_WORDS[wo.status] || wo.status),
    wo.chargeable ? h("span", { class: "badge chargeable" }, "Chargeable") : h("span", { class: "badge warranty" }, "Warranty"),
    isLate(wo, eta) ? h("span", { class: "badge late" }, "Late") : null,
    repeat ? h("span", { class: "badge repeat" }, "Repeat repair") : null,
    waiting && waiting.length ? h("span", { class: "badge pending" }, `${waiting.length} waiting`) : null);
}

function partsLine(wo, cached) {
  const reserved = cached && cached.reservations;
  const list = (lines) => lines.map((p) => `${p.sku} ×${p.qty}`).join(", ");
  if (reserved && reserved.length) return h("p", { class: "parts" }, `Parts reserved: ${list(reserved)}`);
  if (!wo.parts_needed || !wo.parts_needed.length) return h("p", { class: "parts" }, "Parts: none planned");
  return h("p", { class: "parts" }, reserved ? `Parts planned, none reserved: ${list(wo.parts_needed)}`
    : `Parts for this job: ${list(wo.parts_needed)}`);
}

function lateLine(wo, eta) {
  return isLate(wo, eta)
    ? h("p", { class: "error" }, `Late: ETA ${time(eta)} is after the window end ${time(wo.window_end)}.`)
    : null;
}

function stopCard(wo, seq, waiting, cached, eta, which) {
  return h("li", { class: `stop${isLate(wo, eta) ? " late" : ""}`, dataset: { jobId: wo.id, day: which } },
    h("div", { class: "stop-head" }, h("span", { class: "seq", "aria-label": `Stop ${seq}` }, String(seq)),
      h("span", { class: "window" }, windowText(wo)),
      h("span", { class: "eta" }, eta ? `ETA ${time(eta)}` : "ETA not planned")),
    lateLine(wo, eta),
    h("p", { class: "who" }, wo.customer_name),
    h("p", { class: "addr" }, wo.site_address),
    badges(wo, waiting, cached.history && cached.history.repeat_repair, eta),
    partsLine(wo, cached),
    h("div", { class: "actions" },
      h("a", { class: "button secondary", href: telLink(wo.customer_phone), "aria-label": `Call ${wo.customer_name}` }, "Call"),
      h("a", { class: "button secondary", href: geoLink(wo), "aria-label": `Navigate to ${wo.site_address}` }, "Navigate"),
      h("a", { class: "button wide", href: `#/jobs/${wo.id}` }, `Open ${wo.number}`)));
}

async function drawJob(id) {
  current = () => { drawJob(id); };
  let cached = await kv.get(jobKey(id));
  const entries = await entriesFor(id);
  if (!(cached && cached.workOrder) && !entries.length) {
    if (navigator.onLine === false) {
      paint(backLink(), h("h1", {}, "Not available offline"),
        h("p", {}, "This job is not saved on this phone. Connect to the network to open it."));
      return;
    }
    paint(backLink(), h("p", { class: "loading" }, "Loading the job…"));
    cached = await fetchJob(id);
    if (!cached) return;
  }
  if (cached.gone && !entries.length) return drawNotFound();
  const { wo, partsUsed, owed } = project(cached, entries);
  const route = await kv.get("route");
  const which = dayOf(route, id);
  const saved = which ? routeDays(route)[which] : null;
  const eta = etaOf(wo, saved && saved.plan);
  const notToday = which === "tomorrow";
  paint(
    backLink(which),
    h("h1", {}, `${wo.number} · ${wo.customer_name}`),
    badges(wo, entries.filter((e) => e.state === "waiting"), cached.history && cached.history.repeat_repair, eta),
    lateLine(wo, eta),
    ...entries.filter((e) => e.state === "conflict").map(conflictPanel),
    cached.gone ? h("div", { class: "alert" }, h("h2", {}, "No longer your job"),
      h("p", {}, "The office reassigned or cancelled this job. What you entered is kept below until you discard it.")) : null,
    waitingPanel(entries.filter((e) => e.state === "waiting")),
    visitCard(wo, eta),
    cached.gone ? null : h("section", { "aria-label": "Next steps" }, h("h2", {}, nextHeading(wo)),
      notToday ? h("p", { class: "note", role: "note" }, `This job is tomorrow (${serviceDay(saved.date)}). `
        + "You can call the customer now; en route, arrival and the rest open on the day.") : null,
      renderSteps(wo, partsUsed, { partChoices: partChoices(wo, await kv.get("van")), owed, notToday })),
    assetCard(cached.history),
    notesCard(wo, partsUsed),
  );
}

async function fetchJob(id) {
  try {
    const [job, history, parts] = await Promise.all([
      call("GET", `/work-orders/${id}`), call("GET", `/work-orders/${id}/asset-history`),
      call("GET", `/work-orders/${id}/parts`)]);
    const reserved = await unlessMissing(() => everything(`/reservations?work_order_id=${id}&status=active`));
    const owed = await unlessMissing(() => everything(`/faulty-returns?work_order_id=${id}&status=expected`));
    const cached = { workOrder: job.data, version: job.version, history: history.data, parts: parts.data,
      reservations: reserved ? reserved.map((r) => ({ sku: r.sku, qty: r.qty })) : undefined, faultyReturns: owed };
    await kv.set(jobKey(id), cached);
    return cached;
  } catch (error) {
    if (error instanceof Problem && error.status === 404) drawNotFound();
    else if (error instanceof Problem && error.status === 401) { await kv.del("session"); show(); }
    else paint(backLink(), h("h1", {}, "Could not load the job"), h("p", {}, error.message));
    return null;
  }
}

function drawNotFound() {
  paint(backLink(), h("h1", {}, "Job not found"),
    h("p", {}, "This job is not on your route. Check the number, or call the office."));
}

const backLink = (which = "today") => h("a", { class: "back", href: routeHash(which || "today") },
  `← ${DAYS[which || "today"]}'s route`);

function nextHeading(wo) {
  if (wo.status === "completed" || wo.status === "closed") return "Done — job completed";
  if (wo.status === "on_hold") return "On hold — the office will re-plan it";
  return "Next steps";
}

function visitCard(wo, eta) {
  return h("section", { class: "card", "aria-label": "Visit" }, h("h2", {}, "Visit"),
    h("dl", { class: "facts" },
      h("dt", {}, "Window"), h("dd", {}, windowText(wo)),
      h("dt", {}, "ETA"), h("dd", {}, eta ? time(eta) : "Not planned"),
      h("dt", {}, "Customer"), h("dd", {}, wo.customer_name),
      h("dt", {}, "Phone"), h("dd", {}, h("a", { href: telLink(wo.customer_phone) }, wo.customer_phone)),
      h("dt", {}, "Address"), h("dd", {}, wo.site_address),
      h("dt", {}, "Access"), h("dd", {}, wo.site_access_notes || "—"),
      h("dt", {}, "Symptom"), h("dd", {}, wo.symptom || "—"),
      h("dt", {}, "Called back"), h("dd", {}, wo.customer_contacted_at ? time(wo.customer_contacted_at) : "Not yet")),
    lateLine(wo),
    h("div", { class: "actions" },
      h("a", { class: "button secondary", href: telLink(wo.customer_phone) }, "Call customer"),
      h("a", { class: "button secondary", href: geoLink(wo) }, "Navigate")));
}

function assetCard(history) {
  if (!history || !history.asset) {
    return h("section", { class: "card", "aria-label": "Asset" }, h("h2", {}, "Asset"),
      h("p", {}, history ? "No asset recorded for this job." : "Asset details load when online."));
  }
  const a = history.asset;
  const inWarranty = a.warranty_until && a.warranty_until >= new Date().toISOString().slice(0, 10);
  const visits = history.visits.length ? h("ul", { class: "visits" }, history.visits.map((v) => h("li", {},
    h("strong", {}, v.number), ` · ${v.completed_at ? `completed ${calendarDate(v.completed_at.slice(0, 10))}` : STATUS_WORDS[v.status]}`,
    v.within_repeat_window ? h("span", { class: "badge repeat" }, " within 30 days") : null,
    h("br"), `Fault: ${v.symptom || "—"}`, v.resolution_notes ? [h("br"), `Done: ${v.resolution_notes}`] : null)))
    : h("p", {}, "No earlier visits to this asset.");
  return h("section", { class: "card", "aria-label": "Asset" }, h("h2", {}, "Asset"),
    history.repeat_repair ? h("div", { class: "alert", role: "note" }, h("h2", {}, "Repeat repair"),
      h("p", {}, `Repaired in the last ${history.repeat_window_days} days (last on ${calendarDate(history.last_repair_at.slice(0, 10))}). Check the earlier fix.`)) : null,
    h("dl", { class: "facts" },
      h("dt", {}, "Model"), h("dd", {}, a.product_model),
      h("dt", {}, "Serial"), h("dd", {}, a.serial),
      h("dt", {}, "Installed"), h("dd", {}, calendarDate(a.installed_on)),
      h("dt", {}, "Warranty"), h("dd", {}, a.warranty_until ? `until ${calendarDate(a.warranty_until)}${inWarranty ? "" : " (expired)"}` : "None")),
    h("h3", {}, "History"), visits);
}

function notesCard(wo, partsUsed) {
  const rows = [
    ["Diagnosis", wo.diagnosis_notes], ["Quote", wo.quote_amount ? `¥${wo.quote_amount}` : null],
    ["Consent", wo.consent_name], ["What was done", wo.resolution_notes],
    ["Test", wo.test_passed === true ? "Passed" : null], ["Signed", wo.signed_at ? time(wo.signed_at) : null],
    ["Hold", wo.hold_reason], ["Parts used", partsUsed.map((p) => `${p.sku}${p.serial ? ` (${p.serial})` : ""}`).join(", ") || (wo.no_parts_used ? "None" : null)],
  ].filter(([, v]) => v);
  return h("section", { class: "card", "aria-label": "Notes" }, h("h2", {}, "Notes"),
    rows.length ? h("dl", { class: "facts" }, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]))
      : h("p", {}, "Nothing recorded yet."));
}

// The van's good stock, the parts planned for this job first; without the parts service, the
// parts the job was planned with.
function partChoices(wo, van) {
  const planned = new Set((wo.parts_needed || []).map((p) => p.sku));
  if (!van) {
    return [...planned].map((sku) => ({ sku, label: `${sku} (planned for this job)`, returnable: false }));
  }
  return [...van].sort((a, b) => Number(planned.has(b.sku)) - Number(planned.has(a.sku)) || a.sku.localeCompare(b.sku))
    .map((p) => ({ sku: p.sku, returnable: p.returnable,
      label: `${p.sku} — ${p.name} (${p.onHand} in van)${planned.has(p.sku) ? " · planned" : ""}` }));
}

// --- waiting and refused changes ------------------------------------------------------------

function waitingPanel(waiting) {
  if (!waiting.length) return null;
  return h("div", { class: "alert info", role: "status" }, h("h2", {}, `${waiting.length} waiting to send`),
    h("p", {}, navigator.onLine === false ? "You are offline. These are saved on the phone and sent when the network is back."
      : "Sending…"),
    h("ul", { class: "gaps" }, waiting.map((e) => h("li", {}, e.label, e.lastError ? ` — ${e.lastError}` : ""))));
}

const PLAIN = {
  412: (e) => `The office changed this job since your phone last loaded it, so “${e.label}” was not sent.`,
  404: (e) => `This job is no longer on your route — it was reassigned or cancelled — so “${e.label}” was not sent.`,
  409: (e) => `“${e.label}” no longer fits the job as it is now.`,
  403: (e) => `You may not do “${e.label}” on this job.`,
  422: (e) => `The server did not accept “${e.label}”.`,
};

// Refusals with their own plain words, by the problem's stable code.
const PLAIN_BY_CODE = {
  "insufficient-stock": (e) => `Your van has no such part on the books, so “${e.label}” was not recorded. Check the part and its serial, or call the warehouse.`,
  "illegal-transition": (e) => `“${e.label}” is not possible any more: the job has moved on (maybe from the office).`,
  "requirements-not-met": (e) => `“${e.label}” needs something recorded first:`,
};

function conflictPanel(entry) {
  const problem = entry.problem || {};
  const say = (PLAIN_BY_CODE[problem.code] || PLAIN[problem.status] || PLAIN[422])(entry);
  const kept = Object.entries(entry.input || {}).filter(([k]) => k !== "image");
  return h("div", { class: "alert conflict", role: "alert", dataset: { seq: entry.seq } },
    h("h2", {}, "Not sent — needs you"),
    h("p", {}, say),
    problem.detail && ![412, 404].includes(problem.status) ? h("p", { class: "hint" }, `Server: ${problem.detail}`) : null,
    problem.errors ? h("ul", { class: "gaps" }, problem.errors.map((e) => h("li", {}, e.detail))) : null,
    kept.length || (entry.input && entry.input.image) ? [h("p", {}, "What you entered (kept):"),
      h("div", { class: "kept" }, kept.map(([k, v]) => `${k}: ${v}`).join("\n")),
      entry.input && entry.input.image ? h("img", { src: entry.input.image, alt: "The signature you took", style: "max-width:100%" }) : null] : null,
    h("p", {}, problem.status === 404 ? "Tell the office what you did, then discard it here."
      : "Check the job below. Send it again on top of the job as it is now, or discard it."),
    h("div", { class: "row" },
      problem.status === 404 ? null : h("button", { type: "button", onclick: () => sendAgain(entry.seq).then(redraw) }, "Send again"),
      h("button", { type: "button", class: "secondary", onclick: async () => {
        if (window.confirm(`Discard “${entry.label}”? It will not be sent.`)) { await discard(entry.seq); redraw(); }
      } }, "Discard")));
}

async function drawChanges() {
  current = () => { drawChanges(); };
  const entries = (await mine()).sort((a, b) => a.seq - b.seq);
  paint(backLink(), h("h1", {}, "Changes on this phone"),
    entries.length ? h("ul", { class: "gaps" }, entries.map((e) => h("li", {},
      h("a", { href: `#/jobs/${e.jobId}` }, `${e.label} (job ${e.jobId})`),
      e.state === "conflict" ? " — not sent, needs you" : " — waiting to send")))
      : h("p", {}, "Everything is sent."));
}

async function logout() {
  const waiting = await mine();
  if (waiting.length && !window.confirm(`${waiting.length} changes are not sent yet. They stay on this phone. Log out anyway?`)) return;
  await call("POST", "/auth/logout").catch(() => {});
  await kv.del("session");
  await kv.del("route");
  for (const key of await kv.keys()) if (String(key).startsWith("job:")) await kv.del(key);
  show();
}
