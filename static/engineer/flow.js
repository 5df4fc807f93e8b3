// The job's flow on site: which steps the lifecycle allows next (DESIGN.md §3), and the forms
// that turn a tap into one queued action. The server stays the judge; this only shows the
// engineer what makes sense now, including the taps still waiting to be sent.

import { formatMoney, msg, t } from "/static/i18n/i18n.js";
import { enqueue } from "./outbox.js";
import { scanButton } from "./scan.js";
import { signaturePad } from "./signature.js";
import { h } from "./ui.js";

const HELD = ["assigned", "en_route", "on_site", "in_progress"];
const REPORT = ["diagnosis_notes", "resolution_notes", "test_passed", "no_parts_used", "quote_amount", "consent_name"];

// The job as it will be once the waiting taps land: the server copy plus those taps.
export function project(cached, entries) {
  const wo = structuredClone(cached.workOrder);
  const partsUsed = structuredClone((cached.parts && cached.parts.parts_used) || []);
  let owed = cached.faultyReturns ? [...cached.faultyReturns] : undefined;
  for (const entry of entries) {
    if (entry.state !== "waiting") continue;
    const body = entry.body || {};
    if (entry.kind === "contacted") wo.customer_contacted_at = entry.createdAt;
    if (entry.kind === "report" || entry.kind === "transition") {
      for (const name of REPORT) if (name in body) wo[name] = body[name];
      if (body.consent_name) wo.consent_at = entry.createdAt;
    }
    if (entry.kind === "transition") {
      wo.status = body.to;
      if (body.hold_reason) wo.hold_reason = body.hold_reason;
    }
    if (entry.kind === "part") {
      if (body.no_parts_used) wo.no_parts_used = true;
      else partsUsed.push({ ...body, pending: true });
    }
    if (entry.kind === "signature") wo.signed_at = entry.createdAt;
    if (entry.kind === "collect") {
      if (owed) owed = owed.filter((r) => r.id !== entry.returnId);
      const line = partsUsed.find((p) => p.sku === entry.sku && p.returnable && !p.faulty_serial && !p.faulty_missing_reason);
      if (line) line.faulty_serial = body.serial || "collected";
    }
  }
  return { wo, partsUsed, owed };
}

export function completionGaps(wo, partsUsed) {
  const gaps = [];
  if (!(wo.resolution_notes || "").trim()) gaps.push(t("gap.resolution"));
  if (wo.test_passed !== true) gaps.push(t("gap.test"));
  if (!wo.signed_at) gaps.push(t("gap.signature"));
  if (!wo.no_parts_used && !partsUsed.length) gaps.push(t("gap.parts"));
  for (const part of partsUsed) {
    if (part.returnable && !part.faulty_serial && !part.faulty_missing_reason) {
      gaps.push(t("gap.faulty", { sku: part.sku }));
    }
  }
  return gaps;
}

const consented = (wo) => Boolean(wo.quote_amount && wo.consent_name);

// The steps to offer now, in the order the engineer does them.
export function nextSteps(wo, partsUsed, context = {}) {
  const steps = [];
  const s = wo.status;
  if (HELD.includes(s) && !wo.customer_contacted_at) steps.push("contacted");
  if (s === "assigned") steps.push("en_route");
  if (s === "en_route") steps.push("arrived");
  if (s === "on_site") {
    steps.push("diagnosis");
    if (wo.chargeable && !consented(wo)) steps.push("quote");
    if (!wo.chargeable || consented(wo)) steps.push("start");
  }
  if (s === "in_progress") {
    steps.push("part");
    if (context.owed && context.owed.length) steps.push("faulty");
    if (wo.test_passed !== true) steps.push("test");
    if (!wo.signed_at) steps.push("signature");
    steps.push("complete");
  }
  if (["en_route", "on_site", "in_progress"].includes(s)) steps.push("hold");
  // A job of another day: calling the customer ahead is normal; the rest happens on the day.
  return context.notToday ? steps.filter((name) => name === "contacted") : steps;
}

const path = (wo, tail = "") => `/work-orders/${wo.id}${tail}`;
const transition = (wo, to, label, extra = {}, input = []) => enqueue({
  jobId: wo.id, kind: "transition", label, method: "POST", path: path(wo, "/transitions"),
  body: { to, ...extra }, input,
});

function field(id, labelText, control, hint) {
  control.id = id;
  return [h("label", { for: id }, labelText), hint ? h("p", { class: "hint" }, hint) : null, control];
}

function step(title, ...body) {
  return h("section", { class: "step", "aria-label": title }, h("h3", {}, title), ...body);
}

function mustHave(form, test, message) {
  const old = form.querySelector(".error");
  if (old) old.remove();
  if (test) return true;
  form.append(h("p", { class: "error", role: "alert" }, message));
  return false;
}

