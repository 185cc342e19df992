using System.Text.Json;
using MediaKit.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace MediaKit.Benchmarks.Picker;

/// <summary>One run's numbers, all measured inside the page.</summary>
/// <param name="Milliseconds">From the click's event time to the frame after every visible thumbnail was loaded and decoded.</param>
/// <param name="VisibleThumbnails">The thumbnails inside the listbox's visible area (the first screen).</param>
/// <param name="ListedOptions">The options in the listbox when the screen was complete.</param>
/// <param name="ScreenImageBytes">Transfer size (headers and body) of the thumbnails on the first screen.</param>
/// <param name="ImageBytes">Transfer size of every image requested after the click and loaded by the end (lazy loading fetches beyond the screen too).</param>
/// <param name="ImageRequests">How many images were requested after the click.</param>
/// <param name="OtherBytes">Transfer size of the other HTTP requests after the click (scripts, fetches; WebSocket frames excluded).</param>
/// <param name="CircuitBytesReceived">Bytes of WebSocket messages received after the click (Blazor's circuit): reported apart, not in the transfer.</param>
internal sealed record PickerRun(double Milliseconds, int VisibleThumbnails, int ListedOptions, long ScreenImageBytes, long ImageBytes, int ImageRequests, long OtherBytes, long CircuitBytesReceived);

/// <summary>Opens the picker in a fresh, signed-in browser context and measures the first screen of thumbnails.</summary>
internal static class PickerMeasurement
{
    // Installed before any page script: a larger resource timing buffer, and a count of the bytes each WebSocket receives.
    private const string InitScript = """
        (() => {
          performance.setResourceTimingBufferSize(100000);
          window.__mkCircuit = { open: false, received: 0 };
          const Native = window.WebSocket;
          window.WebSocket = class extends Native {
            constructor(...args) {
              super(...args);
              this.addEventListener('open', () => { window.__mkCircuit.open = true; });
              this.addEventListener('message', e => {
                window.__mkCircuit.received += typeof e.data === 'string' ? e.data.length : (e.data.byteLength ?? e.data.size ?? 0);
              });
            }
          };
        })();
        """;

    // Records the time of the last click (the event's high-resolution timestamp, the same clock as performance.now()).
    private const string ArmScript = """
        () => {
          performance.clearResourceTimings();
          window.__mkClick = null;
          window.__mkCircuitAtClick = window.__mkCircuit.received;
          document.addEventListener('click', e => { window.__mkClick = e.timeStamp; window.__mkCircuitAtClick = window.__mkCircuit.received; }, { capture: true });
        }
        """;

    // Polls each animation frame until the dialog's listbox shows options and every thumbnail in view (inside the listbox
    // and its clipping ancestors, at least partly) is loaded; then
    // decodes them, waits for the next frame (painted) and answers the numbers.
    private const string WaitScript = """
        async ([dialogSel, listboxSel, optionSel, imgSel, timeoutMs]) => {
          const frame = () => new Promise(r => requestAnimationFrame(() => r()));
          const started = performance.now();
          for (;;) {
            if (performance.now() - started > timeoutMs) {
              const d = document.querySelector(dialogSel);
              return { error: `timed out: dialog ${!!d}, listbox ${!!d?.querySelector(listboxSel)}, options ${d?.querySelectorAll(optionSel).length ?? 0}` };
            }
            await frame();
            if (window.__mkClick === null) continue;
            const dialog = document.querySelector(dialogSel);
            const listbox = dialog?.querySelector(listboxSel);
            if (!listbox) continue;
            const options = [...listbox.querySelectorAll(optionSel)];
            if (options.length === 0) continue;
            // The screen: the listbox's box clipped by the window and by every scrolling or clipping ancestor.
            let top = 0, bottom = innerHeight, left = 0, right = innerWidth;
            for (let el = listbox; el && el !== document.documentElement; el = el.parentElement) {
              const style = el === listbox ? null : getComputedStyle(el);
              if (el === listbox || style.overflowX !== 'visible' || style.overflowY !== 'visible') {
                const r = el.getBoundingClientRect();
                top = Math.max(top, r.top); bottom = Math.min(bottom, r.bottom);
                left = Math.max(left, r.left); right = Math.min(right, r.right);
              }
            }
            const visible = options.filter(o => {
              const r = o.getBoundingClientRect();
              return r.width > 0 && r.height > 0 && r.bottom > top && r.top < bottom && r.right > left && r.left < right;
            });
            if (visible.length === 0) continue;
            const imgs = visible.map(o => o.querySelector(imgSel));
            if (imgs.some(i => !i || !i.complete || i.naturalWidth === 0)) continue;
            await Promise.all(imgs.map(i => i.decode().catch(() => {})));
            await frame();
            const painted = performance.now();
            const entries = performance.getEntriesByType('resource').filter(e => e.startTime >= window.__mkClick);
            const images = entries.filter(e => e.initiatorType === 'img' || /\.(png|webp|avif|jpe?g|gif)(\?|$)/i.test(e.name) || e.name.includes('/content'));
            const others = entries.filter(e => !images.includes(e));
            const sum = list => list.reduce((n, e) => n + (e.transferSize || 0), 0);
            const onScreen = new Set(imgs.map(i => i.currentSrc));
            const screenImages = images.filter(e => onScreen.has(e.name));
            return {
              ms: painted - window.__mkClick,
              screenImageBytes: sum(screenImages),
              visible: visible.length,
              options: options.length,
              imageBytes: sum(images),
              imageRequests: images.length,
              otherBytes: sum(others),
              circuit: window.__mkCircuit.received - window.__mkCircuitAtClick,
            };
          }
        }
        """;

