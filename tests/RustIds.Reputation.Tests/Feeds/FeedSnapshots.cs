namespace RustIds.Reputation.Tests.Feeds;

/// <summary>The real feed snapshots in the shared data (<c>feeds/SOURCES.md</c> says where each came from).</summary>
internal static class FeedSnapshots
{
    public static string Path(string relative) => System.IO.Path.Combine(RepoPaths.SharedData, "feeds", relative);

    public static string Text(string relative) => File.ReadAllText(Path(relative));
}
