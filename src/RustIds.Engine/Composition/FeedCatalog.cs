using System.Globalization;
using Microsoft.Extensions.Configuration;
using Quartz;
using RustIds.Engine.Configuration;
using RustIds.Reputation.Addresses;
using RustIds.Reputation.Feeds;

namespace RustIds.Engine.Composition;

/// <summary>
/// The feeds rustids knows: the catalog file's entries, overlaid by <c>Reputation:Feeds</c> (by name) and the
/// <c>Reputation:Blocklists</c> shorthand, each checked and turned into a <see cref="FeedDefinition"/>.
/// </summary>
/// <remarks>A bad entry is reported with its key and left out; the others still load.</remarks>
public sealed class FeedCatalog
{
    private FeedCatalog(IReadOnlyList<FeedDefinition> feeds, IReadOnlyList<ConfigProblem> problems)
    {
        All = feeds;
        Problems = problems;
    }

    /// <summary>Every valid feed, enabled or not, catalog order first.</summary>
    public IReadOnlyList<FeedDefinition> All { get; }

    /// <summary>The feeds to load and refresh.</summary>
    public IEnumerable<FeedDefinition> Enabled => All.Where(f => f.Enabled);

    /// <summary>What was wrong, keyed like configuration problems (the catalog's entries by file name).</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    /// <summary>The feed named <paramref name="name"/>, or null.</summary>
    public FeedDefinition? Find(string name) => All.FirstOrDefault(f => f.Name == name);

    /// <summary>Reads the catalog file and merges the configuration. Never throws for bad content.</summary>
    /// <param name="options">The reputation section.</param>
    /// <param name="protectedSet">Allowlisted addresses: feed entries overlapping them are refused; null to skip.</param>
    public static FeedCatalog Load(ReputationOptions options, CidrSet? protectedSet)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ConfigProblem>();
        var entries = new List<(FeedSettings Settings, string Key, string BaseDirectory, bool FromCatalog)>();

