namespace FitFolio.MailCatcher.Apis;

/// <summary>The mailbox as JSON, for tests and scripts: list, read, raw source, delete all.</summary>
public static class MailboxApi
{
    public static IEndpointRouteBuilder MapMailboxApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/messages").WithTags("Mailbox");

        api.MapGet("/", (SmtpSink sink) => sink.Messages.Reverse())
            .WithName("ListMessages")
            .WithSummary("Every stored message, newest first.");

        api.MapGet("/{id:long}", (long id, SmtpSink sink) =>
                sink.Find(id) is { } message ? Results.Ok(message) : Results.NotFound())
            .WithName("GetMessage")
            .WithSummary("One message, with its decoded headers and bodies.");

        api.MapGet("/{id:long}/raw", (long id, SmtpSink sink) =>
                sink.Find(id) is { } message ? Results.Bytes(message.Raw, "text/plain; charset=utf-8") : Results.NotFound())
            .WithName("GetRawMessage")
            .WithSummary("One message's source as received, after dot-unstuffing.");

        api.MapDelete("/", (SmtpSink sink) =>
            {
                sink.Clear();
                return Results.NoContent();
            })
            .WithName("DeleteMessages")
            .WithSummary("Empties the mailbox.");

        return app;
    }
}
