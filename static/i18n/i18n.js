// The pages' one language mechanism: the shared catalogue (zh-CN.json, en.json beside this
// file), t(key, params) to look a text up, and Intl formatting of dates, times, durations,
// numbers and money for the locale, in the service timezone.
//
// The language is the one the server chose for the page (it renders <html lang> from the
// `lang` cookie, ?lang= or Accept-Language, else its default), unless the `lang` cookie says
// otherwise (a page cached offline keeps the language it was cached in). setLocale() is the
// language switch: it sets the same cookie, so the server's next answer agrees.
//
// Keys are flat ("route.heading"); values may hold {name} placeholders. A key with plural forms
// has one entry per Intl.PluralRules category ("outbox.waiting.one", "outbox.waiting.other")
// and is looked up with a numeric {count}. Importing this module waits for the catalogue, so
// t() works anywhere in the importing modules.

export const LOCALES = ["zh-CN", "en"];
// Each language named in itself, for the language switch (not translated: a reader looks for
// their own language's name).
export const LANGUAGE_NAMES = { "zh-CN": "中文", en: "English" };
export const DEFAULT_LOCALE = "zh-CN";
const COOKIE = "lang";
const INTL_LOCALE = { "zh-CN": "zh-CN", en: "en-GB" };  // en-GB: 24-hour times, day before month

const zoneMeta = document.querySelector('meta[name="fixroute-timezone"]');
const zone = zoneMeta ? zoneMeta.content : "";
// The service timezone (Asia/Shanghai for the demo company), whatever the device's own.
export const TIMEZONE = zone && !zone.startsWith("__") && !zone.startsWith("{") ? zone : "Asia/Shanghai";

let catalogue = {};
const listeners = new Set();
export let locale = DEFAULT_LOCALE;

// "zh-CN", "zh_cn", "zh-Hans", "zh" → "zh-CN"; "en-GB", "en" → "en"; anything else → null.
export function supported(tag) {
  const language = String(tag || "").trim().replace("_", "-").split("-")[0].toLowerCase();
  return { zh: "zh-CN", en: "en" }[language] || null;
}

function cookieLocale() {
  const found = document.cookie.split(";").map((c) => c.trim().split("="))
    .find(([name]) => name === COOKIE);
  return found ? supported(decodeURIComponent(found[1] || "")) : null;
}

export function chosenLocale() {
  return cookieLocale() || supported(document.documentElement.getAttribute("lang"))
    || (navigator.languages || []).map(supported).find(Boolean) || DEFAULT_LOCALE;
}

async function loadCatalogue(tag) {
  const answer = await fetch(new URL(`./${tag}.json`, import.meta.url));
  if (!answer.ok) throw new Error(`catalogue ${tag}: HTTP ${answer.status}`);
  return answer.json();
}

// Switches the page's language: catalogue, <html lang>, the shared cookie, then the listeners
// (each page redraws what it drew).
export async function setLocale(tag, { remember = true } = {}) {
  const chosen = supported(tag) || DEFAULT_LOCALE;
  try {
    catalogue = await loadCatalogue(chosen);
    locale = chosen;
  } catch (error) {
    console.error(error);  // no catalogue (offline and never cached): keys show, nothing breaks
  }
  document.documentElement.lang = locale;
  if (remember) {
    document.cookie = `${COOKIE}=${encodeURIComponent(locale)}; path=/; max-age=${365 * 86400}; SameSite=Lax`;
  }
  applyTo(document);
  for (const listener of listeners) listener(locale);
  return locale;
}

export function onLocaleChange(listener) { listeners.add(listener); }

function fill(text, params) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

// The text for a key (or a message made by msg()), its {placeholders} filled from params.
export function t(key, params = {}) {
  if (key && typeof key === "object") return t(key.key, key.params);
  let text = catalogue[key];
  if (text === undefined && typeof params.count === "number") {
    const rule = new Intl.PluralRules(INTL_LOCALE[locale]).select(params.count);
    text = catalogue[`${key}.${rule}`] ?? catalogue[`${key}.other`];
  }
  return text === undefined ? key : fill(text, params);
}

