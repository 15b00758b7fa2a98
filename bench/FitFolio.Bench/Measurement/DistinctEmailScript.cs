namespace FitFolio.Bench.Measurement;

/// <summary>
/// A wrk Lua script that POSTs <c>{"email": ...}</c> with a new address on every request: each
/// wrk thread numbers its own requests and the run has its own prefix, so no address repeats
/// within or across runs and the per-address limit (3 mails per 15 minutes) never applies.
/// </summary>
internal static class DistinctEmailScript
{
    public static string Write(string runPrefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fitfolio-bench-{runPrefix}.lua");
        File.WriteAllText(path, $$"""
            local next_thread = 1
            function setup(thread)
              thread:set("tid", next_thread)
              next_thread = next_thread + 1
            end

            local n = 0
            function request()
              n = n + 1
              local body = '{"email":"{{runPrefix}}-' .. tid .. '-' .. n .. '@fitfolio.example"}'
              return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
            end
            """);
        return path;
    }
}
