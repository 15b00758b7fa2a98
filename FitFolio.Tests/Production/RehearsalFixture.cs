using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FitFolio.MailCatcher;
using FitFolio.Rehearsal;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Production;

/// <summary>
/// One production rehearsal for a test class: the real processes (3 FitFolio silos, HAProxy with
/// TLS, the mail catcher) started by the same launcher as <c>./fitfolio rehearse</c>, on this run's
/// PostgreSQL with a database of its own and free ports. Always stopped, processes and all.
/// </summary>
public sealed class RehearsalFixture(PostgresServer server) : IAsyncLifetime
{
    public const string AdminEmail = "admin@rehearsal.test";

    private static readonly JsonSerializerOptions MailJson = new(JsonSerializerDefaults.Web);
    private Task<LoadActors>? _actors;

    public TestDatabase Database { get; } = new(server);

    public RehearsalStack Stack { get; private set; } = null!;

    /// <summary>The origin the app is configured with and browsers send: https://localhost:&lt;port&gt;.</summary>
    public string Origin => Stack.PublicOrigin.GetLeftPart(UriPartial.Authority);

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        Stack = await RehearsalStack.StartAsync(new RehearsalOptions
        {
            ConnectionString = Database.ConnectionString,
            Settings = new Dictionary<string, string>
            {
                ["Auth__AdminEmails__0"] = AdminEmail,
                // All of the tests' traffic comes from 127.0.0.1, a few hundred requests a second. One
                // second windows: the rate-limit grain keeps one slot per allowed event.
                ["RateLimits__GlobalPerIp__Limit"] = "100000",
                ["RateLimits__GlobalPerIp__Window"] = "00:00:01",
                ["RateLimits__GlobalPerAccount__Limit"] = "100000",
                ["RateLimits__GlobalPerAccount__Window"] = "00:00:01",
                ["RateLimits__MagicLinkStartPerIp__Limit"] = "1000",
                ["RateLimits__VerifyPerIp__Limit"] = "1000",
            },
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    /// <summary>A browser-like client of the proxy over HTTPS (this rehearsal's certificate pinned).</summary>
    public ApiClient Client() => new(Stack.PublicOrigin, Origin, Stack.CreateHttpHandler());

    /// <summary>Signs in through the proxy with the 8-digit code read from the mailbox's JSON, as the browser tests do.</summary>
    public async Task<ApiClient> SignedInClientAsync(string email, Action<HttpRequestMessage>? configure = null)
    {
        var client = Client();
        await client.PrimeAsync();
        var before = (await MessagesToAsync(email)).Count;
        var start = await client.SendAsync(HttpMethod.Post, "/api/v1/auth/magic-link/start", JsonContent.Create(new { email }), configure);
        Assert.Equal(HttpStatusCode.Accepted, start.Status);
        var mail = await WaitForMailAsync(email, before + 1);
        var verify = await client.SendAsync(HttpMethod.Post, "/api/v1/auth/magic-link/verify", JsonContent.Create(new { email, code = SignInMail.CodeOf(mail) }), configure);
        Assert.Equal(HttpStatusCode.OK, verify.Status);
        return client;
    }

    /// <summary>The signed-in readers, the admin and the accounts the admin locks and unlocks: made once, shared by the load tests.</summary>
    public Task<LoadActors> LoadActorsAsync() => _actors ??= LoadActors.CreateAsync(this);

    public async Task<ReceivedMessage> WaitForMailAsync(string email, int nth)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var messages = await MessagesToAsync(email);
            if (messages.Count >= nth)
            {
                return messages[nth - 1];
            }

            Assert.True(DateTime.UtcNow < deadline, $"No sign-in mail #{nth} for {email} in the mailbox within 30 s.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private async Task<List<ReceivedMessage>> MessagesToAsync(string email)
    {
        using var http = new HttpClient();
        var all = await http.GetFromJsonAsync<List<ReceivedMessage>>(new Uri(Stack.Mailbox, "/api/messages"), MailJson, TestContext.Current.CancellationToken) ?? [];
        // The mailbox lists newest first; callers count from the oldest.
        return [.. all.Where(m => m.EnvelopeRecipients.Contains(email, StringComparer.OrdinalIgnoreCase)).OrderBy(m => m.Id)];
    }
}