const STEPS = {
  contacted(wo) {
    const note = h("textarea", { "data-keep": `contact-${wo.id}`, maxlength: 500 });
    return step(t("step.contacted.title"),
      h("p", {}, t("step.contacted.text")),
      ...field("contact-note", t("step.contacted.note"), note),
      h("div", { class: "row" }, h("button", { type: "button", onclick: () => enqueue({
        jobId: wo.id, kind: "contacted", label: msg("step.contacted.button"), method: "POST",
        path: path(wo, "/customer-contacted"), body: note.value.trim() ? { reason: note.value.trim() } : {},
        input: note.value.trim() ? [[msg("input.note"), note.value.trim()]] : [],
      }) }, t("step.contacted.button"))));
  },
  en_route(wo) {
    return step(t("step.enRoute.title"), h("div", { class: "row" },
      h("button", { type: "button", onclick: () => transition(wo, "en_route", msg("step.enRoute.button")) },
        t("step.enRoute.button"))));
  },
  arrived(wo) {
    return step(t("step.arrived.title"), h("div", { class: "row" },
      h("button", { type: "button", onclick: () => transition(wo, "on_site", msg("step.arrived.button")) },
        t("step.arrived.button"))));
  },
  diagnosis(wo) {
    const notes = h("textarea", { "data-keep": `diag-${wo.id}`, maxlength: 4000 });
    notes.value = wo.diagnosis_notes || "";
    return step(wo.diagnosis_notes ? t("step.diagnosis.recorded") : t("step.diagnosis.title"),
      ...field("diagnosis", t("step.diagnosis.label"), notes),
      h("div", { class: "row" }, h("button", { type: "button", class: wo.diagnosis_notes ? "secondary" : "",
        onclick: (ev) => {
          const form = ev.target.closest("section");
          if (!mustHave(form, notes.value.trim(), t("step.diagnosis.missing"))) return;
          enqueue({ jobId: wo.id, kind: "report", label: msg("step.diagnosis.title"), method: "PATCH", path: path(wo),
            body: { diagnosis_notes: notes.value.trim() }, input: [[msg("step.diagnosis.title"), notes.value.trim()]] });
        } }, t("step.diagnosis.button"))));
  },
  quote(wo) {
    const amount = h("input", { inputmode: "decimal", "data-keep": `quote-${wo.id}`, autocomplete: "off" });
    const name = h("input", { "data-keep": `consent-${wo.id}`, autocomplete: "off" });
    const agree = h("input", { type: "checkbox", id: "consent-agree", "data-keep": `agree-${wo.id}` });
    return step(t("step.quote.title"),
      h("p", {}, t("step.quote.text")),
      ...field("quote-amount", t("step.quote.amount"), amount, t("step.quote.amountHint")),
      ...field("consent-name", t("step.quote.name"), name),
      h("label", { class: "check", for: "consent-agree" }, agree, t("step.quote.agree")),
      h("div", { class: "row" }, h("button", { type: "button", onclick: (ev) => {
        const form = ev.target.closest("section");
        const value = amount.value.trim().replace(",", ".");
        if (!mustHave(form, /^[0-9]{1,7}(\.[0-9]{1,2})?$/.test(value), t("step.quote.badAmount"))) return;
        if (!mustHave(form, name.value.trim(), t("step.quote.noName"))) return;
        if (!mustHave(form, agree.checked, t("step.quote.notAgreed"))) return;
        enqueue({ jobId: wo.id, kind: "report", label: msg("step.quote.label"), method: "PATCH", path: path(wo),
          body: { quote_amount: value, consent_name: name.value.trim() },
          input: [[msg("notes.quote"), formatMoney(value)], [msg("input.consentBy"), name.value.trim()]] });
      } }, t("step.quote.button"))));
  },
  start(wo) {
    return step(t("step.start.title"), h("div", { class: "row" },
      h("button", { type: "button", onclick: () => transition(wo, "in_progress", msg("step.start.button")) },
        t("step.start.button"))));
  },
  part(wo, partsUsed, context) {
    return partStep(wo, partsUsed, context);
  },
  faulty(wo, partsUsed, context) {
    return step(t("step.faulty.title"), h("p", {}, t("step.faulty.text")),
      context.owed.map((owed) => {
        const serial = h("input", { "data-keep": `collect-${owed.id}`, autocomplete: "off", maxlength: 64 });
        const id = `collect-serial-${owed.id}`;
        const label = owed.new_serial ? t("step.faulty.serialReplaced", { sku: owed.sku, serial: owed.new_serial })
          : t("step.faulty.serial", { sku: owed.sku });
        return h("div", { class: "owed" },
          ...field(id, label, serial),
          h("div", { class: "row" }, h("button", { type: "button", onclick: () => enqueue({
            jobId: wo.id, kind: "collect", label: msg("step.faulty.label", { sku: owed.sku }), method: "POST",
            path: `/faulty-returns/${owed.id}/collect`, returnId: owed.id, sku: owed.sku,
            body: serial.value.trim() ? { serial: serial.value.trim() } : {},
            input: [[msg("input.part"), owed.sku], [msg("input.faultySerial"), serial.value.trim() || "—"]],
          }) }, t("step.faulty.button", { sku: owed.sku }))));
      }));
  },
  test(wo) {
    const notes = h("textarea", { "data-keep": `resolution-${wo.id}`, maxlength: 4000 });
    notes.value = wo.resolution_notes || "";
    const passed = h("input", { type: "checkbox", id: "test-passed", "data-keep": `passed-${wo.id}` });
    return step(t("step.test.title"),
      ...field("resolution", t("notes.done"), notes),
      h("label", { class: "check", for: "test-passed" }, passed, t("step.test.passed")),
      h("div", { class: "row" }, h("button", { type: "button", onclick: (ev) => {
        const form = ev.target.closest("section");
        if (!mustHave(form, notes.value.trim(), t("step.test.missingDone"))) return;
        if (!mustHave(form, passed.checked, t("step.test.notPassed"))) return;
        enqueue({ jobId: wo.id, kind: "report", label: msg("step.test.button"), method: "PATCH", path: path(wo),
          body: { resolution_notes: notes.value.trim(), test_passed: true },
          input: [[msg("notes.done"), notes.value.trim()], [msg("notes.test"), msg("notes.passed")]] });
      } }, t("step.test.button"))));
  },
  signature(wo) {
    const pad = signaturePad();
    const name = h("input", { "data-keep": `signer-${wo.id}`, autocomplete: "off", value: wo.customer_name || "" });
    return step(t("step.signature.title"),
      ...field("signer-name", t("step.signature.name"), name),
      h("p", { class: "hint", id: "sign-hint" }, t("step.signature.hint")),
      pad.element,
      h("div", { class: "row" },
        h("button", { type: "button", class: "secondary", onclick: () => pad.clear() }, t("step.signature.clear")),
        h("button", { type: "button", onclick: (ev) => {
          const form = ev.target.closest("section");
          if (!mustHave(form, name.value.trim(), t("step.signature.noName"))) return;
          if (!mustHave(form, !pad.isEmpty(), t("step.signature.empty"))) return;
          const image = pad.toPng();
          enqueue({ jobId: wo.id, kind: "signature", label: msg("step.signature.label"), method: "POST",
            path: path(wo, "/signature"), body: { signer_name: name.value.trim(), image },
            input: [[msg("input.signedBy"), name.value.trim()]] });
        } }, t("step.signature.button"))));
  },
  complete(wo, partsUsed) {
    const gaps = completionGaps(wo, partsUsed);
    if (gaps.length) {
      return step(t("step.complete.title"), h("p", {}, t("step.complete.before")),
        h("ul", { class: "gaps" }, gaps.map((g) => h("li", {}, g))));
    }
    return step(t("step.complete.title"), h("p", {}, t("step.complete.ready")), h("div", { class: "row" },
      h("button", { type: "button", onclick: () => transition(wo, "completed", msg("step.complete.title")) },
        t("step.complete.button"))));
  },
  hold(wo) {
    const reason = h("select", { "data-keep": `hold-${wo.id}` },
      h("option", { value: "" }, t("step.hold.choose")),
      h("option", { value: "needs_part" }, t("hold.needs_part")),
      h("option", { value: "customer_absent" }, t("hold.customer_absent")),
      h("option", { value: "revisit" }, t("hold.revisit")));
    const note = h("input", { "data-keep": `hold-note-${wo.id}`, maxlength: 500, autocomplete: "off" });
    return h("details", { class: "step" }, h("summary", { class: "button secondary" }, t("step.hold.summary")),
      ...field("hold-reason", t("input.reason"), reason),
      ...field("hold-note", t("step.hold.note"), note),
      h("div", { class: "row" }, h("button", { type: "button", class: "danger", onclick: (ev) => {
        const form = ev.target.closest("details");
        if (!mustHave(form, reason.value, t("step.hold.missing"))) return;
        const extra = { hold_reason: reason.value };
        if (note.value.trim()) extra.reason = note.value.trim();
        const input = [[msg("input.reason"), msg(`hold.${reason.value}`)]];
        if (note.value.trim()) input.push([msg("input.note"), note.value.trim()]);
        transition(wo, "on_hold", msg("step.hold.label"), extra, input);
      } }, t("step.hold.button"))));
  },
};

