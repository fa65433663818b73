using System.Globalization;

namespace RustIds.Testing;

/// <summary>Writes a capture with <c>scripts/gen-pcap.py</c> (deterministic: same profile, size and seed, same bytes).</summary>
public static class GeneratedCapture
{
    /// <summary>Debian's python3: the generator uses only its standard library.</summary>
    public const string Python = "/usr/bin/python3";

    public static bool CanGenerate => File.Exists(Python);

    /// <summary>Generates <paramref name="packets"/> packets of the <paramref name="profile"/> mix (bench or conformance) into <paramref name="directory"/>.</summary>
    public static string Create(string directory, string profile, int packets, int seed = 1)
    {
        var count = packets.ToString(CultureInfo.InvariantCulture);
        var path = System.IO.Path.Combine(directory, $"{profile}-{count}-{seed.ToString(CultureInfo.InvariantCulture)}.pcap");
        Tool.RunChecked(Python, System.IO.Path.Combine(RepoPaths.Root, "scripts", "gen-pcap.py"), "--profile", profile,
            "--packets", count, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--out", path);
        return path;
    }
}
