namespace FitFolio.Tests.Runtime;

/// <summary>
/// An exception a grain throws on purpose. Marked for Orleans' serializer, as every such FitFolio
/// exception must be: an unmarked type reaches a caller on another silo as
/// <c>CodecNotFoundException</c>, so a <c>catch</c> for it there would miss.
/// </summary>
[GenerateSerializer, Alias("test.request-rejected")]
public sealed class RequestRejectedException : Exception
{
    public RequestRejectedException()
    {
    }

    public RequestRejectedException(string message)
        : base(message)
    {
    }

    public RequestRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
