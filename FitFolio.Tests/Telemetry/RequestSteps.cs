using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Telemetry;

/// <summary>
/// What a request did before it was answered, read from traces rather than a stopwatch: every grain call and SQL statement made in
/// the request's own trace before its span ended (the request's span ends when it is answered). The enumeration tests compare these
/// lists across kinds of address: equal lists mean the answer cannot tell the kinds apart by its timing. (Moved here from
/// <c>SignInEnumerationTests</c> so the provider address proof's test reads its steps the same way.)
/// </summary>
public static class RequestSteps
{
    /// <summary>Sends the request in a trace of its own and returns, in call order, the grain calls and SQL statements before its answer.</summary>
    public static async Task<IReadOnlyList<string>> BeforeAnswerAsync(
        ActivityCollector activities, ApiClient client, string path, object body, HttpStatusCode expected)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var response = await client.SendAsync(HttpMethod.Post, path, JsonContent.Create(body), request =>
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01"));
        Assert.True(expected == response.Status, $"{(int)response.Status}: {response.Text}");

        Activity? answered = null;
        await Eventually.TrueAsync(
            () => (answered = activities.InTrace(traceId).FirstOrDefault(a => a.Source.Name == "Microsoft.AspNetCore")) is not null,
            TimeSpan.FromSeconds(10),
            $"the request span of {path}");
        var trace = activities.InTrace(traceId);
        var steps = new List<string>();
        Walk(answered!.SpanId);
        TestContext.Current.TestOutputHelper?.WriteLine($"{path} {body}:\n  " + string.Join("\n  ", steps));
        return steps;

        void Walk(ActivitySpanId parent)
        {
            foreach (var child in trace.Where(a => a.ParentSpanId == parent).OrderBy(a => a.StartTimeUtc))
            {
                // SQL statements and grain calls as the caller made them (Orleans' client span, named
                // "IUserGrain/Method"); the server span under it would name the same call again.
                if (child.StartTimeUtc <= answered.StartTimeUtc + answered.Duration)
                {
                    // A physical connection opened by the pool ("CONNECT db") is the pool's state, whichever request
                    // happens to need one: not a step of the request, and it came and went between two kinds of address.
                    if (child.Source.Name == "Npgsql" && !child.DisplayName.StartsWith("CONNECT ", StringComparison.Ordinal))
                    {
                        steps.Add("sql " + (child.GetTagItem("db.query.text") ?? child.GetTagItem("db.statement") ?? child.DisplayName));
                    }
                    else if (child.Source.Name == "Microsoft.Orleans.Application" && child.Kind == ActivityKind.Client)
                    {
                        steps.Add("grain " + child.DisplayName);
                    }
                }

                Walk(child.SpanId);
            }
        }
    }
}
