namespace RustIds.Packets.Tests.Processing;

/// <summary>Writes a capture with <c>scripts/gen-pcap.py</c> (deterministic: same profile and seed, same bytes).</summary>
internal static class GeneratedCapture
{
    public const string Python = "/usr/bin/python3";

    public static bool CanGenerate => File.Exists(Python);

    public static string Create(TempDirectory directory, string profile, int packets, int seed = 1)
    {
        var path = directory.File($"{profile}-{packets}-{seed}.pcap");
        Tool.RunChecked(Python, Path.Combine(RepoPaths.Root, "scripts", "gen-pcap.py"), "--profile", profile,
            "--packets", packets.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", path);
        return path;
    }
}
