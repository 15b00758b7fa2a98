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
        Assert.False(options.Smtp.EnableSsl);
        Assert.Null(options.Smtp.UserName);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Smtp.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Outbox.PollInterval);
        Assert.Equal(10, options.Outbox.BatchSize);
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
            ["Mail:Smtp:EnableSsl"] = "true",
            ["Mail:Smtp:Timeout"] = "00:00:20",
            ["Mail:Outbox:PollInterval"] = "00:00:30",
            ["Mail:Outbox:BatchSize"] = "25",
            ["Mail:Outbox:MaxAttempts"] = "4",
            ["Mail:Outbox:Lease"] = "00:01:00",
            ["Mail:Outbox:InitialRetryDelay"] = "00:00:02",
            ["Mail:Outbox:MaxRetryDelay"] = "00:05:00",
        });

        Assert.Equal("Coach <coach@fitfolio.test>", options.From);
        Assert.Equal(("smtp.fitfolio.test", 587, "relay", "hunter2", true, TimeSpan.FromSeconds(20)), (options.Smtp.Host, options.Smtp.Port, options.Smtp.UserName, options.Smtp.Password, options.Smtp.EnableSsl, options.Smtp.Timeout));
        Assert.Equal((TimeSpan.FromSeconds(30), 25, 4, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5)), (options.Outbox.PollInterval, options.Outbox.BatchSize, options.Outbox.MaxAttempts, options.Outbox.Lease, options.Outbox.InitialRetryDelay, options.Outbox.MaxRetryDelay));
    }

    [Theory]
    [InlineData("Mail:From", "not an address")]
    [InlineData("Mail:Smtp:Port", "0")]
    [InlineData("Mail:Smtp:Password", "secret-without-user")]
    [InlineData("Mail:Outbox:Lease", "00:00:45")]
    [InlineData("Mail:Outbox:BatchSize", "0")]
    [InlineData("Mail:Outbox:MaxAttempts", "0")]
    [InlineData("Mail:Outbox:MaxRetryDelay", "00:00:01")]
    public void Settings_that_would_fail_later_are_refused_at_start(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }));
        Assert.Contains(key.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }

    private static MailOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddMailOutbox(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<MailOptions>>().Value;
    }
}
