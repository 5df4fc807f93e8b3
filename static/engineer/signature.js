// A signature drawn with a finger (or mouse, or pen) on a canvas, kept as a small PNG.

import { t } from "/static/i18n/i18n.js";
import { h } from "./ui.js";

export function signaturePad() {
  const canvas = h("canvas", { class: "sign", "aria-label": t("step.signature.box"), role: "img" });
  const wrap = h("div", { class: "sign-wrap" }, canvas);
  let strokes = 0;
  let drawing = false;
  let sized = false;

  function size() {
    if (sized || !canvas.isConnected) return;
    const rect = canvas.getBoundingClientRect();
    if (!rect.width) return;
    canvas.width = Math.round(rect.width);
    canvas.height = Math.round(rect.height);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#000";
    sized = true;
  }

  function point(ev) {
    const rect = canvas.getBoundingClientRect();
    return [(ev.clientX - rect.left) * (canvas.width / rect.width), (ev.clientY - rect.top) * (canvas.height / rect.height)];
  }

  canvas.addEventListener("pointerdown", (ev) => {
    size();
    drawing = true;
    canvas.setPointerCapture(ev.pointerId);
    const ctx = canvas.getContext("2d");
    const [x, y] = point(ev);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ev.preventDefault();
  });
  canvas.addEventListener("pointermove", (ev) => {
    if (!drawing) return;
    const ctx = canvas.getContext("2d");
    const [x, y] = point(ev);
    ctx.lineTo(x, y);
    ctx.stroke();
    strokes += 1;
    ev.preventDefault();
  });
  const stop = () => { drawing = false; };
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  requestAnimationFrame(size);

  return {
    element: wrap,
    isEmpty: () => strokes === 0,
    clear() {
      sized = false;
      strokes = 0;
      size();
    },
    toPng: () => canvas.toDataURL("image/png"),
  };
}
