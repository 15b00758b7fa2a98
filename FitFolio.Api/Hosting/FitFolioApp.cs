using FitFolio.Api.Apis;
using FitFolio.Api.Apis.Training;
using FitFolio.Api.Auth;
using FitFolio.Api.Dashboard;
using FitFolio.Api.Database;
using FitFolio.Api.ExternalSignIn;
using FitFolio.Api.Http;
using FitFolio.Api.OpenApi;
using FitFolio.Api.Telemetry;
using FitFolio.Grains;
using FitFolio.Silo.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Hosting;

/// <summary>Builds the FitFolio process: the HTTP front door and the silo it co-hosts.</summary>
public static class FitFolioApp
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Docker secrets: a file /run/secrets/SessionCookie__Key sets SessionCookie:Key.
        builder.Configuration.AddKeyPerFile("/run/secrets", optional: true, reloadOnChange: false);
        ConfigureServices(builder);
        return builder;
    }

    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        StartupConfiguration.Validate(builder.Configuration, builder.Environment);
        ForwardedHeadersTrust.Configure(builder);
        ConsoleLogging.Configure(builder);
        builder.AddFitFolioTelemetry();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
        });

        var services = builder.Services;
        services.AddSingleton(_ => PostgresDataSource.Create(builder.Configuration.GetConnectionString("Postgres")!));
        services.AddSingleton<MigrationRunner>();
        services.AddOptions<ShutdownOptions>().Bind(builder.Configuration.GetSection(ShutdownOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        // Before the silo: with neither SessionCookie:Key nor Cluster:Secret set, the one line printed
        // names the setting that stays (see SessionCookieKeyNotice).
        services.AddOptions<SessionCookieOptions>().Bind(builder.Configuration.GetSection(SessionCookieOptions.Section))
            .PostConfigure(options => options.UseClusterSecretWhenKeyIsAbsent(builder.Configuration)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SessionCookieOptions>, SessionCookieOptionsValidator>();
        services.AddHostedService<SessionCookieKeyNotice>();
        // Every replica is a silo: the front door calls grains in-process through IGrainFactory.
        builder.UseOrleans(silo => silo.AddFitFolioSilo(builder.Configuration).AddFitFolioDashboard(builder.Configuration));
        services.AddFitFolioGrains(builder.Configuration);
        services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<CookieSettings>();
        services.AddSingleton<SessionCookie>();
        services.AddSingleton<RateLimits>();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(
            options => options.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip);
        services.AddFitFolioOpenApi();
        services.AddAppFileCompression();
        builder.AddFitFolioExternalSignIn();
    }

    public static WebApplication Configure(WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseExceptionHandler();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Before anything else looks at the path: one spelling per route (why refuse: CanonicalPathMiddleware).
        app.UseMiddleware<CanonicalPathMiddleware>();
        app.UseStatusCodePages(ApiStatusCodePages.WriteAsync);
        // API requests never look for a file on disk, and are never compressed (AppFileCompression says why).
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal),
            spa => spa.UseResponseCompression().UseStaticFiles());
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseMiddleware<SessionMiddleware>();
        app.UseMiddleware<GlobalRateLimitMiddleware>();
        app.UseFitFolioExternalSignIn();
        app.UseMiddleware<CsrfMiddleware>();
        app.UseMiddleware<IdempotencyKeyBuffering>();
        app.UseMiddleware<SpaFallbackMiddleware>();

        app.MapHealthApi();
        var api = app.MapGroup("/api/v1");
        api.MapAuthApi();
        api.MapExternalSignInApi();
        api.MapExternalEmailProofApi();
        api.MapSessionsApi();
        api.MapAdminApi();
        api.MapWebAuthnApi();
        api.MapRecoveryCodesApi();
        api.MapPasskeySignalsApi();
        api.MapReauthenticateApi();
        api.MapAccountApi();
        api.MapExternalIdentitiesApi();
        api.MapApiKeysApi();
        api.MapPreferencesApi();
        api.MapTrainingApi();
        app.MapOpenApi("/api/{documentName}/openapi.json");
        app.MapApiDocs();
        app.MapClusterDashboard();
        return app;
    }

    /// <summary>Applies pending migrations; every silo does this at start, under the advisory lock.</summary>
    public static Task<int> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<MigrationRunner>().ApplyAsync(MigrationSource.Embedded, cancellationToken);
}
