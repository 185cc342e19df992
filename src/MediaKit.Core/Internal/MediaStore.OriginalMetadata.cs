namespace MediaKit.Internal;

internal sealed partial class MediaStore
{
    /// <summary>The upload stream as the collection wants the original stored: with the GPS position removed from JPEG, PNG and WebP files, or as is.</summary>
    /// <remarks>Each stripping stream recognizes its format from the first bytes and passes any other file through unchanged.</remarks>
    private static Stream OriginalContent(MediaCollectionOptions collection, Stream content)
        => collection.OriginalMetadata == MediaOriginalMetadata.RemoveGps ? new JpegGpsStrippingStream(new ChunkGpsStrippingStream(content)) : content;
}