    /// <summary>Measures one cold run: a new browser context (empty HTTP cache), signed in as <paramref name="account"/>.</summary>
    public static async Task<PickerRun> RunAsync(IBrowser browser, Uri baseAddress, string account, int run)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString().TrimEnd('/'),
            ViewportSize = new() { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        await using var session = new BrowserSession(context, await context.NewPageAsync(), $"PickerBenchmark.run-{run}");
        var page = session.Page;
        await page.AddInitScriptAsync(InitScript);
        await session.SignInAsync(account);
        await page.GotoAsync(PickerContract.PagePath);

        var anyOpen = page.GetByRole(AriaRole.Button, new() { Name = PickerContract.OpenButtonName });
        try
        {
            await anyOpen.First.WaitForAsync(new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException(
                $"No button named '{PickerContract.OpenButtonName}' on {PickerContract.PagePath}: is the picker on the page? Adjust PickerContract (or --page/--open-button).");
        }

        var inField = PickerContract.FieldLabel.Length == 0
            ? null
            : page.GetByRole(AriaRole.Group, new() { Name = PickerContract.FieldLabel, Exact = true }).GetByRole(AriaRole.Button, new() { Name = PickerContract.OpenButtonName });
        var open = inField is not null && await inField.CountAsync() == 1 ? inField : anyOpen.Nth(PickerContract.OpenButtonIndex);

        // An interactive component ignores clicks until its circuit is connected (a page without Blazor's script has none).
        await page.WaitForFunctionAsync("() => window.__mkCircuit.open || !document.querySelector('script[src*=\"blazor\"]')", null, new() { Timeout = 30_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.EvaluateAsync(ArmScript);

        var measuring = page.EvaluateAsync<JsonElement>(WaitScript, new object[]
        {
            PickerContract.DialogSelector, PickerContract.ListboxSelector, PickerContract.OptionSelector, PickerContract.ThumbnailSelector, 30_000,
        });
        await open.ClickAsync();

        // A click that raced the circuit's start shows no dialog: press again (the time counts from the last click).
        if (!await page.Locator(PickerContract.DialogSelector).IsVisibleAsync())
        {
            try
            {
                await page.Locator(PickerContract.DialogSelector).WaitForAsync(new() { Timeout = 3_000 });
            }
            catch (TimeoutException)
            {
                await open.ClickAsync();
            }
        }

        var result = await measuring;
        if (result.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"Run {run}: {error.GetString()} (selectors in PickerContract.cs).");
        }

        return new PickerRun(
            result.GetProperty("ms").GetDouble(),
            result.GetProperty("visible").GetInt32(),
            result.GetProperty("options").GetInt32(),
            (long)result.GetProperty("screenImageBytes").GetDouble(),
            (long)result.GetProperty("imageBytes").GetDouble(),
            result.GetProperty("imageRequests").GetInt32(),
            (long)result.GetProperty("otherBytes").GetDouble(),
            (long)result.GetProperty("circuit").GetDouble());
    }
}
