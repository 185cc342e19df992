namespace MediaKit.Benchmarks.Picker;

/// <summary>
/// What the harness expects of the picker, in one place: change these when the component's markup differs. The open
/// button is found by its accessible name (a role query); the rest are CSS selectors evaluated inside the page.
/// </summary>
internal static class PickerContract
{
    /// <summary>The page that hosts the picker (the product editor of the sample).</summary>
    public static string PagePath { get; set; } = "/products/new";

    /// <summary>The accessible name of the button that opens the picker (a substring, case-insensitive).</summary>
    public static string OpenButtonName { get; set; } = "Select or upload";

    /// <summary>
    /// The picker's label (its <c>role=group</c>'s accessible name, MediaPicker's <c>Label</c>): the open button is looked for
    /// inside that group. Empty, or no such group: the <see cref="OpenButtonIndex"/>-th button of that name on the page.
    /// </summary>
    public static string FieldLabel { get; set; } = "Gallery";

    /// <summary>Which of the matching buttons to press when no <see cref="FieldLabel"/> group is found (0 = the first).</summary>
    public static int OpenButtonIndex { get; set; }

    /// <summary>The picker's modal.</summary>
    public static string DialogSelector { get; set; } = "[role=dialog]";

    /// <summary>The library tab's list of assets, inside the dialog.</summary>
    public static string ListboxSelector { get; set; } = "[role=listbox]";

    /// <summary>One asset of the list.</summary>
    public static string OptionSelector { get; set; } = "[role=option]";

    /// <summary>The thumbnail inside an option.</summary>
    public static string ThumbnailSelector { get; set; } = "img";
}
