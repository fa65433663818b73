using System.CommandLine;
using RustIds.Engine.Configuration;

namespace RustIds.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config", "-c")
    {
        Description = $"Configuration file (JSON with comments). Default: {ConfigLoader.DefaultPath} when it exists, else built-in defaults.",
        HelpName = "FILE",
    };

    /// <summary>Loads the configuration and prints every problem; null when it is invalid.</summary>
    public static RustIdsOptions? LoadConfigOrReport(string? path)
    {
        var result = ConfigLoader.Load(path);
        if (result.IsValid)
            return result.Options;
        Console.Error.WriteLine($"rustids: configuration {result.Source ?? "(defaults)"} has {result.Problems.Count} problem(s):");
        foreach (var problem in result.Problems)
            Console.Error.WriteLine($"  {problem}");
        return null;
    }
}
