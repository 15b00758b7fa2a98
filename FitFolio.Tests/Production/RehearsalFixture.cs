using System.Net;
using System.Net.Http.Json;
using FitFolio.TestMail;
using FitFolio.Rehearsal;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Production;

/// <summary>
/// One production rehearsal for a test class: the real processes (3 FitFolio silos, HAProxy with
/// TLS, smtp4dev as the mailbox) started by the same launcher as <c>./fitfolio rehearse</c>, on this run's
/// PostgreSQL with a database of its own and free ports. Always stopped, processes and all.
/// </summary>
public sealed class RehearsalFixture(PostgresServer server) : IAsyncLifetime
{
    public const string AdminEmail = "admin@rehearsal.test";

    private Task<LoadActors>? _actors;
    private Smtp4devMailbox? _mailbox;

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
            RedisConnectionString = RedisServer.ConnectionString,
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
        _mailbox?.Dispose();
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    /// <summary>A browser-like client of the proxy over HTTPS (this rehearsal's certificate pinned).</summary>
    public ApiClient Client() => new(Stack.PublicOrigin, Origin, Stack.CreateHttpHandler());

    /// <summary>Signs in through the proxy with the 8-digit code read from smtp4dev's API, as the browser tests do.</summary>
    public async Task<ApiClient> SignedInClientAsync(string email, Action<HttpRequestMessage>? configure = null)
    {
        var client = Client();
        await client.PrimeAsync();
        var before = (await Mailbox.MessagesToAsync(email, TestContext.Current.CancellationToken)).Count;
        var start = await client.SendAsync(HttpMethod.Post, "/api/v1/auth/magic-link/start", JsonContent.Create(new { email }), configure);
        Assert.Equal(HttpStatusCode.Accepted, start.Status);
        var mail = await WaitForMailAsync(email, before + 1);
        var verify = await client.SendAsync(
            HttpMethod.Post, "/api/v1/auth/magic-link/verify", JsonContent.Create(new { email, code = SignInMail.CodeOf(mail) }), configure);
        Assert.Equal(HttpStatusCode.OK, verify.Status);
        return client;
    }

    /// <summary>The signed-in readers, the admin and the accounts the admin locks and unlocks: made once, shared by the load tests.</summary>
    public Task<LoadActors> LoadActorsAsync() => _actors ??= LoadActors.CreateAsync(this);

    public Task<ReceivedMail> WaitForMailAsync(string email, int nth) =>
        Mailbox.WaitForAsync(email, _ => true, nth, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

    private Smtp4devMailbox Mailbox => _mailbox ??= new Smtp4devMailbox(Stack.Mailbox);
}
