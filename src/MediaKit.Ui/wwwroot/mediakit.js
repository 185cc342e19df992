// MediaKit.Ui browser helpers (ES module): uploads straight from the browser with byte progress, the picker dialog's
// focus trap, the listbox's arrow keys and infinite scroll. .NET imports it from ./_content/MediaKit.Ui/mediakit.js.

const PROGRESS_INTERVAL_MS = 100; // at most ~10 progress reports per second and file
const FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled]):not([type="hidden"]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';
let nextId = 0;

function antiforgeryToken(zone, given) {
  if (given) return given;
  const input = zone.querySelector('input[name="__RequestVerificationToken"]')
    || document.querySelector('input[name="__RequestVerificationToken"]');
  return input ? input.value : null;
}

/**
 * Wires an upload zone: the file input, drag and drop on the zone, and a small queue that sends `concurrency` files at a
 * time, one request per file (multipart field `files`). Reports to .NET through `dotnet` (UploadCallbacks).
 */
export function initUploadZone(zone, input, dotnet, options) {
  let settings = { ...options };
  const queue = [];
  const running = new Map(); // file id -> xhr
  let disposed = false;

  function pump() {
    while (!disposed && running.size < (settings.concurrency || 3) && queue.length > 0) {
      send(queue.shift());
    }
  }

  function send(job) {
    const xhr = new XMLHttpRequest();
    running.set(job.id, xhr);
    let last = 0;
    let pending = null;
    const report = (loaded, total) => {
      pending = null;
      last = performance.now();
      dotnet.invokeMethodAsync('Progress', job.batch, job.id, loaded, total).catch(() => { });
    };
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      const wait = PROGRESS_INTERVAL_MS - (performance.now() - last);
      if (wait <= 0) { report(e.loaded, e.total); return; }
      if (pending) clearTimeout(pending.timer);
      pending = { timer: setTimeout(() => report(e.loaded, e.total), wait) };
    };
    const finish = (method, ...args) => {
      if (pending) clearTimeout(pending.timer);
      running.delete(job.id);
      if (!disposed) dotnet.invokeMethodAsync(method, job.batch, job.id, ...args).catch(() => { });
      pump();
    };
    xhr.onload = () => finish('Completed', xhr.status, xhr.responseText);
    xhr.onerror = () => finish('Completed', 0, null);
    xhr.ontimeout = () => finish('Completed', 0, null);
    xhr.onabort = () => finish('Canceled');
    xhr.open('POST', settings.url);
    const token = antiforgeryToken(zone, settings.token);
    if (token) xhr.setRequestHeader('RequestVerificationToken', token);
    xhr.setRequestHeader('Accept', 'application/json');
    const body = new FormData();
    body.append('files', job.file, job.file.name);
    xhr.send(body);
  }

  async function enqueue(fileList) {
    let files = Array.from(fileList || []);
    if (!settings.multiple) files = files.slice(0, 1);
    if (files.length === 0 || disposed) return;
    const batch = 'b' + (++nextId);
    const jobs = files.map((file) => ({ batch, id: 'f' + (++nextId), file }));
    // .NET learns about the batch first, so every later report finds its file.
    await dotnet.invokeMethodAsync('Started', batch, jobs.map((j) => ({ id: j.id, name: j.file.name, size: j.file.size })));
    queue.push(...jobs);
    pump();
  }

  const onChange = () => { enqueue(input.files).finally(() => { input.value = ''; }); };
  const onDragOver = (e) => {
    if (!e.dataTransfer || !Array.from(e.dataTransfer.types || []).includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    zone.classList.add('mk-dragover');
  };
  const onDragLeave = (e) => { if (!zone.contains(e.relatedTarget)) zone.classList.remove('mk-dragover'); };
  const onDrop = (e) => {
    if (!e.dataTransfer || e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    zone.classList.remove('mk-dragover');
    enqueue(e.dataTransfer.files);
  };
  input.addEventListener('change', onChange);
  zone.addEventListener('dragover', onDragOver);
  zone.addEventListener('dragenter', onDragOver);
  zone.addEventListener('dragleave', onDragLeave);
  zone.addEventListener('drop', onDrop);

  return {
    update(options) { settings = { ...settings, ...options }; },
    cancel(id) {
      const xhr = running.get(id);
      if (xhr) { xhr.abort(); return; }
      const index = queue.findIndex((j) => j.id === id);
      if (index >= 0) {
        const [job] = queue.splice(index, 1);
        dotnet.invokeMethodAsync('Canceled', job.batch, job.id).catch(() => { });
      }
    },
    dispose() {
      disposed = true;
      queue.length = 0;
      for (const xhr of running.values()) xhr.abort();
      running.clear();
      input.removeEventListener('change', onChange);
      zone.removeEventListener('dragover', onDragOver);
      zone.removeEventListener('dragenter', onDragOver);
      zone.removeEventListener('dragleave', onDragLeave);
      zone.removeEventListener('drop', onDrop);
    },
  };
}

function focusables(root) {
  return Array.from(root.querySelectorAll(FOCUSABLE))
    .filter((el) => !el.closest('[hidden]') && !el.closest('[inert]') && el.getClientRects().length > 0);
}

/** Moves focus into a modal dialog and keeps Tab and Shift+Tab inside it until the returned handle is disposed. */
export function trapFocus(dialog, initial) {
  const onKeyDown = (e) => {
    if (e.key !== 'Tab') return;
    const items = focusables(dialog);
    if (items.length === 0) { e.preventDefault(); dialog.focus(); return; }
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
      e.preventDefault(); last.focus();
    } else if (!e.shiftKey && (document.activeElement === last || !dialog.contains(document.activeElement))) {
      e.preventDefault(); first.focus();
    }
  };
  const onFocusIn = (e) => { if (!dialog.contains(e.target)) (focusables(dialog)[0] || dialog).focus(); };
  document.addEventListener('keydown', onKeyDown, true);
  document.addEventListener('focusin', onFocusIn, true);
  (initial && dialog.contains(initial) ? initial : (focusables(dialog)[0] || dialog)).focus();
  return {
    dispose() {
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn, true);
    },
  };
}

