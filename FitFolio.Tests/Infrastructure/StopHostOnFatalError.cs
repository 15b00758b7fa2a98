using Microsoft.Extensions.Hosting;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// In production a silo that reads its own row as Dead ends its process (Orleans fails fast) and
/// its supervisor starts a new incarnation. Tests run several silos in one process, so the silo
/// told it is dead stops only its own host here, instead of taking every other test down with it.
/// </summary>
internal sealed class StopHostOnFatalError(IHostApplicationLifetime lifetime) : IFatalErrorHandler
{
    public bool IsUnexpected(Exception exception) => true;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null) => lifetime.StopApplication();
}
