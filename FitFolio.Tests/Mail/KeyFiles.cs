namespace FitFolio.Tests.Mail;

/// <summary>A temporary folder for the PEM files a DKIM test writes, deleted with the test class.</summary>
public sealed class KeyFiles : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fitfolio-dkim-").FullName;

    /// <summary>A path in the folder where nothing is written.</summary>
    public string Missing => Path.Combine(_directory, "missing.pem");

    public string Write(string pem)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, pem);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
