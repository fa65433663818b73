namespace RustIds.Engine.Web;

/// <summary>The dashboard: one self-contained page (no external scripts or styles) that reads the REST API with the operator's token.</summary>
internal static class Dashboard
{
    /// <summary>The page, embedded in the assembly at build time.</summary>
    public static readonly string Html = Load();

    private static string Load()
    {
        using var stream = typeof(Dashboard).Assembly.GetManifestResourceStream("RustIds.Engine.Web.dashboard.html")
            ?? throw new InvalidOperationException("the dashboard page is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