// A text to translate later (kept in IndexedDB, shown in whatever language the page has then).
export const msg = (key, params = {}) => ({ key, params });

// Elements written in the HTML (the <title> too): data-i18n (text), data-i18n-aria-label,
// data-i18n-title.
export function applyTo(root) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-aria-label]")) el.setAttribute("aria-label", t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll("[data-i18n-title]")) el.setAttribute("title", t(el.dataset.i18nTitle));
}

// --- formatting, for the page's locale in the service timezone ---------------------------------

const formats = new Map();
function format(kind, options) {
  const id = `${locale}|${kind}`;
  if (!formats.has(id)) formats.set(id, new Intl.DateTimeFormat(INTL_LOCALE[locale], options));
  return formats.get(id);
}
const instant = (iso) => (iso instanceof Date ? iso : new Date(iso));
const calendar = (isoDate) => new Date(`${String(isoDate).slice(0, 10)}T00:00:00Z`);

// 09:20
export const formatTime = (iso) => (iso ? format("time", { timeZone: TIMEZONE, hour: "2-digit", minute: "2-digit",
  hourCycle: "h23" }).format(instant(iso)) : "");
// Tue, 24 Nov 2026 · 2026年11月24日周二 (an instant's day in the service timezone)
export const formatDay = (iso) => (iso ? format("day", { timeZone: TIMEZONE, weekday: "short", day: "numeric",
  month: "short", year: "numeric" }).format(instant(iso)) : "");
// The same for a service day or a calendar date given as "2026-11-24" (no timezone shift).
export const formatServiceDay = (isoDate) => (isoDate ? format("serviceDay", { timeZone: "UTC", weekday: "short",
  day: "numeric", month: "short", year: "numeric" }).format(calendar(isoDate)) : "");
// 10 Jan 2026 · 2026年1月10日
export const formatDate = (isoDate) => (isoDate ? format("date", { timeZone: "UTC", day: "numeric", month: "short",
  year: "numeric" }).format(calendar(isoDate)) : "");
// 24 Nov 2026, 09:20 · 2026年11月24日 09:20
export const formatDateTime = (iso) => (iso ? format("dateTime", { timeZone: TIMEZONE, day: "numeric",
  month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant(iso)) : "");

// 1 hr, 20 min · 1小时20分钟
export function formatDuration(seconds) {
  const total = Math.max(0, Math.round(Number(seconds) / 60));
  const parts = { hours: Math.floor(total / 60), minutes: total % 60 };
  if (!parts.hours) delete parts.hours;
  if (typeof Intl.DurationFormat === "function") {
    return new Intl.DurationFormat(INTL_LOCALE[locale], { style: "short" }).format(parts);
  }
  return Object.entries(parts).map(([unit, value]) => new Intl.NumberFormat(INTL_LOCALE[locale],
    { style: "unit", unit: unit.slice(0, -1), unitDisplay: "short" }).format(value)).join(" ");
}

export const formatNumber = (value, options = {}) => new Intl.NumberFormat(INTL_LOCALE[locale], options)
  .format(Number(value));
// ¥180.00 (yuan, as the company's customers read it in either language)
export const formatMoney = (amount) => formatNumber(amount, { style: "currency", currency: "CNY",
  currencyDisplay: "narrowSymbol" });
// 850 m · 12.5 km
export const formatDistance = (metres) => (metres < 1000
  ? formatNumber(Math.round(metres), { style: "unit", unit: "meter", unitDisplay: "short" })
  : formatNumber(metres / 1000, { style: "unit", unit: "kilometer", unitDisplay: "short", maximumFractionDigits: 1 }));

await setLocale(chosenLocale(), { remember: false });
