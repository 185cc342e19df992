namespace MediaKit.Internal;

internal sealed partial class MediaStore
{
    /// <summary>The upload stream as the collection wants the original stored: with the GPS position removed from JPEGs, or as is.</summary>
    private static Stream OriginalContent(MediaCollectionOptions collection, Stream content)
        => collection.OriginalMetadata == MediaOriginalMetadata.RemoveGps ? new JpegGpsStrippingStream(content) : content;
}
