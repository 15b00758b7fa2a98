using Microsoft.Extensions.Logging.Console;

namespace FitFolio.Api.Hosting;

/// <summary>
/// The console log: one JSON object a line wherever machines read it (production, the rehearsal, the tests that
/// start a process), one human line where a person reads it (<c>./fitfolio run</c> and <c>dev</c>, which run as
/// Development).
/// </summary>
public static class ConsoleLogging
{
    public static void Configure(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            // "12:04:05 info: FitFolio.Api.Apis.AuthApi[0] Signed in => RequestId:…" — time, level, category, message and
            // the request id of the scope, on one line, in local time because a person is reading it.
            builder.Logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.IncludeScopes = true;
                options.TimestampFormat = "HH:mm:ss ";
                options.ColorBehavior = LoggerColorBehavior.Default;
            });
            return;
        }

        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            // A line without its time cannot be put in order beside the proxy's, PostgreSQL's or another silo's.
            options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            options.UseUtcTimestamp = true;
        });
    }
}
