using System.Text.Json;
using RustIds.Packets;

namespace RustIds.Response;

/// <summary>Reads the elements of <c>nft -j list set</c> output.</summary>
/// <remarks>
/// Elements with a timeout are objects <c>{"elem": {"val": "10.0.0.1", "timeout": 60, "expires": 59}}</c>
/// (seconds); elements without one are plain strings. Anything else (prefixes, ranges) is not
/// something we add and is skipped.
/// </remarks>
internal static class NftSetJsonParser
{
    /// <summary>Appends every address element found in <paramref name="json"/> to <paramref name="entries"/>.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static void Parse(string json, List<FirewallEntry> entries)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("nftables", out var items) || items.ValueKind != JsonValueKind.Array)
            return;
        foreach (var item in items.EnumerateArray())
        {
            if (!item.TryGetProperty("set", out var set) || !set.TryGetProperty("elem", out var elements))
                continue;
            foreach (var element in elements.EnumerateArray())
            {
                if (TryReadElement(element, out var entry))
                    entries.Add(entry);
            }
        }
    }

    private static bool TryReadElement(JsonElement element, out FirewallEntry entry)
    {
        entry = default;
        if (element.ValueKind == JsonValueKind.String)
        {
            if (!IpAddr.TryParse(element.GetString(), out var plain))
                return false;
            entry = new FirewallEntry(plain, null, null);
            return true;
        }
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("elem", out var inner)
            || !inner.TryGetProperty("val", out var value)
            || value.ValueKind != JsonValueKind.String
            || !IpAddr.TryParse(value.GetString(), out var address))
        {
            return false;
        }
        entry = new FirewallEntry(address, Seconds(inner, "timeout"), Seconds(inner, "expires"));
        return true;
    }

    private static TimeSpan? Seconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
}
