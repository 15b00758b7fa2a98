namespace FitFolio.Bench.Measurement;

/// <summary>
/// A wrk Lua script that sends each request with the next of many session cookies, so every request asks
/// another person's user grain (each wrk thread starts at its own place in the list).
/// </summary>
internal static class RotatingCookieScript
{
    public static string Write(string name, IReadOnlyList<string> cookieHeaders)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fitfolio-bench-{name}-{Environment.ProcessId}.lua");
        var list = string.Join(",\n", cookieHeaders.Select(h => $"  \"{h}\""));
        File.WriteAllText(path, $$"""
            local cookies = {
            {{list}}
            }
            local next_thread = 0
            function setup(thread)
              thread:set("start", next_thread)
              next_thread = next_thread + 97
            end

            local n = 0
            function request()
              n = n + 1
              return wrk.format("GET", nil, { ["Cookie"] = cookies[((start + n) % #cookies) + 1] })
            end
            """);
        return path;
    }
}