        if (options.FeedCatalog is { Length: > 0 } catalogPath && File.Exists(catalogPath))
        {
            var catalog = ReadCatalogFile(catalogPath, problems);
            var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(catalogPath))!;
            for (var i = 0; i < catalog.Count; i++)
                entries.Add((catalog[i], $"{catalogPath}: Feeds:{i}", baseDirectory, true));
        }

        var workingDirectory = Directory.GetCurrentDirectory();
        for (var i = 0; i < options.Feeds.Count; i++)
        {
            var settings = options.Feeds[i];
            // Only a catalog entry is overridden by name; a second config entry of the same name is a duplicate.
            var index = entries.FindIndex(e => e.FromCatalog && e.Settings.Name == settings.Name && settings.Name is not null);
            if (index >= 0)
            {
                var (catalogSettings, _, baseDirectory, _) = entries[index];
                // A config entry that gives its own source reads relative paths from the working directory.
                var merged = catalogSettings.With(settings);
                merged.Enabled = settings.Enabled ?? true;
                entries[index] = (merged, $"Reputation:Feeds:{i}", settings.File is null ? baseDirectory : workingDirectory, false);
            }
            else
            {
                entries.Add((settings, $"Reputation:Feeds:{i}", workingDirectory, false));
            }
        }

        for (var i = 0; i < options.Blocklists.Count; i++)
        {
            var path = options.Blocklists[i];
            entries.Add((new FeedSettings { Name = NameFromFile(path), File = path, Format = "plain", Enabled = true, Schedule = "0 */5 * * * ?" },
                $"Reputation:Blocklists:{i}", workingDirectory, false));
        }

        var feeds = new List<FeedDefinition>();
        foreach (var (settings, key, baseDirectory, fromCatalog) in entries)
        {
            var definition = ToDefinition(settings, key, baseDirectory, fromCatalog, options.BlocklistPoints, protectedSet, problems);
            if (definition is null)
                continue;
            if (feeds.Any(f => f.Name == definition.Name))
            {
                problems.Add(new ConfigProblem(key + ":Name", $"'{definition.Name}' is used by an earlier feed"));
                continue;
            }
            feeds.Add(definition);
        }
        return new FeedCatalog(feeds, problems);
    }

    private static List<FeedSettings> ReadCatalogFile(string path, List<ConfigProblem> problems)
    {
        try
        {
            var file = new CatalogFile();
            new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false).Build()
                .Bind(file, binder => binder.ErrorOnUnknownConfiguration = true);
            return file.Feeds;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidDataException or IOException)
        {
            problems.Add(new ConfigProblem(path, (ex.InnerException ?? ex).Message));
            return [];
        }
    }

    private static FeedDefinition? ToDefinition(
        FeedSettings settings, string key, string baseDirectory, bool fromCatalog, int defaultWeight, CidrSet? protectedSet, List<ConfigProblem> problems)
    {
        var before = problems.Count;
        void Problem(string field, string message) => problems.Add(new ConfigProblem($"{key}:{field}", message));

        if (!FeedNames.IsValid(settings.Name))
            Problem("Name", $"'{settings.Name}' is not a feed name (1–{FeedNames.MaxLength} of a–z, 0–9, '-', '_', '.', starting with a letter or digit)");
        FeedLocation? location = null;
        if ((settings.Url is null) == (settings.File is null))
            Problem("Url", "give exactly one of Url and File");
        else if (!FeedLocation.TryParse(settings.Url ?? settings.File, baseDirectory, out location, out var error))
            Problem(settings.Url is null ? "File" : "Url", error);
        else if (settings.Url is not null && !location.IsRemote)
            Problem("Url", $"'{settings.Url}' is not an http(s) URL (use File for local files)");
        var format = FeedFormat.Plain;
        if (settings.Format is null || !FeedFormatNames.TryParse(settings.Format, out format))
            Problem("Format", $"'{settings.Format}' is not one of {string.Join(", ", FeedFormatNames.All)}");
        var schedule = settings.Schedule ?? "0 0 */6 * * ?";
        if (CronProblem(schedule) is { } cronProblem)
            Problem("Schedule", $"'{schedule}' is not a Quartz cron expression ({cronProblem}); the fields are seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 */6 * * ?\"");
        var delimiter = settings.CsvDelimiter ?? ",";
        if (delimiter.Length != 1)
            Problem("CsvDelimiter", $"'{delimiter}' must be exactly one character");
        if (settings.MaxBytes is < 1024)
            Problem("MaxBytes", "must be at least 1024");
        if (settings.Timeout is { } timeout && timeout < TimeSpan.FromSeconds(1))
            Problem("Timeout", "must be at least 00:00:01");
        if (settings.MinimumRetainedShare is < 0 or > 1)
            Problem("MinimumRetainedShare", "must be between 0 and 1");
        var weight = new FeedWeight(settings.Weight ?? defaultWeight, settings.Quality ?? 1.0, settings.FullWeightHits ?? 1);
        foreach (var message in weight.Validate())
            Problem("Weight", message);
        var parse = new FeedParseOptions
        {
            Format = format,
            CsvColumn = settings.CsvColumn ?? 1,
            CsvDelimiter = delimiter.Length == 1 ? delimiter[0] : ',',
            CsvHasHeader = settings.CsvHasHeader ?? false,
            AllowPrivate = settings.AllowPrivate ?? false,
            Protected = protectedSet,
        };
        foreach (var message in parse.Validate())
            Problem("CsvColumn", message);
        if (problems.Count > before)
            return null;
        return new FeedDefinition
        {
            Name = settings.Name!,
            Location = location!,
            Parse = parse,
            Weight = weight,
            Category = settings.Category ?? "",
            Schedule = schedule,
            Enabled = settings.Enabled ?? !fromCatalog,
            PushToFirewall = settings.PushToFirewall ?? false,
            MaxBytes = settings.MaxBytes ?? 64L * 1024 * 1024,
            Timeout = settings.Timeout ?? TimeSpan.FromSeconds(60),
            MinimumRetainedShare = settings.MinimumRetainedShare ?? 0.1,
        };
    }

    private static string? CronProblem(string expression)
    {
        try
        {
            _ = new CronExpression(expression);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    private static string NameFromFile(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path).ToLower(CultureInfo.InvariantCulture);
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray();
        var text = new string(chars).TrimStart('.', '-', '_');
        return text.Length == 0 ? "blocklist" : text[..Math.Min(text.Length, FeedNames.MaxLength)];
    }

    /// <summary>The catalog file's shape: <c>{ "Feeds": [ … ] }</c>.</summary>
    /// <remarks>Internal, not private: the configuration binder's source generator skips private types (SYSLIB1104), and
    /// the AOT binary then bound nothing and failed with "properties were not found ... 'Feeds'".</remarks>
    internal sealed class CatalogFile
    {
        public List<FeedSettings> Feeds { get; set; } = [];
    }
}
