using System.Net;

namespace FitFolio.Silo.Messaging;

/// <summary>
/// A forwarded call's body that knows whether it was written out in full. The receiving silo
/// dispatches only after reading the whole body, so a call whose body never finished sending
/// cannot have run: it is safe to send again elsewhere, which keeps calls at most once.
/// </summary>
internal sealed class CallContent(byte[] body) : ByteArrayContent(body)
{
    public bool Sent { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await base.SerializeToStreamAsync(stream, context, cancellationToken);
        Sent = true;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await base.SerializeToStreamAsync(stream, context);
        Sent = true;
    }
}
