// The engineer's phone app: log in, today's route, the job and its flow — offline first.
// What is shown comes from IndexedDB (the last server copy plus the taps still waiting), and
// is refreshed from the server whenever there is a network.

import {
  formatMoney, LANGUAGE_NAMES, locale, LOCALES, msg, onLocaleChange, setLocale, t,
} from "/static/i18n/i18n.js";
import { call, login, Offline, Problem, session } from "./api.js";
import { project, renderSteps } from "./flow.js";
import { discard, entriesFor, inputOf, labelOf, mine, onOutboxChange, replay, sendAgain } from "./outbox.js";
import { jobKey, kv } from "./store.js";
import {
  calendarDate, day, etaOf, geoLink, h, holdReasonWord, isLate, keepInputs, localToday, nextDay, serviceDay, statusWord,
  telLink, time, windowText,
} from "./ui.js";

const app = document.getElementById("app");
const badge = document.getElementById("outbox-badge");
const net = document.getElementById("net");
const languageSwitch = document.getElementById("lang-switch");

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
languageSwitch.addEventListener("click", () => setLocale(LOCALES.find((l) => l !== locale)));
onLocaleChange(() => { drawChrome(); mine().then(drawBadge); redraw(); });

drawChrome();
start();

async function start() {
  drawBadge(await mine());
  await show();
  await sync();
}

// The header in the page's language; the switch offers the other one, named in itself.
function drawChrome() {
  const other = LOCALES.find((l) => l !== locale);
  languageSwitch.textContent = LANGUAGE_NAMES[other];
  languageSwitch.lang = other;
  languageSwitch.setAttribute("aria-label", t("lang.switch"));
  showNet();
}

function showNet() {
  const offline = navigator.onLine === false;
  net.textContent = offline ? t("net.offline") : "";
  net.classList.toggle("offline", offline);
}

function drawBadge(entries) {
  const attention = entries.filter((e) => e.state === "conflict").length;
  badge.hidden = entries.length === 0;
  badge.classList.toggle("attention", attention > 0);
  const waiting = t("outbox.waiting", { count: entries.length });
  badge.textContent = attention ? `${waiting} · ${t("outbox.needsYou", { count: attention })}` : waiting;
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

const DAYS = { today: () => t("day.today"), tomorrow: () => t("day.tomorrow") };
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
      if (e instanceof Offline) error.textContent = t("login.offline");
      else if (e.status === 401) error.textContent = t("login.wrong");
      else if (e.status === 429) error.textContent = t("login.tooMany");
      else if (e.code === "not-an-engineer") error.textContent = t("login.notEngineer");
      else error.textContent = e.message;
    }
  } },
  h("h1", {}, t("login.heading")),
  h("label", { for: "username" }, t("login.username")), user,
  h("label", { for: "password" }, t("login.password")), pass,
  error,
  h("div", { class: "row" }, h("button", { type: "submit" }, t("login.submit"))));
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
  const heading = h("h1", {}, routeHeading(which));
  const switcher = h("nav", { class: "days", "aria-label": t("route.whichDay") }, Object.keys(DAYS).map((d) => h("a", {
    class: `button${d === which ? " current" : " secondary"}`, href: routeHash(d),
    "aria-current": d === which ? "page" : null }, DAYS[d]())));
  const routeDay = saved && saved.date ? serviceDay(saved.date)
    : serviceDay(which === "today" ? localToday() : nextDay(localToday()));
  const when = h("p", { class: "day" }, `${routeDay} · ${me.username}`,
    saved && !offline ? ` · ${t("route.updated", { time: time(route.fetchedAt) })}` : "");
  const savedAt = route && daysSinceSaved(route) > 0
    ? t("route.savedOnDay", { day: day(route.fetchedAt), time: time(route.fetchedAt) }) : time(route && route.fetchedAt);
  const asOf = saved && offline ? h("p", { class: "note", role: "note" }, t("route.offlineAsOf", { when: savedAt }))
    : null;
  if (!saved) {
    const empty = which === "tomorrow"
      ? (offline ? t("route.noneSaved.tomorrow") : t("route.loading.tomorrow"))
      : (offline ? t("route.noneSaved.today") : t("route.loading.today"));
    paint(heading, switcher, when, h("p", { class: "empty" }, empty));
    return;
  }
  const ahead = which === "tomorrow" && jobs.length
    ? h("p", { class: "note", role: "note" }, t("route.lookAhead")) : null;
  const list = h("ol", { class: "stops", "aria-label": t("route.stops") },
    routeRows(jobs, saved.plan, which));
  paint(heading, switcher, when, asOf, ahead,
    jobs.length ? list : h("p", { class: "empty" }, which === "tomorrow" ? t("route.empty.tomorrow") : t("route.empty.today")),
    h("div", { class: "row" }, h("button", { type: "button", class: "secondary", onclick: logout }, t("common.logout"))));
}

