using System.Reflection;
using System.Runtime.CompilerServices;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Users;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Serializers;

namespace FitFolio.Tests.Grains;

/// <summary>
/// Every type that crosses a grain call is an Orleans contract (docs/orleans-move-plan.md §4 step 3,
/// R8): it round-trips through Orleans' serializer and copier with nothing lost, and no type reachable
/// from a grain signature lacks a generated codec. A standalone serializer over the grains assembly,
/// no silo.
/// </summary>
public sealed class ContractSerializationTests
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(GrainContracts.Assembly))
        .BuildServiceProvider();

    private static Serializer Serializer => Services.GetRequiredService<Serializer>();

    private static DeepCopier Copier => Services.GetRequiredService<DeepCopier>();

    public static TheoryData<string> ContractNames => [.. GrainContracts.Types.Select(Name)];

    [Fact]
    public void The_walk_finds_every_grain_interface_and_what_their_signatures_reach()
    {
        Assert.Equal(
            [
                "IApiKeyGrain", "IEmailCodeGrain", "IPasskeyCeremonyGrain", "IPreferencesGrain", "IRateLimitGrain", "IRecoveryCodeGrain", "ITrainingGrain",
                "IUserGrain",
            ],
            GrainContracts.Interfaces.Select(type => type.Name).Order(StringComparer.Ordinal));

        // Spot checks that the walk goes through tasks, nullables, lists, generic arguments and fields.
        Assert.Contains(typeof(FitFolio.Grains.Sessions.SessionView), GrainContracts.Types);
        Assert.Contains(typeof(FitFolio.Grains.Training.TrainingOutcome<bool>), GrainContracts.Types);
        Assert.Contains(typeof(FitFolio.Grains.Training.PreviousSet), GrainContracts.Types);
        Assert.Contains(typeof(PublicKeyCredentialRpEntityJson), GrainContracts.Types);
        Assert.Contains(typeof(FitFolio.Grains.Accounts.EmailAddress), GrainContracts.Types);
    }

    [Theory]
    [MemberData(nameof(ContractNames))]
    public void Every_contract_has_a_generated_codec_and_copier(string name)
    {
        var type = Contract(name);
        Assert.True(type.IsDefined(typeof(GenerateSerializerAttribute)), $"{name} has no [GenerateSerializer].");
        Assert.NotNull(Services.GetRequiredService<ICodecProvider>().TryGetCodec(type));
        Assert.NotNull(Services.GetRequiredService<IDeepCopierProvider>().TryGetDeepCopier(type));
    }

    [Fact]
    public void A_type_without_generated_serializer_is_reported_missing()
    {
        // The check above can fail: an unmarked record has neither.
        Assert.Null(Services.GetRequiredService<ICodecProvider>().TryGetCodec(typeof(Unmarked)));
        Assert.Null(Services.GetRequiredService<IDeepCopierProvider>().TryGetDeepCopier(typeof(Unmarked)));
        Assert.Throws<CodecNotFoundException>(() => Serializer.SerializeToArray<object>(new Unmarked("x")));
    }

    [Theory]
    [MemberData(nameof(ContractNames))]
    public void Every_serialized_member_has_an_explicit_id(string name)
    {
        var type = Contract(name);
        if (type.IsEnum)
        {
            return;
        }

        // A member without [Id] is silently left behind (or numbered by position, which a reorder breaks).
        var missing = GrainContracts.Fields(type)
            .Where(field => !field.IsDefined(typeof(IdAttribute)) && GrainContracts.PropertyOf(field)?.IsDefined(typeof(IdAttribute)) != true)
            .Select(field => field.Name);
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_contract_has_its_own_stable_alias()
    {
        var aliases = GrainContracts.Types.Select(type => type.IsGenericType ? type.GetGenericTypeDefinition() : type).Distinct()
            .Concat(GrainContracts.Exceptions)
            .Select(type => (Type: type, Alias: type.GetCustomAttribute<AliasAttribute>()?.Alias))
            .ToList();

        Assert.All(aliases, entry => Assert.StartsWith("fitfolio.", entry.Alias ?? $"none on {entry.Type.Name}", StringComparison.Ordinal));
        Assert.Equal(aliases.Count, aliases.Select(entry => entry.Alias).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_contract_has_a_fully_populated_sample()
    {
        Assert.Equal(GrainContracts.Types.Select(Name).Order(StringComparer.Ordinal), ContractSamples.ByType.Keys.Select(Name).Order(StringComparer.Ordinal));
        foreach (var (type, sample) in ContractSamples.ByType)
        {
            if (type.IsEnum)
            {
                Assert.NotEqual(0, Convert.ToInt32(sample, System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }

            // A default member would come back default even if the serializer dropped it.
            Assert.All(
                GrainContracts.Fields(type), field => Assert.False(IsDefault(field.GetValue(sample)), $"{Name(type)}.{field.Name} is default in its sample."));
        }
    }

    [Theory]
    [MemberData(nameof(ContractNames))]
    public void Every_contract_round_trips_through_the_serializer(string name)
    {
        var sample = ContractSamples.ByType[Contract(name)];

        var copy = Serializer.Deserialize<object>(Serializer.SerializeToArray<object>(sample));

        Assert.IsType(sample.GetType(), copy);
        Assert.Equivalent(sample, copy, strict: true);
    }

    [Theory]
    [MemberData(nameof(ContractNames))]
    public void Every_contract_deep_copies_and_immutable_ones_are_shared(string name)
    {
        var type = Contract(name);
        var sample = ContractSamples.ByType[type];

        var copy = Copier.Copy<object>(sample);

        Assert.IsType(type, copy);
        Assert.Equivalent(sample, copy, strict: true);
        if (type.IsDefined(typeof(ImmutableAttribute)))
        {
            Assert.Same(sample, copy);
        }
        else if (!type.IsValueType)
        {
            Assert.NotSame(sample, copy);
        }
    }

    [Fact]
    public void Passkey_metadata_exception_round_trips_with_its_message()
    {
        var copy = RoundTrip(new PasskeyMetadataException("Passkeys:Metadata:BlobPath: cannot read '/x'"));

        Assert.IsType<PasskeyMetadataException>(copy);
        Assert.Equal("Passkeys:Metadata:BlobPath: cannot read '/x'", copy.Message);
    }

    [Fact]
    public void Idempotency_key_in_flight_exception_round_trips_as_itself()
    {
        var copy = RoundTrip(new FitFolio.Grains.Idempotency.IdempotencyKeyInFlightException());

        Assert.IsType<FitFolio.Grains.Idempotency.IdempotencyKeyInFlightException>(copy);
        Assert.Equal("A request with this Idempotency-Key is still being answered.", copy.Message);
    }

    [Fact]
    public void Unknown_user_exception_round_trips_with_its_message()
    {
        var copy = RoundTrip(new UnknownUserException("No user 42."));

        Assert.IsType<UnknownUserException>(copy);
        Assert.Equal("No user 42.", copy.Message);
    }

    [Fact]
    public void Passkey_verification_exception_round_trips_with_its_reason_and_cause()
    {
        var original = new PasskeyVerificationException(PasskeyFailureReason.ChallengeMismatch, "challenge differs", new FormatException("bad base64url"));

        var copy = Assert.IsType<PasskeyVerificationException>(RoundTrip(original));

        Assert.Equal("challenge differs", copy.Message);
        Assert.Equal(PasskeyFailureReason.ChallengeMismatch, copy.Reason);
        Assert.Equal("challenge_mismatch", copy.Code);
        var cause = Assert.IsType<FormatException>(copy.InnerException);
        Assert.Equal("bad base64url", cause.Message);
    }

    [Fact]
    public void Exceptions_deep_copy_with_their_members()
    {
        var copy = Assert.IsType<PasskeyVerificationException>(
            Copier.Copy<Exception>(new PasskeyVerificationException(PasskeyFailureReason.BadSignature, "bad signature")));

        Assert.Equal("bad signature", copy.Message);
        Assert.Equal(PasskeyFailureReason.BadSignature, copy.Reason);
        Assert.Equal("No user 7.", Assert.IsType<UnknownUserException>(Copier.Copy<Exception>(new UnknownUserException("No user 7."))).Message);
    }

    [Fact]
    public void Every_exception_of_the_grains_assembly_is_a_contract()
    {
        // The list is the assembly's: a new exception type fails here until it is marked and has a round-trip test above.
        Assert.Equal(
            [typeof(FitFolio.Grains.Idempotency.IdempotencyKeyInFlightException), typeof(PasskeyMetadataException), typeof(PasskeyVerificationException),
                typeof(UnknownUserException)],
            GrainContracts.Exceptions);
        Assert.All(GrainContracts.Exceptions, type =>
        {
            Assert.True(type.IsDefined(typeof(GenerateSerializerAttribute)), $"{type.Name} has no [GenerateSerializer].");
            Assert.NotNull(Services.GetRequiredService<ICodecProvider>().TryGetCodec(type));
            Assert.All(
                GrainContracts.Fields(type),
                field => Assert.True(GrainContracts.PropertyOf(field)?.IsDefined(typeof(IdAttribute)) == true, $"{type.Name}.{field.Name} has no [Id]."));
        });
    }

    private static Exception RoundTrip(Exception exception)
    {
        // Thrown first, as a grain would, so it carries a stack trace.
        try
        {
            throw exception;
        }
        catch (Exception thrown)
        {
            return Serializer.Deserialize<Exception>(Serializer.SerializeToArray(thrown))!;
        }
    }

    private static Type Contract(string name) => GrainContracts.Types.Single(type => Name(type) == name);

    /// <summary>A readable, unique name for a contract type, closed generics included (TrainingOutcome&lt;Boolean&gt;).</summary>
    private static string Name(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(',', type.GetGenericArguments().Select(Name))}>"
        : type.Name;

    private static bool IsDefault(object? value) =>
        value is null || (value.GetType().IsValueType && value.Equals(RuntimeHelpers.GetUninitializedObject(value.GetType())));

    private sealed record Unmarked(string Name);
}
