using System.Net.Http.Json;
using System.Text.Json.Serialization;
using MimeKit;

namespace FitFolio.TestMail;

/// <summary>
/// Reads the mail a running smtp4dev caught, through its REST API (smtp4dev 3.15: <c>GET /api/messages</c>
/// lists summaries, <c>GET /api/messages/{id}/raw</c> returns the message as received, which MimeKit parses).
/// </summary>
public sealed class Smtp4devMailbox(Uri address) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    private readonly Dictionary<string, ReceivedMail> _parsed = [];

    /// <summary>Every message to <paramref name="email"/> (an envelope recipient), oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MessagesToAsync(string email, CancellationToken cancellationToken = default)
    {
        var page = await _http.GetFromJsonAsync<Page>("/api/messages?pageSize=1000&sortColumn=receivedDate&sortIsDescending=false", cancellationToken)
            ?? throw new InvalidOperationException("smtp4dev answered an empty message list.");
        var messages = new List<ReceivedMail>();
        foreach (var summary in page.Results.Where(s => s.To.Contains(email, StringComparer.OrdinalIgnoreCase)))
        {
            if (!_parsed.TryGetValue(summary.Id, out var mail))
            {
                await using var raw = await _http.GetStreamAsync($"/api/messages/{summary.Id}/raw", cancellationToken);
                mail = new ReceivedMail(summary.Id, summary.From, summary.To, await MimeMessage.LoadAsync(raw, cancellationToken));
                _parsed[summary.Id] = mail;
            }

            messages.Add(mail);
        }

        return messages;
    }

    /// <summary>The <paramref name="nth"/> message to <paramref name="email"/> matching <paramref name="predicate"/>, polling until it arrives.</summary>
    public async Task<ReceivedMail> WaitForAsync(
        string email, Func<ReceivedMail, bool> predicate, int nth, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var matching = (await MessagesToAsync(email, cancellationToken)).Where(predicate).ToList();
            if (matching.Count >= nth)
            {
                return matching[nth - 1];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"smtp4dev at {_http.BaseAddress} holds {matching.Count} matching message(s) to {email}, not {nth}, after {timeout}.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public void Dispose() => _http.Dispose();

    private sealed record Page([property: JsonPropertyName("results")] List<Summary> Results);

    private sealed record Summary(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("from")] string? From,
        [property: JsonPropertyName("to")] List<string> To);
}
