namespace FitFolio.Api.Hosting;

/// <summary>A missing or weak setting. Its message is the one line the process prints before exiting.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException()
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
