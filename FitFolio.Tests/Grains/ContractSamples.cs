using FitFolio.Grains.Accounts;
using FitFolio.Grains.ApiKeys;
using FitFolio.Grains.Common;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Preferences;
using FitFolio.Grains.RateLimiting;
using FitFolio.Grains.Recovery;
using FitFolio.Grains.Sessions;
using FitFolio.Grains.SignIn;
using FitFolio.Grains.Training;
using FitFolio.Grains.Users;

namespace FitFolio.Tests.Grains;

/// <summary>
/// One instance of every grain contract with every member set to something other than its default,
/// so a member the serializer drops comes back different. Lists are collection expressions, the
/// compiler-made list types the grains themselves build.
/// </summary>
internal static class ContractSamples
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 9, 30, 15, 123, TimeSpan.FromHours(1));

    public static RequestOrigin Origin { get; } = new("203.0.113.9", "Firefox/140.0", "req-1") { DeviceHash = [1, 2, 3, 4] };

    public static UserProfile Profile { get; } = new(Guid.NewGuid(), "ada@example.com", true, true, true, 2, At);

    public static PasskeyView Passkey { get; } = new(Guid.NewGuid(), "Phone", At, At.AddDays(1), ["internal", "hybrid"], true);

    public static SessionView Session { get; } = new(Guid.NewGuid(), At, At.AddMinutes(5), "203.0.113.9", "Firefox on Linux", true);

    public static SetView Set { get; } = new(
        Guid.NewGuid(),
        Guid.NewGuid(),
        Guid.NewGuid(),
        1,
        "working",
        5,
        100.5m,
        "kg",
        100.5m,
        30,
        400.25m,
        8.5m,
        2,
        "felt easy",
        At,
        117.25m,
        502.5m,
        ["e1rm", "weight"]);

    public static PersonalRecord Record { get; } = new(Guid.NewGuid(), "Squat", "e1rm", 117.25m, "kg", 100.5m, Guid.NewGuid(), Guid.NewGuid(), At, 110m);

    public static WorkoutExerciseView WorkoutExercise { get; } = new(
        Guid.NewGuid(),
        2,
        Guid.NewGuid(),
        "Squat",
        "weight_reps",
        1,
        true,
        "pause at the bottom",
        new ExerciseTarget(3, 5, 8, 100m, "kg", 8m, 2, 180),
        [Set],
        new PreviousPerformance(Guid.NewGuid(), At.AddDays(-3), [new PreviousSet(1, new SetMeasures("working", 5, 95m, "kg", 20, 10.5m, 8m), 2)]));

    public static WorkoutView Workout { get; } = new(
        Guid.NewGuid(), "Leg day", "heavy", "in_progress", Guid.NewGuid(), Guid.NewGuid(), At, At.AddHours(1), "app", [WorkoutExercise]);

    public static SetLogged Logged { get; } = new(Set, [Record]);

    /// <summary>Every sample, keyed by its type (closed generic types included).</summary>
    public static IReadOnlyDictionary<Type, object> ByType { get; } = Build();

    private static Dictionary<Type, object> Build()
    {
        EmailAddress.TryParse("Ada@Example.com", out var email);
        var descriptor = new PublicKeyCredentialDescriptorJson("public-key", "AQID", ["usb", "nfc"]);
        var error = new TrainingError(TrainingFailure.Conflict, "already_finished", "The workout is finished.", "endedAt", 3);
        object[] samples =
        [
            Origin,
            new ApiKeyCheck(Guid.NewGuid(), Guid.NewGuid(), ["training:read", "training:write"], ApiKeyCheck.Revoked),

            new PublicKeyCredentialRequestOptionsJson("Y2hhbGxlbmdl", 300_000, "fitfolio.example", [descriptor], "required", ["client-device"]),
            new PublicKeyCredentialCreationOptionsJson(
                new PublicKeyCredentialRpEntityJson("fitfolio.example", "FitFolio"),
                new PublicKeyCredentialUserEntityJson("dXNlcg", "ada@example.com", "Ada"),
                "Y2hhbGxlbmdl",
                [new PublicKeyCredentialParametersJson("public-key", -7)],
                300_000,
                [descriptor],
                new AuthenticatorSelectionCriteriaJson("required", true, "required"),
                ["security-key"],
                "none"),
            descriptor,
            new PublicKeyCredentialParametersJson("public-key", -257),
            new PublicKeyCredentialRpEntityJson("fitfolio.example", "FitFolio"),
            new PublicKeyCredentialUserEntityJson("dXNlcg", "ada@example.com", "Ada"),
            new AuthenticatorSelectionCriteriaJson("required", true, "preferred"),
            new PendingCeremonyState([.. Enumerable.Range(0, 32).Select(i => (byte)i)], [9, 8, 7], [[1, 2], [3, 4, 5]], At),
            new PasskeyRegistrationResult(Passkey, Profile, PasskeyRegistrationResult.AlreadyRegistered),
            new PasskeySignInResult(SignInOutcome.Locked, Profile, Guid.NewGuid(), "passkey_locked", TimeSpan.FromMinutes(15)),
            Passkey,
            PasskeyChangeOutcome.NeedsTwoPasskeys,
            new EmailSignInChange(PasskeyChangeOutcome.LastSignInMethod, Profile, ["7K3M-Q9TZ-0R4W-HX2B", "AAAA-BBBB-CCCC-DDDD"]),
            PasskeyFailureReason.SignCountRegression,
            new PasskeySignalIds([1, 2, 3], [[4, 5], [6, 7, 8]], "ada@example.com"),

            new Preferences("lb", "rir", 120),

            new RateLimitDecision(true, TimeSpan.FromSeconds(42)),
            new RateLimitRule(5, TimeSpan.FromMinutes(15)),
            new RateLimitRefusal("magic-start-ip", TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(42), Guid.NewGuid(), Origin),

            new EmailCodeCheck(EmailCodeOutcome.Matched, Guid.NewGuid(), Guid.NewGuid(), TimeSpan.FromMinutes(3)),
            EmailCodeOutcome.Locked,

            new RecoveryCodeCheck(EmailCodeOutcome.Matched, Guid.NewGuid(), Guid.NewGuid(), TimeSpan.FromMinutes(3)),
            new RecoveryCodeStatus(7, At),
            new RecoveryCodeSignIn(new SignInResult(SignInOutcome.Locked, Profile, Guid.NewGuid(), TimeSpan.FromMinutes(15)), 9),

            new ExternalIdentityClaim("google", "108234567890", "person@example.com", At),

            email,
            EmailChangeOutcome.AddressTaken,
            new AccountSnapshot(Profile, [Session], [Passkey]),

            Session,
            new SessionCheck(true, Profile, Guid.NewGuid(), true, At, "passkey", SessionCheck.Idle, new RateLimitDecision(false, TimeSpan.FromSeconds(7))),

            Profile,
            new SignInResult(SignInOutcome.Locked, Profile, Guid.NewGuid(), TimeSpan.FromMinutes(15)),
            SignInOutcome.Invalid,

            error,
            TrainingFailure.Forbidden,
            new TrainingOutcome<WorkoutView>(Workout, error, true),
            new TrainingOutcome<WorkoutExerciseView>(WorkoutExercise, error, true),
            new TrainingOutcome<SetLogged>(Logged, error, true),
            new TrainingOutcome<bool>(true, error, true),
            new TrainingOutcome<ImportProgress>(
                new ImportProgress(
                    Guid.NewGuid(), ImportStatus.Failed, "strong", 9, 2, 1, 5, 50, new ImportSummary("strong", 1, 0, 5, [], []), ImportStatus.TryAgain),
                error,
                true),
            new StartWorkoutCommand("Leg day", "heavy", Guid.NewGuid(), At),
            new WorkoutPatch("Leg day", "heavier", At, At.AddHours(1)),
            new AddExerciseCommand(Guid.NewGuid(), 3, 2, "slow", Guid.NewGuid()),
            new WorkoutExercisePatch(true, "skip today", 4),
            Logged,
            Set,
            new SetMeasures("failure", 4, 110m, "kg", 25, 3.5m, 9.5m),
            new PreviousSet(2, new SetMeasures("warmup", 10, 60m, "lb", 15, 5.5m, 6.5m), 4),
            new PreviousPerformance(Guid.NewGuid(), At, [new PreviousSet(1, new SetMeasures("working", 5, 95m, "kg", 20, 10.5m, 8m), 2)]),
            new ExerciseTarget(3, 5, 8, 100m, "kg", 8m, 2, 180),
            WorkoutExercise,
            Workout,
            Record,
            new SetInput(Guid.NewGuid(), "working", 5, 100m, "kg", 30, 400m, 8m, 2, "ok", At),
            new ImportBatch(
                "strong",
                [new ImportedWorkout("strong|2026-12-06T09:30|Leg day", "Leg day", At, At.AddHours(1), "imported", [
                    new ImportedExercise("Squat", "belt", 1, [new ImportedSet(7, new SetMeasures("working", 5, 100m, "kg", 30, 400m, 8m), "ok")])])],
                [new ImportSkip(9, "no weight")]),
            new ImportedWorkout("hevy|2026-12-06T09:30|Push", "Push", At, At.AddHours(1), "imported", [
                new ImportedExercise("Bench", "wide", 2, [new ImportedSet(3, new SetMeasures("working", 5, 80m, "kg", 30, 0.5m, 9m), "hard")])]),
            new ImportedExercise("Row", "strict", 3, [new ImportedSet(4, new SetMeasures("dropset", 12, 50m, "lb", 45, 1.5m, 7m), "burn")]),
            new ImportedSet(11, new SetMeasures("failure", 3, 120m, "kg", 10, 2.5m, 10m), "max"),
            new ImportSkip(12, "unknown set type"),
            new CreatedExercise(Guid.NewGuid(), "Zercher squat"),
            new ImportSummary("hevy", 3, 1, 27, [new CreatedExercise(Guid.NewGuid(), "Zercher squat")], [new ImportSkip(12, "unknown set type")]),
            new ImportProgress(
                Guid.NewGuid(), ImportStatus.Finished, "hevy", 30, 4, 4, 27, 100,
                new ImportSummary("hevy", 3, 1, 27, [], [new ImportSkip(12, "unknown set type")]), ImportStatus.TryAgain),
        ];

        return samples.ToDictionary(sample => sample.GetType());
    }
}
