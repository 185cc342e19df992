namespace MediaKit;

/// <summary>How a collection that accepts SVG keeps it from running as active content in a browser.</summary>
public enum MediaSvgHandling
{
    /// <summary>
    /// The SVG is rewritten while it is stored: scripts, <c>foreignObject</c>, event-handler attributes, external references,
    /// <c>javascript:</c> URLs and CSS imports are removed, DTDs are dropped and entities refused. A file that is not
    /// well-formed is rejected with <see cref="MediaErrorCodes.SvgInvalid"/>. The stored hash and length are of the
    /// sanitized bytes. The file may be served inline (still under a sandboxing Content-Security-Policy).
    /// </summary>
    Sanitize,

    /// <summary>The SVG is stored byte for byte and always served as a download (<c>Content-Disposition: attachment</c>).</summary>
    DownloadOnly,
}
