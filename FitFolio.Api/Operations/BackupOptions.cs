namespace FitFolio.Api.Operations;

/// <summary>Configuration section <c>Backup</c>: where <c>backup</c> writes and how much it keeps.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>
    /// Where backups are written (created with mode 0700). Default <c>backups</c>, relative to the
    /// working directory; a scheduled job should give an absolute path.
    /// </summary>
    public string Directory { get; set; } = "backups";

    /// <summary>Newest backup of each of this many UTC days is kept. Default 7.</summary>
    public int KeepDaily { get; set; } = 7;

    /// <summary>Newest backup of each of this many ISO weeks is kept. Default 4.</summary>
    public int KeepWeekly { get; set; } = 4;

    /// <summary>Newest backup of each of this many calendar months is kept. Default 3.</summary>
    public int KeepMonthly { get; set; } = 3;

    /// <summary>
    /// Folder holding <c>pg_dump</c> and <c>pg_restore</c>. Default: none, and then
    /// <c>/usr/lib/postgresql/{server major}/bin</c> (Debian's layout) and the PATH are searched for
    /// tools of the server's major version.
    /// </summary>
    public string? PostgresBin { get; set; }
}
