using Microsoft.Extensions.Options;

namespace FitFolio.MailCatcher;

/// <summary>Starts and stops the application's <see cref="SmtpSink"/> with the host.</summary>
internal sealed class SmtpSinkHostedService(SmtpSink sink, IOptions<SmtpSinkOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => sink.StartAsync(options.Value.Port, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => sink.StopAsync(cancellationToken);
}
