namespace RustIds.Packets.AppLayer.Common.Tests;

/// <summary>Runs an external oracle (tshark) with an argument list, no shell.</summary>
internal static class ExternalTool
{
    public const string Tshark = "/usr/bin/tshark";

    public static bool Exists(string path) => File.Exists(path);

    public static string Run(string path, params string[] arguments) => Tool.RunChecked(path, arguments);

    /// <summary>tshark's field output as lines, without empty ones.</summary>
    public static string[] TsharkFields(string pcap, string filter, params string[] fields) => TsharkFields(pcap, filter, ',', fields);

    /// <summary>tshark's field output as lines; repeated occurrences of a field joined with <paramref name="aggregator"/>.</summary>
    public static string[] TsharkFields(string pcap, string filter, char aggregator, params string[] fields)
    {
        var arguments = new List<string> { "-r", pcap, "-n", "-Y", filter, "-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", $"aggregator={aggregator}" };
        foreach (var field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }
        return Run(Tshark, [.. arguments]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
