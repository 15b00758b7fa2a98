using FitFolio.Grains.Accounts;
using FitFolio.Grains.Admin;
using FitFolio.Grains.ApiKeys;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Mail;
using FitFolio.Grains.Maintenance;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Recovery;
using FitFolio.Grains.SignIn;
using FitFolio.Grains.Training;
using FitFolio.Grains.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FitFolio.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>Registers the domain services FitFolio's grains use (Orleans finds the grains themselves by code generation).</summary>
    public static IServiceCollection AddFitFolioGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(auth => auth.SignInQueueCapacity >= 1, "Auth:SignInQueueCapacity must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<AppOptions>().Bind(configuration.GetSection(AppOptions.Section));
        services.AddMailOutbox(configuration);
        services.TryAddSingleton<DatabaseProbe>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseProbe>());
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<UserDirectory>();
        services.TryAddSingleton<ExternalIdentities.ExternalIdentityStore>();
        services.TryAddSingleton<ExternalIdentities.ExternalLinkStore>();
        services.TryAddSingleton<UserStore>();
        services.TryAddSingleton<UserGrainSharedContext>();
        services.TryAddSingleton<MagicLinkStore>();
        services.TryAddSingleton<EmailCodeStore>();
        services.TryAddSingleton<RecoveryCodeStore>();
        services.TryAddSingleton<SignInMailQueue>();
        services.AddHostedService<SignInMailWorker>();
        services.TryAddSingleton<EmailChangeStore>();
        services.TryAddSingleton<AdminQueries>();
        services.AddOptions<MaintenanceOptions>().Bind(configuration.GetSection(MaintenanceOptions.Section));
        services.TryAddSingleton<ClusterMaintenance>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterMaintenance>());
        services.AddOptions<PasskeyOptions>().Bind(configuration.GetSection(PasskeyOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PasskeyOptions>, PasskeyOptionsValidator>());
        services.TryAddSingleton(PasskeyRelyingParty.FromServices);
        services.TryAddSingleton<PasskeyDirectory>();
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.Section));
        services.TryAddSingleton<ApiKeyStore>();
        services.TryAddSingleton<ExerciseCatalog>();
        services.TryAddSingleton<ProgramStore>();
        services.TryAddSingleton<ProgressQueries>();
        services.TryAddSingleton<BodyWeightLog>();
        services.TryAddSingleton<TrainingExport>();
        services.TryAddSingleton<WorkoutQueries>();
        return services;
    }
}