/** Arrow keys, Home and End move focus between a listbox's options (roving tabindex); Space and Enter click the option. */
export function initListbox(listbox) {
  const options = () => Array.from(listbox.querySelectorAll('[role="option"]'));
  const columns = (items) => {
    if (items.length === 0) return 1;
    const top = items[0].offsetTop;
    const n = items.findIndex((el) => el.offsetTop !== top);
    return n <= 0 ? items.length : n;
  };
  const focusAt = (items, index) => {
    const target = items[Math.max(0, Math.min(items.length - 1, index))];
    if (!target) return;
    for (const el of items) el.tabIndex = el === target ? 0 : -1;
    target.focus();
    target.scrollIntoView({ block: 'nearest' });
  };
  const onKeyDown = (e) => {
    const items = options();
    const index = items.indexOf(document.activeElement);
    if (index < 0) return;
    const cols = columns(items);
    switch (e.key) {
      case 'ArrowRight': focusAt(items, index + 1); break;
      case 'ArrowLeft': focusAt(items, index - 1); break;
      case 'ArrowDown': focusAt(items, index + cols); break;
      case 'ArrowUp': focusAt(items, index - cols); break;
      case 'Home': focusAt(items, 0); break;
      case 'End': focusAt(items, items.length - 1); break;
      case ' ': case 'Enter': items[index].click(); break;
      default: return;
    }
    e.preventDefault();
  };
  listbox.addEventListener('keydown', onKeyDown);
  return { dispose() { listbox.removeEventListener('keydown', onKeyDown); } };
}

/** Calls `method` on `dotnet` whenever `sentinel` scrolls into view inside `root` (infinite scroll). */
export function observeEnd(root, sentinel, dotnet, method) {
  if (!('IntersectionObserver' in window)) return { dispose() { } };
  let busy = false;
  const observer = new IntersectionObserver(async (entries) => {
    if (busy || !entries.some((e) => e.isIntersecting)) return;
    busy = true;
    try { await dotnet.invokeMethodAsync(method); } catch { /* the circuit is gone */ } finally { busy = false; }
  }, { root, rootMargin: '200px' });
  observer.observe(sentinel);
  return { dispose() { observer.disconnect(); } };
}
