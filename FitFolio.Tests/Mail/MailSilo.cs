using System.Globalization;
using FitFolio.Grains.Mail;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FitFolio.Tests.Mail;

/// <summary>
/// The mail half of a silo: a host with its own connection pool and an <see cref="OutboxSender"/>
/// registered through <see cref="MailServiceCollectionExtensions.AddMailOutbox"/>, as FitFolio.Api
/// registers it. Several on one database stand for several silos.
/// </summary>
public sealed class MailSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private MailSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public string SenderId => _host.Services.GetServices<IHostedService>().OfType<OutboxSender>().Single().SenderId;

    /// <summary>Settings tests usually want: a fast retry schedule and a poll interval long enough that only NOTIFY wakes a sender quickly.</summary>
    public static Dictionary<string, string?> Settings(int smtpPort) => new()
    {
        ["Mail:From"] = "FitFolio <no-reply@fitfolio.test>",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        ["Mail:Smtp:ConnectTimeout"] = "00:00:05",
        ["Mail:Smtp:Timeout"] = "00:00:05",
        ["Mail:Outbox:Lease"] = "00:00:10",
        // One connection, so what a test says about the connection (reused, broken, refused) is about the only one;
        // MailTransportTests and MailOutboxConcurrencyTests deliver over several.
        ["Mail:Outbox:Connections"] = "1",
        ["Mail:Outbox:PollInterval"] = "00:10:00",
        ["Mail:Outbox:InitialRetryDelay"] = "00:00:00.200",
        ["Mail:Outbox:MaxRetryDelay"] = "00:00:00.400",
    };

    public static async Task<MailSilo> StartAsync(TestDatabase database, LogCapture logs, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        // Npgsql logs through the same factory, so a test sees every SQL-level log line too.
        builder.Services.AddSingleton(services => new NpgsqlDataSourceBuilder(database.ConnectionString)
            .UseLoggerFactory(services.GetRequiredService<ILoggerFactory>())
            .Build());
        builder.Services.AddMailOutbox(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new MailSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
