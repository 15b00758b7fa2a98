using System.Diagnostics;
using FitFolio.Grains.Passkeys;
using FitFolio.Tests.Passkeys.Fuzzing;

namespace FitFolio.Tests.Passkeys;

/// <summary>
/// Fuzzing with a fixed seed, so any failure reproduces. The only acceptable outcomes for any input are
/// success or <see cref="PasskeyVerificationException"/>; and a response whose signed bytes were changed
/// must never verify.
/// </summary>
public sealed class PasskeyFuzzTests
{
    private const int EntryPointCases = 120_000;

    [Fact]
    public void Registration_and_authentication_entry_points_only_ever_refuse_mutated_responses_with_a_verification_failure()
    {
        var owned = new List<IDisposable>();
        try
        {
            var seeds = FuzzCorpus.Build(owned);
            CheckSeedsBehaveAsTheyShould(seeds);
            var donors = Donors(seeds);
            var random = new Random(20261122);
            var mutator = new CredentialMutator(new ByteMutator(random), donors);
            var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
            var problems = new List<string>();
            var registrations = 0;

            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < EntryPointCases && problems.Count < 10; i++)
            {
                var seed = seeds[random.Next(seeds.Count)];
                registrations += seed.IsRegistration ? 1 : 0;
                var fuzzCase = mutator.Mutate(seed);
                var outcome = Run(seed, fuzzCase, out var problem);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                if (problem is not null)
                {
                    problems.Add(
                        $"case {i}, seed {seed.Name}, {fuzzCase.Description}: {problem}\n  input: {Shorten(fuzzCase.Json ?? Convert.ToBase64String(fuzzCase.Utf8!))}");
                }
            }

            stopwatch.Stop();
            Report(
                $"{EntryPointCases} entry-point cases ({registrations} registration, {EntryPointCases - registrations} authentication) in {stopwatch.Elapsed.TotalSeconds:F1} s",
                outcomes);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assert.True(outcomes.Count > 10, "The mutations should reach many distinct failure reasons.");
            Assert.True(
                outcomes.GetValueOrDefault("ok") > 0,
                "Some mutations (of unsigned members) should still verify; none did, so the fuzzer may not reach the verifiers.");
        }
        finally
        {
            owned.ForEach(item => item.Dispose());
        }
    }

    private static string Run(FuzzSeed seed, FuzzCase fuzzCase, out string? problem)
    {
        problem = null;
        try
        {
            if (fuzzCase.Json is not null)
            {
                seed.Verify(fuzzCase.Json);
            }
            else
            {
                seed.VerifyUtf8(fuzzCase.Utf8!);
            }

            if (fuzzCase.ChangedField is { } changed && seed.SignedFields.Contains(changed))
            {
                problem = $"FORGERY: verified after {changed} was changed";
            }

            return "ok";
        }
        catch (PasskeyVerificationException exception)
        {
            return exception.Code;
        }
        catch (Exception exception)
        {
            problem = $"{exception.GetType().FullName}: {exception.Message}\n{exception.StackTrace}";
            return "UNEXPECTED " + exception.GetType().Name;
        }
    }

    // Baseline: unmutated positives verify, unmutated negatives fail; otherwise the oracle above means nothing.
    private static void CheckSeedsBehaveAsTheyShould(IReadOnlyList<FuzzSeed> seeds)
    {
        foreach (var seed in seeds)
        {
            var expectOk = !seed.Name.StartsWith("neg-", StringComparison.Ordinal);
            var outcome = Run(seed, new FuzzCase("unmutated", seed.Json, null, null), out var problem);
            Assert.Null(problem);
            Assert.True(expectOk == (outcome == "ok"), $"Seed {seed.Name} gave {outcome} unmutated.");
        }
    }

    private static List<byte[]> Donors(IReadOnlyList<FuzzSeed> seeds)
    {
        var donors = new List<byte[]>();
        foreach (var seed in seeds)
        {
            var response = System.Text.Json.Nodes.JsonNode.Parse(seed.Json)!["response"]!.AsObject();
            foreach (var (name, value) in response)
            {
                if (name != "transports" && value is not null)
                {
                    var bytes = Base64UrlText.Decode((string)value!);
                    donors.Add(bytes);
                    if (name == "attestationObject")
                    {
                        var (_, attStmt, authData) = TestCbor.ReadAttestationObject(bytes);
                        donors.Add(attStmt);
                        donors.Add(authData);
                    }
                }
            }
        }

        return donors;
    }

    private static void Report(string summary, Dictionary<string, int> outcomes)
    {
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine(summary);
        foreach (var (outcome, count) in outcomes.OrderByDescending(pair => pair.Value))
        {
            output?.WriteLine($"  {outcome,-34} {count,7}");
        }
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";
}
