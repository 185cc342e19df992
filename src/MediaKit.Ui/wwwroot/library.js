// MediaKit.Ui: the few browser calls MediaLibrary needs (clipboard, focus). An ES module loaded on demand.

/** Copies text to the clipboard; falls back to a hidden textarea where the async clipboard is unavailable. */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    if (!document.execCommand("copy")) {
      throw new Error("Copy was refused.");
    }
  } finally {
    area.remove();
  }
}

/** Moves focus to the element with this id (the control that opened a panel), when it still exists. */
export function focusById(id) {
  const element = document.getElementById(id);
  if (element) {
    element.focus();
  }
}
