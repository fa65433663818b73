using System.Text.Json;
using RustIds.Packets;
using RustIds.Reputation.Addresses;

namespace RustIds.Response;

/// <summary>Reads <c>nft -j list set</c> and <c>nft -j list sets</c> output.</summary>
/// <remarks>
/// Elements with a timeout are objects <c>{"elem": {"val": V, "timeout": 60, "expires": 59}}</c>
/// (seconds); elements without one are V itself. V is an address string, <c>{"prefix": {"addr", "len"}}</c>
/// or <c>{"range": [first, last]}</c>; we never add ranges to target sets, so they are skipped there.
/// </remarks>
internal static class NftSetJsonParser
{
    /// <summary>Appends every address or prefix element found in <paramref name="json"/> to <paramref name="entries"/>.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static void Parse(string json, FirewallAction action, List<FirewallEntry> entries)
    {
        foreach (var element in Elements(json))
        {
            if (TryReadElement(element, action, out var entry))
                entries.Add(entry);
        }
    }

    /// <summary>Number of elements of the sets in <paramref name="json"/>.</summary>
    public static int CountElements(string json) => Elements(json).Count();

    /// <summary>Names of the sets in <paramref name="json"/> (for example <c>nft -t -j list sets table inet rustids</c>).</summary>
    public static IReadOnlyList<string> SetNames(string json)
    {
        var names = new List<string>();
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("nftables", out var items) || items.ValueKind != JsonValueKind.Array)
            return names;
        foreach (var item in items.EnumerateArray())
        {
            if (item.TryGetProperty("set", out var set) && set.TryGetProperty("name", out var name) && name.GetString() is { } text)
                names.Add(text);
        }
        return names;
    }

    private static List<JsonElement> Elements(string json)
    {
        var elements = new List<JsonElement>();
        // Clone: the document is disposed before the caller reads the elements.
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("nftables", out var items) || items.ValueKind != JsonValueKind.Array)
            return elements;
        foreach (var item in items.EnumerateArray())
        {
            if (!item.TryGetProperty("set", out var set) || !set.TryGetProperty("elem", out var list))
                continue;
            foreach (var element in list.EnumerateArray())
                elements.Add(element.Clone());
        }
        return elements;
    }

    private static bool TryReadElement(JsonElement element, FirewallAction action, out FirewallEntry entry)
    {
        entry = default;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("elem", out var inner))
        {
            if (!inner.TryGetProperty("val", out var value) || !TryReadTarget(value, out var timed))
                return false;
            entry = new FirewallEntry(timed, action, Seconds(inner, "timeout"), Seconds(inner, "expires"));
            return true;
        }
        if (!TryReadTarget(element, out var plain))
            return false;
        entry = new FirewallEntry(plain, action, null, null);
        return true;
    }

    private static bool TryReadTarget(JsonElement value, out Cidr target)
    {
        target = default;
        if (value.ValueKind == JsonValueKind.String)
        {
            if (!IpAddr.TryParse(value.GetString(), out var address))
                return false;
            target = Cidr.Single(address);
            return true;
        }
        if (value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("prefix", out var prefix)
            && prefix.TryGetProperty("addr", out var addr)
            && prefix.TryGetProperty("len", out var len)
            && IpAddr.TryParse(addr.GetString(), out var network)
            && len.TryGetInt32(out var length)
            && length >= 0 && length <= network.BitLength)
        {
            target = new Cidr(network, length);
            return true;
        }
        return false;
    }

    private static TimeSpan? Seconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
}
