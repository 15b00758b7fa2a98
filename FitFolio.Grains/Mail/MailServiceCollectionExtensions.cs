using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FitFolio.Grains.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Registers mail delivery: <see cref="MailOptions"/> bound from the <c>Mail</c> section of
    /// <paramref name="configuration"/> and validated at start-up, <see cref="MailOutbox"/> for enqueueing,
    /// and this silo's <see cref="OutboxSender"/>. Expects an <c>NpgsqlDataSource</c> to be registered.
    /// </summary>
    public static IServiceCollection AddMailOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection(MailOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailOptions>, MailOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MailOutbox>();
        services.AddHostedService<OutboxSender>();
        return services;
    }
}
