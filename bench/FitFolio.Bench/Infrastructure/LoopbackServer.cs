using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace FitFolio.Bench.Infrastructure;

/// <summary>
/// The bare Kestrel the baseline rows measure against: the slim builder, no logging, no Server header, one loopback port
/// chosen by the OS (read it with <see cref="ListenAddress"/> once started).
/// </summary>
internal static class LoopbackServer
{
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        return builder;
    }
}
