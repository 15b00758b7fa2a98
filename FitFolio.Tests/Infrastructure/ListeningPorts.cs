using System.Globalization;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// The TCP ports sockets of THIS process listen on (Linux: the listening rows of /proc/self/net/tcp and tcp6 whose
/// socket inode is one of /proc/self/fd's), so a test can prove it left no listener behind in the test process,
/// whatever other processes (the replicas of other tests) listen on.
/// </summary>
public static class ListeningPorts
{
    private const string Listen = "0A";

    public static IReadOnlySet<int> OfThisProcess()
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var descriptor in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            // A descriptor may close between the listing and the read.
            var target = new FileInfo(descriptor).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(target[8..^1]);
            }
        }

        var ports = new HashSet<int>();
        foreach (var table in new[] { "/proc/self/net/tcp", "/proc/self/net/tcp6" })
        {
            // Columns: sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode.
            foreach (var row in File.ReadLines(table).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                if (row.Length > 9 && row[3] == Listen && inodes.Contains(row[9]))
                {
                    ports.Add(int.Parse(row[1][(row[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return ports;
    }
}
