// Reading a serial off its barcode with the phone's camera, where the browser can
// (BarcodeDetector); elsewhere the field is typed, or filled by a hardware scanner as a keyboard.

import { t } from "/static/i18n/i18n.js";
import { h } from "./ui.js";

export const canScan = () => "BarcodeDetector" in window && Boolean(navigator.mediaDevices?.getUserMedia);

// A "Scan" button that fills ``input`` with the first code the camera sees; ``what`` names it.
export function scanButton(input, what) {
  if (!canScan()) return null;
  return h("button", { type: "button", class: "secondary", "aria-label": t("scan.what", { what }),
    onclick: () => scanInto(input) }, t("scan.button"));
}

async function scanInto(input) {
  const detector = new window.BarcodeDetector();
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
  } catch {
    input.focus();
    return;  // no camera permission: type it
  }
  const video = h("video", { playsinline: true, muted: true, class: "scan-video" });
  const stop = h("button", { type: "button", class: "secondary" }, t("scan.cancel"));
  const overlay = h("div", { class: "scan-overlay", role: "dialog", "aria-label": t("scan.scanning") }, video, stop);
  document.body.append(overlay);
  let done = false;
  const finish = () => {
    done = true;
    stream.getTracks().forEach((track) => track.stop());
    overlay.remove();
  };
  stop.addEventListener("click", finish);
  video.srcObject = stream;
  await video.play();
  while (!done) {
    const codes = await detector.detect(video).catch(() => []);
    if (codes.length) {
      input.value = codes[0].rawValue.trim().slice(0, 64);
      finish();
      input.focus();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
