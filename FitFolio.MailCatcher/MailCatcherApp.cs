using FitFolio.MailCatcher.Apis;
using Microsoft.Extensions.Options;

namespace FitFolio.MailCatcher;

/// <summary>
/// The mail catcher as a web application: an <see cref="SmtpSink"/> started with the host on
/// <c>Smtp:Port</c>, and the mailbox (<c>GET /</c>, <c>/api/messages</c>) on <c>--urls</c>.
/// Tests build it the same way with port 0 for both.
/// </summary>
public static class MailCatcherApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.Configure<SmtpSinkOptions>(builder.Configuration.GetSection(SmtpSinkOptions.SectionName));
        builder.Services.AddSingleton(services => new SmtpSink(
            services.GetRequiredService<IOptions<SmtpSinkOptions>>().Value,
            services.GetRequiredService<ILogger<SmtpSink>>()));
        builder.Services.AddHostedService<SmtpSinkHostedService>();

        var app = builder.Build();
        app.MapMailboxPage();
        app.MapMailboxApi();
        return app;
    }
}
