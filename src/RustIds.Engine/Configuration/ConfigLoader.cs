using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace RustIds.Engine.Configuration;

/// <summary>Reads the configuration file (JSON with comments), then <c>RUSTIDS__</c> environment variables.</summary>
public static class ConfigLoader
{
    /// <summary>Used when no <c>--config</c> is given and the file exists.</summary>
    public const string DefaultPath = "/etc/rustids/rustids.json";

    /// <summary>
    /// Loads <paramref name="path"/> (or <see cref="DefaultPath"/> when it exists, else built-in defaults)
    /// and validates the result. Never throws for bad content: problems are returned.
    /// </summary>
    public static ConfigLoadResult Load(string? path, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var problems = new List<ConfigProblem>();
        var source = path ?? (File.Exists(DefaultPath) ? DefaultPath : null);
        var builder = new ConfigurationBuilder();
        if (source is not null)
        {
            if (!File.Exists(source))
            {
                problems.Add(new ConfigProblem("--config", $"file '{source}' does not exist"));
                return new ConfigLoadResult(new RustIdsOptions(), problems, source);
            }
            var syntaxError = CheckJsonSyntax(source);
            if (syntaxError is not null)
            {
                problems.Add(syntaxError);
                return new ConfigLoadResult(new RustIdsOptions(), problems, source);
            }
            builder.AddJsonFile(Path.GetFullPath(source), optional: false, reloadOnChange: false);
        }
        if (environment is null)
            builder.AddEnvironmentVariables("RUSTIDS__");
        else
            builder.AddInMemoryCollection(environment);

        var options = new RustIdsOptions();
        try
        {
            builder.Build().Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(new ConfigProblem(source ?? "environment", ex.Message));
        }
        catch (FormatException ex)
        {
            problems.Add(new ConfigProblem(source ?? "environment", ex.Message));
        }
        problems.AddRange(ConfigValidator.Validate(options));
        return new ConfigLoadResult(options, problems, source);
    }

    /// <summary>Reports a JSON syntax error with its line and column, which the binder would hide.</summary>
    private static ConfigProblem? CheckJsonSyntax(string path)
    {
        var reader = new Utf8JsonReader(File.ReadAllBytes(path), new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        try
        {
            while (reader.Read())
            {
            }
            return null;
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            return new ConfigProblem($"{path}:{line}:{column}", "invalid JSON: " + ex.Message.Split(" LineNumber")[0]);
        }
    }
}