const routeHeading = (which) => (which === "tomorrow" ? t("route.heading.tomorrow") : t("route.heading.today"));

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
  return h("li", { class: "break", "aria-label": t("route.lunch") },
    h("span", { class: "window" }, `${time(plan.break_start_at)}–${time(plan.break_end_at)}`),
    h("span", {}, t("route.lunch")));
}

function badges(wo, waiting, repeat = false, eta = wo.planned_start) {
  return h("div", { class: "badges" },
    h("span", { class: "badge status" }, statusWord(wo.status)),
    wo.chargeable ? h("span", { class: "badge chargeable" }, t("badge.chargeable"))
      : h("span", { class: "badge warranty" }, t("badge.warranty")),
    isLate(wo, eta) ? h("span", { class: "badge late" }, t("badge.late")) : null,
    repeat ? h("span", { class: "badge repeat" }, t("badge.repeat")) : null,
    waiting && waiting.length ? h("span", { class: "badge pending" }, t("badge.waiting", { count: waiting.length })) : null);
}

function partsLine(wo, cached) {
  const reserved = cached && cached.reservations;
  const list = (lines) => lines.map((p) => `${p.sku} ×${p.qty}`).join(", ");
  if (reserved && reserved.length) return h("p", { class: "parts" }, t("parts.reserved", { list: list(reserved) }));
  if (!wo.parts_needed || !wo.parts_needed.length) return h("p", { class: "parts" }, t("parts.nonePlanned"));
  return h("p", { class: "parts" }, reserved ? t("parts.plannedNoneReserved", { list: list(wo.parts_needed) })
    : t("parts.forJob", { list: list(wo.parts_needed) }));
}

function lateLine(wo, eta) {
  return isLate(wo, eta)
    ? h("p", { class: "error" }, t("late.line", { eta: time(eta), end: time(wo.window_end) }))
    : null;
}

function stopCard(wo, seq, waiting, cached, eta, which) {
  return h("li", { class: `stop${isLate(wo, eta) ? " late" : ""}`, dataset: { jobId: wo.id, day: which } },
    h("div", { class: "stop-head" }, h("span", { class: "seq", "aria-label": t("stop.seq", { seq }) }, String(seq)),
      h("span", { class: "window" }, windowText(wo)),
      h("span", { class: "eta" }, eta ? t("stop.eta", { time: time(eta) }) : t("stop.etaNotPlanned"))),
    lateLine(wo, eta),
    h("p", { class: "who" }, wo.customer_name),
    h("p", { class: "addr" }, wo.site_address),
    badges(wo, waiting, cached.history && cached.history.repeat_repair, eta),
    partsLine(wo, cached),
    h("div", { class: "actions" },
      h("a", { class: "button secondary", href: telLink(wo.customer_phone),
        "aria-label": t("stop.callName", { name: wo.customer_name }) }, t("stop.call")),
      h("a", { class: "button secondary", href: geoLink(wo),
        "aria-label": t("stop.navigateTo", { address: wo.site_address }) }, t("stop.navigate")),
      h("a", { class: "button wide", href: `#/jobs/${wo.id}` }, t("stop.open", { number: wo.number }))));
}

