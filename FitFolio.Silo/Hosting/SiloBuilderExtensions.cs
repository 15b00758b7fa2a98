using FitFolio.Silo.Calls;
using FitFolio.Silo.Directory;
using FitFolio.Silo.Readiness;
using FitFolio.Silo.Telemetry;
using FitFolio.Silo.Tls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace FitFolio.Silo.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>Cluster id when <c>Cluster:Id</c> is not set; silos with different ids on one Redis never meet.</summary>
    public const string DefaultClusterId = "fitfolio";

    /// <summary>Orleans' service id: one service, so one value; Redis membership keys start with it.</summary>
    public const string ServiceId = "fitfolio";

    /// <summary><c>Cluster:Id</c>, or <see cref="DefaultClusterId"/> when it is not set.</summary>
    public static string ClusterId(IConfiguration configuration) =>
        configuration["Cluster:Id"] is { Length: > 0 } id ? id : DefaultClusterId;

    /// <summary>
    /// Configures the silo every FitFolio replica co-hosts, from the <c>Silo</c> and <c>Cluster</c>
    /// sections and <c>ConnectionStrings:Redis</c>. Tests run exactly this (TestingHost's own
    /// membership and directory are never used), so they prove what production runs.
    /// </summary>
    public static ISiloBuilder AddFitFolioSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = new SiloOptions();
        configuration.GetSection(SiloOptions.Section).Bind(options);
        var validation = new SiloOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(SiloOptions.Section, typeof(SiloOptions), validation.Failures);
        }

        var redis = RedisConnection.Read(configuration);
        var endpoint = SiloEndpoint.From(options);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = ClusterId(configuration);
            cluster.ServiceId = ServiceId;
        });
        silo.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.SiloPort = endpoint.Listen.Port;
            endpoints.SiloListeningEndpoint = endpoint.Listen;
            endpoints.AdvertisedIPAddress = endpoint.Advertised;
            // Nothing outside the silos calls grains: each front door calls its own silo in-process.
            endpoints.GatewayPort = 0;
        });
        // Mutual TLS pinned to the cluster's CA or thumbprints: a peer without the cluster's certificate can neither join nor call.
        silo.AddFitFolioTls(configuration);

        // Membership lives in Redis (appendonly on: Orleans needs a durable membership store, dotnet/orleans#7784).
        silo.UseRedisClustering(redisClustering => redisClustering.ConfigurationOptions = redis.Clone());
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = options.ProbeTimeout;
            membership.NumMissedProbesLimit = options.MissedProbesLimit;
            membership.NumVotesForDeathDeclaration = 2;
            membership.IAmAliveTablePublishTimeout = options.TableRefreshInterval;
            membership.TableRefreshTimeout = options.TableRefreshInterval;
            membership.DeathVoteExpirationTimeout = options.TableRefreshInterval * 4;
        });

        // Every grain is found through Redis, which registers an activation only if none is
        // registered (a compare-and-set). Orleans' default directory is eventually consistent while
        // membership changes: a second activation of a user grain that missed a revocation would
        // accept the revoked session from memory, and a second rate-limit grain would double a limit.
        silo.UseRedisGrainDirectoryAsDefault(directory => directory.ConfigurationOptions = redis.Clone());

        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = options.CallTimeout);
        // Grains let PostgreSQL failures through, for the front door to answer 503. Orleans serializes
        // exceptions it has no codec for only from System, Microsoft and Azure namespaces: from a grain
        // on another silo, an Npgsql one would arrive as CodecNotFoundException (a 500).
        silo.Services.Configure<ExceptionSerializationOptions>(exceptions => exceptions.SupportedNamespacePrefixes.Add("Npgsql"));
        silo.Configure<GrainCollectionOptions>(collection =>
        {
            collection.CollectionAge = options.IdleTimeout;
            collection.CollectionQuantum = options.CollectionInterval;
            collection.DeactivationTimeout = options.DeactivationTimeout;
        });
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new HandoffGrace(options.HandoffGrace));
        silo.AddFitFolioGrainStorage(configuration);
        silo.AddOutgoingGrainCallFilter<RetrySafeCallsFilter>();
        if (GrainCallTracing.IsOn(configuration))
        {
            silo.AddActivityPropagation();
            // After the propagation filters, so it runs inside them, on the spans they started.
            silo.AddIncomingGrainCallFilter<GrainKeyRedaction>();
            silo.AddOutgoingGrainCallFilter<GrainKeyRedaction>();
        }

        silo.Services.AddSingleton<ClusterReadiness>();
        silo.Services.AddSingleton(_ => new RedisHealth(redis));
        silo.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<DirectorySweep>(services, redis));
        return silo;
    }
}
