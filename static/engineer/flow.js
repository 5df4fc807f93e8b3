// The job's flow on site: which steps the lifecycle allows next (DESIGN.md §3), and the forms
// that turn a tap into one queued action. The server stays the judge; this only shows the
// engineer what makes sense now, including the taps still waiting to be sent.

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
  if (!(wo.resolution_notes || "").trim()) gaps.push("Describe what was done (test step)");
  if (wo.test_passed !== true) gaps.push("The repair must be tested and pass");
  if (!wo.signed_at) gaps.push("The customer's signature");
  if (!wo.no_parts_used && !partsUsed.length) gaps.push("Record the parts used, or that none were used");
  for (const part of partsUsed) {
    if (part.returnable && !part.faulty_serial && !part.faulty_missing_reason) {
      gaps.push(`Part ${part.sku}: the faulty part's serial, or why it is not returned`);
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
const transition = (wo, to, label, extra = {}, input = {}) => enqueue({
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
    return step("Call the customer",
      h("p", {}, "Confirm the visit by phone after dispatch."),
      ...field("contact-note", "What was agreed (optional)", note),
      h("div", { class: "row" }, h("button", { type: "button", onclick: () => enqueue({
        jobId: wo.id, kind: "contacted", label: "Customer contacted", method: "POST",
        path: path(wo, "/customer-contacted"), body: note.value.trim() ? { reason: note.value.trim() } : {},
        input: note.value.trim() ? { Note: note.value.trim() } : {},
      }) }, "Customer contacted")));
  },
  en_route(wo) {
    return step("Leave for the job", h("div", { class: "row" },
      h("button", { type: "button", onclick: () => transition(wo, "en_route", "En route") }, "En route")));
  },
  arrived(wo) {
    return step("At the door", h("div", { class: "row" },
      h("button", { type: "button", onclick: () => transition(wo, "on_site", "Arrived") }, "Arrived")));
  },
  diagnosis(wo) {
    const notes = h("textarea", { "data-keep": `diag-${wo.id}`, maxlength: 4000 });
    notes.value = wo.diagnosis_notes || "";
    return step(wo.diagnosis_notes ? "Diagnosis (recorded)" : "Diagnosis",
      ...field("diagnosis", "What is wrong", notes),
      h("div", { class: "row" }, h("button", { type: "button", class: wo.diagnosis_notes ? "secondary" : "",
        onclick: (ev) => {
          const form = ev.target.closest("section");
          if (!mustHave(form, notes.value.trim(), "Write the diagnosis first.")) return;
          enqueue({ jobId: wo.id, kind: "report", label: "Diagnosis", method: "PATCH", path: path(wo),
            body: { diagnosis_notes: notes.value.trim() }, input: { Diagnosis: notes.value.trim() } });
        } }, "Save diagnosis")));
  },
  quote(wo) {
    const amount = h("input", { inputmode: "decimal", "data-keep": `quote-${wo.id}`, autocomplete: "off" });
    const name = h("input", { "data-keep": `consent-${wo.id}`, autocomplete: "off" });
    const agree = h("input", { type: "checkbox", id: "consent-agree", "data-keep": `agree-${wo.id}` });
    return step("Quote and consent (chargeable)",
      h("p", {}, "Out of warranty: show the customer the price and take their consent before starting."),
      ...field("quote-amount", "Quote (yuan)", amount, "For example 180.00"),
      ...field("consent-name", "Customer's name", name),
      h("label", { class: "check", for: "consent-agree" }, agree, "The customer agrees to the quote"),
      h("div", { class: "row" }, h("button", { type: "button", onclick: (ev) => {
        const form = ev.target.closest("section");
        const value = amount.value.trim().replace(",", ".");
        if (!mustHave(form, /^[0-9]{1,7}(\.[0-9]{1,2})?$/.test(value), "Enter the quote in yuan, like 180.00.")) return;
        if (!mustHave(form, name.value.trim(), "Enter the name of the customer who consents.")) return;
        if (!mustHave(form, agree.checked, "Tick the box once the customer agrees.")) return;
        enqueue({ jobId: wo.id, kind: "report", label: "Quote and consent", method: "PATCH", path: path(wo),
          body: { quote_amount: value, consent_name: name.value.trim() },
          input: { Quote: `¥${value}`, "Consent by": name.value.trim() } });
      } }, "Record quote and consent")));
  },
  start(wo) {
    return step("Start the repair", h("div", { class: "row" },
      h("button", { type: "button", onclick: () => transition(wo, "in_progress", "Start work") }, "Start work")));
  },
  part(wo, partsUsed, context) {
    return partStep(wo, partsUsed, context);
  },
  faulty(wo, partsUsed, context) {
    return step("Faulty part collected", h("p", {}, "These replaced parts must go back to the warehouse."),
      context.owed.map((owed) => {
        const serial = h("input", { "data-keep": `collect-${owed.id}`, autocomplete: "off", maxlength: 64 });
        const id = `collect-serial-${owed.id}`;
        return h("div", { class: "owed" },
          ...field(id, `Serial of the faulty ${owed.sku}${owed.new_serial ? ` (replaced by ${owed.new_serial})` : ""}`, serial),
          h("div", { class: "row" }, h("button", { type: "button", onclick: () => enqueue({
            jobId: wo.id, kind: "collect", label: `Faulty ${owed.sku} collected`, method: "POST",
            path: `/faulty-returns/${owed.id}/collect`, returnId: owed.id, sku: owed.sku,
            body: serial.value.trim() ? { serial: serial.value.trim() } : {},
            input: { Part: owed.sku, "Faulty serial": serial.value.trim() || "none" },
          }) }, `Collected faulty ${owed.sku}`)));
      }));
  },
  test(wo) {
    const notes = h("textarea", { "data-keep": `resolution-${wo.id}`, maxlength: 4000 });
    notes.value = wo.resolution_notes || "";
    const passed = h("input", { type: "checkbox", id: "test-passed", "data-keep": `passed-${wo.id}` });
    return step("Test",
      ...field("resolution", "What was done", notes),
      h("label", { class: "check", for: "test-passed" }, passed, "Tested with the customer: it works"),
      h("div", { class: "row" }, h("button", { type: "button", onclick: (ev) => {
        const form = ev.target.closest("section");
        if (!mustHave(form, notes.value.trim(), "Describe what was done.")) return;
        if (!mustHave(form, passed.checked, "Tick the box once the test passes.")) return;
        enqueue({ jobId: wo.id, kind: "report", label: "Test passed", method: "PATCH", path: path(wo),
          body: { resolution_notes: notes.value.trim(), test_passed: true },
          input: { "What was done": notes.value.trim(), Test: "passed" } });
      } }, "Test passed")));
  },
  signature(wo) {
    const pad = signaturePad();
    const name = h("input", { "data-keep": `signer-${wo.id}`, autocomplete: "off", value: wo.customer_name || "" });
    return step("Customer signature",
      ...field("signer-name", "Name of the person signing", name),
      h("p", { class: "hint", id: "sign-hint" }, "Ask the customer to sign in the box."),
      pad.element,
      h("div", { class: "row" },
        h("button", { type: "button", class: "secondary", onclick: () => pad.clear() }, "Clear"),
        h("button", { type: "button", onclick: (ev) => {
          const form = ev.target.closest("section");
          if (!mustHave(form, name.value.trim(), "Enter the name of the person signing.")) return;
          if (!mustHave(form, !pad.isEmpty(), "The signature box is empty.")) return;
          const image = pad.toPng();
          enqueue({ jobId: wo.id, kind: "signature", label: "Signature", method: "POST", path: path(wo, "/signature"),
            body: { signer_name: name.value.trim(), image }, input: { "Signed by": name.value.trim(), image } });
        } }, "Save signature")));
  },
  complete(wo, partsUsed) {
    const gaps = completionGaps(wo, partsUsed);
    if (gaps.length) {
      return step("Complete", h("p", {}, "Before completing, record:"),
        h("ul", { class: "gaps" }, gaps.map((g) => h("li", {}, g))));
    }
    return step("Complete", h("p", {}, "Everything is recorded."), h("div", { class: "row" },
      h("button", { type: "button", onclick: () => transition(wo, "completed", "Complete") }, "Complete job")));
  },
  hold(wo) {
    const reason = h("select", { "data-keep": `hold-${wo.id}` },
      h("option", { value: "" }, "Choose a reason…"),
      h("option", { value: "needs_part" }, "Needs a part"),
      h("option", { value: "customer_absent" }, "Customer absent"),
      h("option", { value: "revisit" }, "Needs another visit"));
    const note = h("input", { "data-keep": `hold-note-${wo.id}`, maxlength: 500, autocomplete: "off" });
    return h("details", { class: "step" }, h("summary", { class: "button secondary" }, "Put on hold…"),
      ...field("hold-reason", "Reason", reason),
      ...field("hold-note", "Note for the office (optional)", note),
      h("div", { class: "row" }, h("button", { type: "button", class: "danger", onclick: (ev) => {
        const form = ev.target.closest("details");
        if (!mustHave(form, reason.value, "Choose why the job is on hold.")) return;
        const extra = { hold_reason: reason.value };
        if (note.value.trim()) extra.reason = note.value.trim();
        transition(wo, "on_hold", "On hold", extra,
          { Reason: reason.selectedOptions[0].textContent, ...(note.value.trim() ? { Note: note.value.trim() } : {}) });
      } }, "Put on hold")));
  },
};

// Parts used come from the van (what the van holds, else what the job was planned with); the
// faulty part taken out is collected in the same step, with its own serial.
function partStep(wo, partsUsed, context) {
  const choices = context.partChoices || [];
  const select = h("select", { "data-keep": `part-${wo.id}` },
    h("option", { value: "" }, choices.length ? "Choose from the van…" : "Nothing listed on the van"),
    choices.map((c) => h("option", { value: c.sku, dataset: { returnable: c.returnable ? "1" : "" } }, c.label)),
    h("option", { value: "__other" }, "Another part (type the SKU)"));
  const other = h("input", { "data-keep": `part-other-${wo.id}`, autocomplete: "off", maxlength: 64 });
  const serial = h("input", { "data-keep": `part-serial-${wo.id}`, autocomplete: "off", maxlength: 64 });
  const returnable = h("input", { type: "checkbox", id: "part-returnable", "data-keep": `part-ret-${wo.id}` });
  const faulty = h("input", { "data-keep": `faulty-serial-${wo.id}`, autocomplete: "off", maxlength: 64 });
  const missing = h("input", { "data-keep": `faulty-missing-${wo.id}`, autocomplete: "off", maxlength: 500 });
  const otherWrap = h("div", { hidden: true }, ...field("part-other", "Part SKU", other));
  select.addEventListener("change", () => {
    otherWrap.hidden = select.value !== "__other";
    const option = select.selectedOptions[0];
    if (option && option.dataset.returnable !== undefined) returnable.checked = option.dataset.returnable === "1";
  });
  const used = partsUsed.length ? h("ul", { class: "gaps" }, partsUsed.map((p) => h("li", {},
    `${p.sku} ×${p.qty}${p.serial ? `, serial ${p.serial}` : ""}`,
    p.faulty_serial ? ` — faulty part collected (${p.faulty_serial})` : "",
    p.faulty_missing_reason ? ` — faulty part not returned: ${p.faulty_missing_reason}` : "",
    p.pending ? " (waiting to send)" : ""))) : null;
  const noneButton = !partsUsed.length && !wo.no_parts_used ? h("button", { type: "button", class: "secondary",
    onclick: () => enqueue({ jobId: wo.id, kind: "part", label: "No parts used", method: "POST",
      path: path(wo, "/parts"), body: { no_parts_used: true }, input: {} }) }, "No parts used") : null;
  return step("Parts used",
    used, wo.no_parts_used ? h("p", {}, "Recorded: no parts used.") : null,
    ...field("part-sku", "Part fitted", select), otherWrap,
    ...field("part-serial", "Serial of the new part", serial, "Type it, or scan its barcode."),
    h("div", { class: "row" }, scanButton(serial, "the new part's serial")),
    h("label", { class: "check", for: "part-returnable" }, returnable, "The replaced part must go back (returnable)"),
    h("h3", {}, "Faulty part collected"),
    context.owed !== undefined ? h("p", { class: "hint" }, "Not out yet? Leave these empty and record it later.") : null,
    ...field("faulty-serial", "Serial of the faulty part", faulty),
    h("div", { class: "row" }, scanButton(faulty, "the faulty part's serial")),
    ...field("faulty-missing", "Or: why it is not returned", missing),
    h("div", { class: "row" },
      h("button", { type: "button", onclick: (ev) => {
        const form = ev.target.closest("section");
        const sku = select.value === "__other" ? other.value.trim() : select.value;
        if (!mustHave(form, sku, "Choose the part you fitted.")) return;
        const needsBack = returnable.checked;
        // With the parts service, a faulty part can also be collected later (its own step below).
        const later = context.owed !== undefined;
        if (!mustHave(form, !needsBack || later || faulty.value.trim() || missing.value.trim(),
          "This part is returnable: enter the faulty part's serial, or why it is not returned.")) return;
        const body = { sku, qty: 1, returnable: needsBack };
        if (serial.value.trim()) body.serial = serial.value.trim();
        if (faulty.value.trim()) body.faulty_serial = faulty.value.trim();
        else if (missing.value.trim()) body.faulty_missing_reason = missing.value.trim();
        const input = { Part: sku, Serial: body.serial || "—" };
        if (body.faulty_serial) input["Faulty part serial"] = body.faulty_serial;
        if (body.faulty_missing_reason) input["Faulty part not returned"] = body.faulty_missing_reason;
        enqueue({ jobId: wo.id, kind: "part", label: `Part used: ${sku}`, method: "POST", path: path(wo, "/parts"),
          body, input });
        for (const el of [serial, faulty, missing, other]) el.value = "";
        returnable.checked = false;
        select.value = "";
      } }, "Record part used"),
      noneButton));
}

export function renderSteps(wo, partsUsed, context) {
  return nextSteps(wo, partsUsed, context).map((name) => STEPS[name](wo, partsUsed, context));
}
