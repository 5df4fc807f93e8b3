// Small DOM and formatting helpers. Text always goes in as text (never HTML), so nothing a
// customer typed can run on the engineer's phone.

import {
  formatDate, formatDay, formatServiceDay, formatTime, t, TIMEZONE,
} from "/static/i18n/i18n.js";

export { TIMEZONE };

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = value;
    else if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const time = formatTime;
export const day = formatDay;
// Calendar dates (install date, warranty) are dates, not instants: shown as they are.
export const calendarDate = (isoDate) => (isoDate ? formatDate(isoDate) : "—");
export const windowText = (wo) => (wo.window_start ? `${time(wo.window_start)}–${time(wo.window_end)}` : t("job.noWindow"));

// The ETA: the arrival the published plan gives the stop, else the job's planned start.
export function etaOf(wo, plan) {
  const stop = plan && plan.stops ? plan.stops.find((s) => s.work_order_id === wo.id) : null;
  return (stop && stop.arrival_at) || wo.planned_start || null;
}

export function isLate(wo, eta = wo.planned_start) {
  return Boolean(eta && wo.window_end && new Date(eta) > new Date(wo.window_end));
}

// Service days as the server names them ("2026-11-23"): today on this phone's reckoning (only
// when the server did not say), the day after, and a day written out for the engineer.
const isoDay = new Intl.DateTimeFormat("en-CA", { timeZone: TIMEZONE, year: "numeric", month: "2-digit", day: "2-digit" });
export const localToday = () => isoDay.format(new Date());
export function nextDay(isoDate) {
  const next = new Date(`${isoDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
export const serviceDay = formatServiceDay;

// A work order's status in the page's language.
export function statusWord(status) {
  const words = {
    new: t("status.new"), scheduled: t("status.scheduled"), assigned: t("status.assigned"),
    en_route: t("status.en_route"), on_site: t("status.on_site"), in_progress: t("status.in_progress"),
    completed: t("status.completed"), closed: t("status.closed"), on_hold: t("status.on_hold"),
    cancelled: t("status.cancelled"),
  };
  return words[status] || status;
}

// Why a job is on hold, in the page's language.
export function holdReasonWord(reason) {
  const words = { needs_part: t("hold.needs_part"), customer_absent: t("hold.customer_absent"), revisit: t("hold.revisit") };
  return words[reason] || reason;
}

export function geoLink(wo) {
  const label = encodeURIComponent(wo.site_address || "");
  return `geo:${wo.site_lat},${wo.site_lon}?q=${wo.site_lat},${wo.site_lon}(${label})`;
}

export function telLink(phone) {
  return `tel:${String(phone || "").replace(/[^0-9+]/g, "")}`;
}

// Keeps what the engineer was typing when a view is drawn again.
export function keepInputs(root, draw) {
  const kept = new Map();
  root.querySelectorAll("[data-keep]").forEach((el) => {
    kept.set(el.dataset.keep, el.type === "checkbox" ? el.checked : el.value);
  });
  draw();
  root.querySelectorAll("[data-keep]").forEach((el) => {
    if (!kept.has(el.dataset.keep)) return;
    if (el.type === "checkbox") el.checked = kept.get(el.dataset.keep);
    else el.value = kept.get(el.dataset.keep);
  });
}