async function drawJob(id) {
  current = () => { drawJob(id); };
  let cached = await kv.get(jobKey(id));
  const entries = await entriesFor(id);
  if (!(cached && cached.workOrder) && !entries.length) {
    if (navigator.onLine === false) {
      paint(backLink(), h("h1", {}, t("job.notOffline.heading")), h("p", {}, t("job.notOffline.text")));
      return;
    }
    paint(backLink(), h("p", { class: "loading" }, t("job.loading")));
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
    cached.gone ? h("div", { class: "alert" }, h("h2", {}, t("job.gone.heading")), h("p", {}, t("job.gone.text"))) : null,
    waitingPanel(entries.filter((e) => e.state === "waiting")),
    visitCard(wo, eta),
    cached.gone ? null : h("section", { "aria-label": t("job.nextSteps") }, h("h2", {}, nextHeading(wo)),
      notToday ? h("p", { class: "note", role: "note" }, t("job.tomorrowNote", { day: serviceDay(saved.date) })) : null,
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
    else paint(backLink(), h("h1", {}, t("job.loadFailed")), h("p", {}, error.message));
    return null;
  }
}

function drawNotFound() {
  paint(backLink(), h("h1", {}, t("job.notFound.heading")), h("p", {}, t("job.notFound.text")));
}

const backLink = (which = "today") => h("a", { class: "back", href: routeHash(which || "today") },
  `← ${routeHeading(which || "today")}`);

function nextHeading(wo) {
  if (wo.status === "completed" || wo.status === "closed") return t("job.done");
  if (wo.status === "on_hold") return t("job.onHold");
  return t("job.nextSteps");
}

function visitCard(wo, eta) {
  return h("section", { class: "card", "aria-label": t("visit.heading") }, h("h2", {}, t("visit.heading")),
    h("dl", { class: "facts" },
      h("dt", {}, t("visit.window")), h("dd", {}, windowText(wo)),
      h("dt", {}, t("visit.eta")), h("dd", {}, eta ? time(eta) : t("visit.notPlanned")),
      h("dt", {}, t("visit.customer")), h("dd", {}, wo.customer_name),
      h("dt", {}, t("visit.phone")), h("dd", {}, h("a", { href: telLink(wo.customer_phone) }, wo.customer_phone)),
      h("dt", {}, t("visit.address")), h("dd", {}, wo.site_address),
      h("dt", {}, t("visit.access")), h("dd", {}, wo.site_access_notes || "—"),
      h("dt", {}, t("visit.symptom")), h("dd", {}, wo.symptom || "—"),
      h("dt", {}, t("visit.calledBack")),
      h("dd", {}, wo.customer_contacted_at ? time(wo.customer_contacted_at) : t("visit.notYet"))),
    lateLine(wo),
    h("div", { class: "actions" },
      h("a", { class: "button secondary", href: telLink(wo.customer_phone) }, t("visit.callCustomer")),
      h("a", { class: "button secondary", href: geoLink(wo) }, t("stop.navigate"))));
}

function assetCard(history) {
  if (!history || !history.asset) {
    return h("section", { class: "card", "aria-label": t("asset.heading") }, h("h2", {}, t("asset.heading")),
      h("p", {}, history ? t("asset.none") : t("asset.loadsOnline")));
  }
  const a = history.asset;
  const inWarranty = a.warranty_until && a.warranty_until >= new Date().toISOString().slice(0, 10);
  const visits = history.visits.length ? h("ul", { class: "visits" }, history.visits.map((v) => h("li", {},
    h("strong", {}, v.number),
    ` · ${v.completed_at ? t("asset.completedOn", { date: calendarDate(v.completed_at.slice(0, 10)) }) : statusWord(v.status)}`,
    v.within_repeat_window
      ? h("span", { class: "badge repeat" }, t("asset.withinDays", { days: history.repeat_window_days })) : null,
    h("br"), t("asset.fault", { symptom: v.symptom || "—" }),
    v.resolution_notes ? [h("br"), t("asset.fixed", { notes: v.resolution_notes })] : null)))
    : h("p", {}, t("asset.noVisits"));
  const until = { date: calendarDate(a.warranty_until) };
  const warranty = !a.warranty_until ? t("asset.noWarranty")
    : (inWarranty ? t("asset.warrantyUntil", until) : t("asset.warrantyExpired", until));
  return h("section", { class: "card", "aria-label": t("asset.heading") }, h("h2", {}, t("asset.heading")),
    history.repeat_repair ? h("div", { class: "alert", role: "note" }, h("h2", {}, t("badge.repeat")),
      h("p", {}, t("asset.repeatText", { days: history.repeat_window_days,
        date: calendarDate(history.last_repair_at.slice(0, 10)) }))) : null,
    h("dl", { class: "facts" },
      h("dt", {}, t("asset.model")), h("dd", {}, a.product_model),
      h("dt", {}, t("asset.serial")), h("dd", {}, a.serial),
      h("dt", {}, t("asset.installed")), h("dd", {}, calendarDate(a.installed_on)),
      h("dt", {}, t("asset.warranty")), h("dd", {}, warranty)),
    h("h3", {}, t("asset.history")), visits);
}

function notesCard(wo, partsUsed) {
  const used = partsUsed.map((p) => `${p.sku}${p.serial ? ` (${p.serial})` : ""}`).join(", ");
  const rows = [
    [t("notes.diagnosis"), wo.diagnosis_notes], [t("notes.quote"), wo.quote_amount ? formatMoney(wo.quote_amount) : null],
    [t("notes.consent"), wo.consent_name], [t("notes.done"), wo.resolution_notes],
    [t("notes.test"), wo.test_passed === true ? t("notes.passed") : null],
    [t("notes.signed"), wo.signed_at ? time(wo.signed_at) : null],
    [t("notes.hold"), wo.hold_reason ? holdReasonWord(wo.hold_reason) : null],
    [t("notes.partsUsed"), used || (wo.no_parts_used ? t("notes.none") : null)],
  ].filter(([, v]) => v);
  return h("section", { class: "card", "aria-label": t("notes.heading") }, h("h2", {}, t("notes.heading")),
    rows.length ? h("dl", { class: "facts" }, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]))
      : h("p", {}, t("notes.nothing")));
}

