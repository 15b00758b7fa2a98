using FitFolio.Grains.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FitFolio.Tests.Mail;

public sealed class MailOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = Resolve([]);

        Assert.Equal("FitFolio <no-reply@fitfolio.localhost>", options.From);
        Assert.Equal("localhost", options.Smtp.Host);
        Assert.Equal(25, options.Smtp.Port);
        Assert.Equal(SmtpSecurity.Auto, options.Smtp.Security);
        Assert.Null(options.Smtp.UserName);
        Assert.Equal(TimeSpan.FromSeconds(15), options.Smtp.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Smtp.Timeout);
        Assert.False(options.Dkim.IsConfigured);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Outbox.PollInterval);
        Assert.Equal(20, options.Outbox.BatchSize);
        Assert.Equal(4, options.Outbox.Connections);
        Assert.Equal(10, options.Outbox.MaxAttempts);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Outbox.Lease);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Outbox.InitialRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(15), options.Outbox.MaxRetryDelay);
    }

    [Fact]
    public void Every_setting_binds_from_its_configuration_key()
    {
        var options = Resolve(new()
        {
            ["Mail:From"] = "Coach <coach@fitfolio.test>",
            ["Mail:Smtp:Host"] = "smtp.fitfolio.test",
            ["Mail:Smtp:Port"] = "587",
            ["Mail:Smtp:UserName"] = "relay",
            ["Mail:Smtp:Password"] = "hunter2",
            ["Mail:Smtp:Security"] = "ImplicitTls",
            ["Mail:Smtp:ConnectTimeout"] = "00:00:10",
            ["Mail:Smtp:Timeout"] = "00:00:20",
            ["Mail:Outbox:PollInterval"] = "00:00:30",
            ["Mail:Outbox:BatchSize"] = "25",
            ["Mail:Outbox:Connections"] = "2",
            ["Mail:Outbox:MaxAttempts"] = "4",
            ["Mail:Outbox:Lease"] = "00:01:00",
            ["Mail:Outbox:InitialRetryDelay"] = "00:00:02",
            ["Mail:Outbox:MaxRetryDelay"] = "00:05:00",
        });

        Assert.Equal("Coach <coach@fitfolio.test>", options.From);
        Assert.Equal(("smtp.fitfolio.test", 587, "relay", "hunter2", SmtpSecurity.ImplicitTls, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)), (
            options.Smtp.Host,
            options.Smtp.Port,
            options.Smtp.UserName,
            options.Smtp.Password,
            options.Smtp.Security,
            options.Smtp.ConnectTimeout,
            options.Smtp.Timeout));
        Assert.Equal((TimeSpan.FromSeconds(30), 25, 2, 4, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5)), (
            options.Outbox.PollInterval,
            options.Outbox.BatchSize,
            options.Outbox.Connections,
            options.Outbox.MaxAttempts,
            options.Outbox.Lease,
            options.Outbox.InitialRetryDelay,
            options.Outbox.MaxRetryDelay));
    }

    [Theory]
    [InlineData("Mail:From", "not an address")]
    [InlineData("Mail:Smtp:Port", "0")]
    [InlineData("Mail:Smtp:Password", "secret-without-user")]
    [InlineData("Mail:Outbox:Lease", "00:00:45")]
    [InlineData("Mail:Smtp:ConnectTimeout", "00:01:30")]
    [InlineData("Mail:Outbox:BatchSize", "0")]
    [InlineData("Mail:Outbox:Connections", "0")]
    [InlineData("Mail:Outbox:Connections", "33")]
    [InlineData("Mail:Outbox:MaxAttempts", "0")]
    [InlineData("Mail:Outbox:MaxRetryDelay", "00:00:01")]
    public void Settings_that_would_fail_later_are_refused_at_start(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }));
        Assert.Contains(key.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost", 25, SmtpSecurity.None)]
    [InlineData("127.0.0.1", 2525, SmtpSecurity.None)]
    [InlineData("::1", 587, SmtpSecurity.None)]
    [InlineData("smtp.fitfolio.test", 587, SmtpSecurity.StartTls)]
    [InlineData("smtp.fitfolio.test", 25, SmtpSecurity.StartTls)]
    [InlineData("smtp.fitfolio.test", 465, SmtpSecurity.ImplicitTls)]
    [InlineData("10.0.0.5", 25, SmtpSecurity.StartTls)]
    public void Auto_security_is_plain_only_on_this_machine_and_required_tls_elsewhere(string host, int port, SmtpSecurity expected)
    {
        Assert.Equal(expected, new SmtpOptions { Host = host, Port = port }.EffectiveSecurity);
        Assert.Equal(SmtpSecurity.None, new SmtpOptions { Host = host, Port = port, Security = SmtpSecurity.None }.EffectiveSecurity);
    }

    internal static MailOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddMailOutbox(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<MailOptions>>().Value;
    }
}