// Parts used come from the van (what the van holds, else what the job was planned with); the
// faulty part taken out is collected in the same step, with its own serial.
function partStep(wo, partsUsed, context) {
  const choices = context.partChoices || [];
  const select = h("select", { "data-keep": `part-${wo.id}` },
    h("option", { value: "" }, choices.length ? t("step.part.chooseVan") : t("step.part.nothingVan")),
    choices.map((c) => h("option", { value: c.sku, dataset: { returnable: c.returnable ? "1" : "" } }, c.label)),
    h("option", { value: "__other" }, t("step.part.otherPart")));
  const other = h("input", { "data-keep": `part-other-${wo.id}`, autocomplete: "off", maxlength: 64 });
  const serial = h("input", { "data-keep": `part-serial-${wo.id}`, autocomplete: "off", maxlength: 64 });
  const returnable = h("input", { type: "checkbox", id: "part-returnable", "data-keep": `part-ret-${wo.id}` });
  const faulty = h("input", { "data-keep": `faulty-serial-${wo.id}`, autocomplete: "off", maxlength: 64 });
  const missing = h("input", { "data-keep": `faulty-missing-${wo.id}`, autocomplete: "off", maxlength: 500 });
  const otherWrap = h("div", { hidden: true }, ...field("part-other", t("step.part.otherLabel"), other));
  select.addEventListener("change", () => {
    otherWrap.hidden = select.value !== "__other";
    const option = select.selectedOptions[0];
    if (option && option.dataset.returnable !== undefined) returnable.checked = option.dataset.returnable === "1";
  });
  const used = partsUsed.length ? h("ul", { class: "gaps" }, partsUsed.map((p) => h("li", {},
    `${p.sku} ×${p.qty}`, p.serial ? t("step.part.usedSerial", { serial: p.serial }) : "",
    p.faulty_serial ? ` — ${t("step.part.usedFaulty", { serial: p.faulty_serial })}` : "",
    p.faulty_missing_reason ? ` — ${t("step.part.usedNotReturned", { reason: p.faulty_missing_reason })}` : "",
    p.pending ? ` ${t("step.part.usedPending")}` : ""))) : null;
  const noneButton = !partsUsed.length && !wo.no_parts_used ? h("button", { type: "button", class: "secondary",
    onclick: () => enqueue({ jobId: wo.id, kind: "part", label: msg("step.part.none"), method: "POST",
      path: path(wo, "/parts"), body: { no_parts_used: true }, input: [] }) }, t("step.part.none")) : null;
  return step(t("step.part.title"),
    used, wo.no_parts_used ? h("p", {}, t("step.part.noneRecorded")) : null,
    ...field("part-sku", t("step.part.fitted"), select), otherWrap,
    ...field("part-serial", t("step.part.serial"), serial, t("step.part.serialHint")),
    h("div", { class: "row" }, scanButton(serial, t("scan.newSerial"))),
    h("label", { class: "check", for: "part-returnable" }, returnable, t("step.part.returnable")),
    h("h3", {}, t("step.faulty.title")),
    context.owed !== undefined ? h("p", { class: "hint" }, t("step.part.later")) : null,
    ...field("faulty-serial", t("step.part.faultySerial"), faulty),
    h("div", { class: "row" }, scanButton(faulty, t("scan.faultySerial"))),
    ...field("faulty-missing", t("step.part.missingReason"), missing),
    h("div", { class: "row" },
      h("button", { type: "button", onclick: (ev) => {
        const form = ev.target.closest("section");
        const sku = select.value === "__other" ? other.value.trim() : select.value;
        if (!mustHave(form, sku, t("step.part.chooseMissing"))) return;
        const needsBack = returnable.checked;
        // With the parts service, a faulty part can also be collected later (its own step below).
        const later = context.owed !== undefined;
        if (!mustHave(form, !needsBack || later || faulty.value.trim() || missing.value.trim(),
          t("step.part.returnableMissing"))) return;
        const body = { sku, qty: 1, returnable: needsBack };
        if (serial.value.trim()) body.serial = serial.value.trim();
        if (faulty.value.trim()) body.faulty_serial = faulty.value.trim();
        else if (missing.value.trim()) body.faulty_missing_reason = missing.value.trim();
        const input = [[msg("input.part"), sku], [msg("input.serial"), body.serial || "—"]];
        if (body.faulty_serial) input.push([msg("input.faultySerial"), body.faulty_serial]);
        if (body.faulty_missing_reason) input.push([msg("input.faultyNotReturned"), body.faulty_missing_reason]);
        enqueue({ jobId: wo.id, kind: "part", label: msg("step.part.label", { sku }), method: "POST",
          path: path(wo, "/parts"), body, input });
        for (const el of [serial, faulty, missing, other]) el.value = "";
        returnable.checked = false;
        select.value = "";
      } }, t("step.part.button")),
      noneButton));
}

export function renderSteps(wo, partsUsed, context) {
  return nextSteps(wo, partsUsed, context).map((name) => STEPS[name](wo, partsUsed, context));
}