// The van's good stock, the parts planned for this job first; without the parts service, the
// parts the job was planned with.
function partChoices(wo, van) {
  const planned = new Set((wo.parts_needed || []).map((p) => p.sku));
  if (!van) {
    return [...planned].map((sku) => ({ sku, label: t("partChoice.plannedOnly", { sku }), returnable: false }));
  }
  return [...van].sort((a, b) => Number(planned.has(b.sku)) - Number(planned.has(a.sku)) || a.sku.localeCompare(b.sku))
    .map((p) => ({ sku: p.sku, returnable: p.returnable,
      label: planned.has(p.sku) ? t("partChoice.inVanPlanned", { sku: p.sku, name: p.name, count: p.onHand })
        : t("partChoice.inVan", { sku: p.sku, name: p.name, count: p.onHand }) }));
}

// --- waiting and refused changes ------------------------------------------------------------

function waitingPanel(waiting) {
  if (!waiting.length) return null;
  return h("div", { class: "alert info", role: "status" }, h("h2", {}, t("waiting.heading", { count: waiting.length })),
    h("p", {}, navigator.onLine === false ? t("waiting.offline") : t("waiting.sending")),
    h("ul", { class: "gaps" }, waiting.map((e) => h("li", {}, labelOf(e), e.lastError ? ` — ${t(e.lastError)}` : ""))));
}

// A refusal in plain words: by the problem's stable code where it has its own, else by status.
function plainRefusal(problem, label) {
  const byCode = {
    "insufficient-stock": msg("conflict.insufficientStock", { label }),
    "illegal-transition": msg("conflict.illegalTransition", { label }),
    "requirements-not-met": msg("conflict.requirementsNotMet", { label }),
  };
  const byStatus = {
    412: msg("conflict.stale", { label }), 404: msg("conflict.gone", { label }),
    409: msg("conflict.noLongerFits", { label }), 403: msg("conflict.forbidden", { label }),
  };
  return t(byCode[problem.code] || byStatus[problem.status] || msg("conflict.notAccepted", { label }));
}

function conflictPanel(entry) {
  const problem = entry.problem || {};
  const label = labelOf(entry);
  const kept = inputOf(entry);
  const signature = entry.kind === "signature" && entry.body ? entry.body.image : null;
  return h("div", { class: "alert conflict", role: "alert", dataset: { seq: entry.seq } },
    h("h2", {}, t("conflict.heading")),
    h("p", {}, plainRefusal(problem, label)),
    problem.detail && ![412, 404].includes(problem.status)
      ? h("p", { class: "hint" }, t("conflict.server", { detail: problem.detail })) : null,
    problem.errors ? h("ul", { class: "gaps" }, problem.errors.map((e) => h("li", {}, e.detail))) : null,
    kept.length || signature ? [h("p", {}, t("conflict.kept")),
      h("div", { class: "kept" }, kept.map(([k, v]) => `${k}: ${v}`).join("\n")),
      signature ? h("img", { src: signature, alt: t("conflict.signatureAlt"), style: "max-width:100%" }) : null] : null,
    h("p", {}, problem.status === 404 ? t("conflict.tellOffice") : t("conflict.check")),
    h("div", { class: "row" },
      problem.status === 404 ? null
        : h("button", { type: "button", onclick: () => sendAgain(entry.seq).then(redraw) }, t("conflict.sendAgain")),
      h("button", { type: "button", class: "secondary", onclick: async () => {
        if (window.confirm(t("conflict.discardConfirm", { label }))) { await discard(entry.seq); redraw(); }
      } }, t("conflict.discard"))));
}

async function drawChanges() {
  current = () => { drawChanges(); };
  const entries = (await mine()).sort((a, b) => a.seq - b.seq);
  paint(backLink(), h("h1", {}, t("changes.heading")),
    entries.length ? h("ul", { class: "gaps" }, entries.map((e) => h("li", {},
      h("a", { href: `#/jobs/${e.jobId}` }, t("changes.entry", { label: labelOf(e), id: e.jobId })),
      ` — ${e.state === "conflict" ? t("changes.needsYou") : t("changes.waiting")}`)))
      : h("p", {}, t("changes.allSent")));
}

async function logout() {
  const waiting = await mine();
  if (waiting.length && !window.confirm(t("logout.confirm", { count: waiting.length }))) return;
  await call("POST", "/auth/logout").catch(() => {});
  await kv.del("session");
  await kv.del("route");
  for (const key of await kv.keys()) if (String(key).startsWith("job:")) await kv.del(key);
  show();
}
