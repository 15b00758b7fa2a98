using NpgsqlTypes;

namespace FitFolio.Seed;

/// <summary>The tables in foreign-key order, so one batch copies parents before children.</summary>
internal static class SeedTables
{
    public static CopyTable Users { get; } = new("users",
    [
        ("id", NpgsqlDbType.Uuid), ("email", NpgsqlDbType.Text), ("email_verified_at", NpgsqlDbType.TimestampTz),
        ("created_at", NpgsqlDbType.TimestampTz), ("webauthn_user_handle", NpgsqlDbType.Bytea),
    ]);

    public static CopyTable Passkeys { get; } = new("passkeys",
    [
        ("id", NpgsqlDbType.Uuid), ("user_id", NpgsqlDbType.Uuid), ("credential_id", NpgsqlDbType.Bytea), ("public_key_cose", NpgsqlDbType.Bytea),
        ("algorithm", NpgsqlDbType.Integer), ("sign_count", NpgsqlDbType.Bigint), ("backup_eligible", NpgsqlDbType.Boolean),
        ("backed_up", NpgsqlDbType.Boolean), ("aaguid", NpgsqlDbType.Uuid), ("attestation_format", NpgsqlDbType.Text),
        ("created_at", NpgsqlDbType.TimestampTz), ("last_used_at", NpgsqlDbType.TimestampTz), ("name", NpgsqlDbType.Text),
    ]);

    public static CopyTable Sessions { get; } = new("sessions",
    [
        ("id", NpgsqlDbType.Uuid), ("user_id", NpgsqlDbType.Uuid), ("secret_hash", NpgsqlDbType.Bytea), ("created_at", NpgsqlDbType.TimestampTz),
        ("last_seen_at", NpgsqlDbType.TimestampTz), ("rotated_at", NpgsqlDbType.TimestampTz), ("expires_at", NpgsqlDbType.TimestampTz),
        ("ip", NpgsqlDbType.Inet), ("user_agent", NpgsqlDbType.Text), ("authenticated_at", NpgsqlDbType.TimestampTz),
        ("authenticated_with", NpgsqlDbType.Text),
    ]);

    public static CopyTable AuditEvents { get; } = new("login_events",
    [
        ("occurred_at", NpgsqlDbType.TimestampTz), ("user_id", NpgsqlDbType.Uuid), ("event_type", NpgsqlDbType.Text),
        ("ip", NpgsqlDbType.Inet), ("user_agent", NpgsqlDbType.Text), ("details", NpgsqlDbType.Jsonb),
    ]);

    public static CopyTable Programs { get; } = new("programs",
    [
        ("id", NpgsqlDbType.Uuid), ("user_id", NpgsqlDbType.Uuid), ("name", NpgsqlDbType.Text), ("archived_at", NpgsqlDbType.TimestampTz),
        ("created_at", NpgsqlDbType.TimestampTz), ("updated_at", NpgsqlDbType.TimestampTz),
    ]);

    public static CopyTable ProgramDays { get; } = new("program_days",
    [
        ("id", NpgsqlDbType.Uuid), ("program_id", NpgsqlDbType.Uuid), ("user_id", NpgsqlDbType.Uuid), ("position", NpgsqlDbType.Integer),
        ("name", NpgsqlDbType.Text),
    ]);

    public static CopyTable ProgramExercises { get; } = new("program_exercises",
    [
        ("id", NpgsqlDbType.Uuid), ("day_id", NpgsqlDbType.Uuid), ("user_id", NpgsqlDbType.Uuid), ("position", NpgsqlDbType.Integer),
        ("exercise_id", NpgsqlDbType.Uuid), ("target_sets", NpgsqlDbType.Integer), ("reps_min", NpgsqlDbType.Integer),
        ("reps_max", NpgsqlDbType.Integer), ("rest_seconds", NpgsqlDbType.Integer),
    ]);

    public static CopyTable Workouts { get; } = new("workouts",
    [
        ("id", NpgsqlDbType.Uuid), ("user_id", NpgsqlDbType.Uuid), ("name", NpgsqlDbType.Text), ("status", NpgsqlDbType.Text),
        ("program_id", NpgsqlDbType.Uuid), ("program_day_id", NpgsqlDbType.Uuid), ("started_at", NpgsqlDbType.TimestampTz),
        ("ended_at", NpgsqlDbType.TimestampTz), ("created_at", NpgsqlDbType.TimestampTz),
    ]);

    public static CopyTable WorkoutExercises { get; } = new("workout_exercises",
    [
        ("id", NpgsqlDbType.Uuid), ("workout_id", NpgsqlDbType.Uuid), ("user_id", NpgsqlDbType.Uuid), ("position", NpgsqlDbType.Integer),
        ("exercise_id", NpgsqlDbType.Uuid), ("has_target", NpgsqlDbType.Boolean), ("target_sets", NpgsqlDbType.Integer),
        ("reps_min", NpgsqlDbType.Integer), ("reps_max", NpgsqlDbType.Integer), ("rest_seconds", NpgsqlDbType.Integer),
    ]);

    public static CopyTable Sets { get; } = new("workout_sets",
    [
        ("id", NpgsqlDbType.Uuid), ("user_id", NpgsqlDbType.Uuid), ("workout_id", NpgsqlDbType.Uuid), ("workout_exercise_id", NpgsqlDbType.Uuid),
        ("exercise_id", NpgsqlDbType.Uuid), ("position", NpgsqlDbType.Integer), ("set_type", NpgsqlDbType.Text), ("reps", NpgsqlDbType.Integer),
        ("weight", NpgsqlDbType.Numeric), ("weight_unit", NpgsqlDbType.Text), ("weight_kg", NpgsqlDbType.Numeric), ("rpe", NpgsqlDbType.Numeric),
        ("completed_at", NpgsqlDbType.TimestampTz), ("created_at", NpgsqlDbType.TimestampTz),
    ]);

    public static CopyTable BodyWeights { get; } = new("body_weights",
    [
        ("user_id", NpgsqlDbType.Uuid), ("day", NpgsqlDbType.Date), ("weight", NpgsqlDbType.Numeric), ("unit", NpgsqlDbType.Text),
        ("weight_kg", NpgsqlDbType.Numeric),
    ]);

    public static IReadOnlyList<CopyTable> InOrder { get; } =
        [Users, Passkeys, Sessions, AuditEvents, Programs, ProgramDays, ProgramExercises, Workouts, WorkoutExercises, Sets, BodyWeights];
}
