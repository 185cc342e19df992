using Microsoft.JSInterop;

namespace MediaKit.Ui.Internal;

/// <summary>The object mediakit.js calls back (through a <see cref="DotNetObjectReference{T}"/>) when the end of the picker's grid scrolls into view.</summary>
internal sealed class PickerCallbacks(Func<Task> loadMore)
{
    [JSInvokable]
    public Task LoadMore() => loadMore();
}
