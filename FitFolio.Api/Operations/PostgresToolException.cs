namespace FitFolio.Api.Operations;

/// <summary>pg_dump or pg_restore is missing, of the wrong version, or failed. Its message is the line the command prints.</summary>
public sealed class PostgresToolException : Exception
{
    public PostgresToolException()
    {
    }

    public PostgresToolException(string message)
        : base(message)
    {
    }

    public PostgresToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
