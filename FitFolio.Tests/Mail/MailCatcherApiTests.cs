using System.Net;
using System.Net.Mail;
using System.Text.Json;
using FitFolio.MailCatcher;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Mail;

public sealed class MailCatcherApiTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private SmtpSink _sink = null!;

    public async ValueTask InitializeAsync()
    {
        _app = MailCatcherApp.Build(["--urls", "http://127.0.0.1:0", "--Smtp:Port=0", "--Logging:LogLevel:Default=Warning"]);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _sink = _app.Services.GetRequiredService<SmtpSink>();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_api_lists_received_messages_newest_first_and_deletes_them()
    {
        await SendAsync("first", "one");
        await SendAsync("second", "two");

        using var list = JsonDocument.Parse(await _http.GetStringAsync("/api/messages", TestContext.Current.CancellationToken));
        var messages = list.RootElement.EnumerateArray().ToList();
        Assert.Equal(["second", "first"], messages.Select(m => m.GetProperty("subject").GetString()));
        Assert.Equal("two", messages[0].GetProperty("textBody").GetString()!.TrimEnd());
        Assert.Equal("ada@example.test", messages[0].GetProperty("envelopeRecipients")[0].GetString());
        Assert.Contains(messages[0].GetProperty("headers").EnumerateArray(), h => h.GetProperty("name").GetString() == "Subject");

        var id = messages[1].GetProperty("id").GetInt64();
        using var one = JsonDocument.Parse(await _http.GetStringAsync($"/api/messages/{id}", TestContext.Current.CancellationToken));
        Assert.Equal("first", one.RootElement.GetProperty("subject").GetString());
        Assert.Contains("Subject: first", await _http.GetStringAsync($"/api/messages/{id}/raw", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/messages/999999", TestContext.Current.CancellationToken)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync("/api/messages", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal("[]", await _http.GetStringAsync("/api/messages", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_mailbox_page_shows_messages_encoded_with_html_in_a_sandboxed_frame()
    {
        await SendAsync("older", "plain");
        await SendAsync("<script>alert('subject')</script>", "text part", "<p onclick=\"x()\">Hi</p><script>alert('body')</script>");

        using var response = await _http.GetAsync("/", TestContext.Current.CancellationToken);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("<iframe title=\"HTML body\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\"", page, StringComparison.Ordinal);
        Assert.Contains("srcdoc=\"&lt;base target=&quot;_blank&quot;&gt;&lt;p onclick=", page, StringComparison.Ordinal);
        Assert.Contains("<pre>text part", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("alert(&#x27;subject", StringComparison.Ordinal) < page.IndexOf(">older<", StringComparison.Ordinal), "Newest message is not listed first");

        var olderId = _sink.Messages[0].Id;
        var olderPage = await _http.GetStringAsync($"/?id={olderId}", TestContext.Current.CancellationToken);
        Assert.Contains("<h1>older</h1>", olderPage, StringComparison.Ordinal);
    }

    private async Task SendAsync(string subject, string text, string? html = null)
    {
        using var message = new MailMessage("trainer@fitfolio.test", "ada@example.test") { Subject = subject, Body = text };
        if (html is not null)
        {
            message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(html, null, "text/html"));
        }

        using var client = new SmtpClient("127.0.0.1", _sink.Port);
        await client.SendMailAsync(message, TestContext.Current.CancellationToken);
    }
}
