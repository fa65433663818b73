using System.Text.Json;

namespace RustIds.IntegrationTests;

/// <summary>Reads what a running rustids wrote to its EVE log so far.</summary>
internal static class EveLog
{
    /// <summary>The signature ids of the alert lines, in file order (empty while the file does not exist).</summary>
    public static List<long> AlertSids(string path)
    {
        var sids = new List<long>();
        if (!File.Exists(path))
            return sids;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
                continue;
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("alert", out var alert))
                sids.Add(alert.GetProperty("signature_id").GetInt64());
        }
        return sids;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
                return true;
            Thread.Sleep(250); // polling external state (nft, files, servers); there is no event to wait on
        }
        return condition();
    }
}
