using System.Diagnostics;

namespace FitFolio.Silo.Telemetry;

/// <summary>
/// Takes grain keys off Orleans' grain-call spans. Orleans tags every span with the called grain's
/// id (<c>orleans.rpc.target_id</c>) and the caller's (<c>orleans.rpc.source_id</c>), keys included,
/// and some of FitFolio's keys are personal: the email-code grain and the per-address sign-in mail
/// limits are keyed by the email address. Spans leave the process (OTLP), so a grain is named by its
/// type alone, as before the move. Ids of Orleans' own components (<c>sys.*</c>, such as a front
/// door's hosted client, which names its silo) are kept. Registered after Orleans' activity
/// propagation, so this runs inside it, while its span is <see cref="Activity.Current"/>.
/// </summary>
internal sealed class GrainKeyRedaction : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    private static readonly string[] IdTags = ["orleans.rpc.target_id", "orleans.rpc.source_id"];

    public Task Invoke(IIncomingGrainCallContext context)
    {
        Redact();
        return context.Invoke();
    }

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        Redact();
        return context.Invoke();
    }

    private static void Redact()
    {
        // Only Orleans' own spans: with nobody listening to them, the current span is the caller's (an HTTP request's).
        if (Activity.Current is not { IsAllDataRequested: true } span || !span.Source.Name.StartsWith("Microsoft.Orleans.", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var tag in IdTags)
        {
            if (span.GetTagItem(tag) is string id
                && !id.StartsWith("sys.", StringComparison.Ordinal)
                && id.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash)
            {
                span.SetTag(tag, id[..slash]);
            }
        }
    }
}
