using System.Globalization;

namespace RustIds.Rules;

/// <summary>classtype → description and default priority, from <c>classification.config</c>.</summary>
public sealed class ClassificationTable
{
    private readonly Dictionary<string, Classification> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>The common Snort/ET classtypes with their usual priorities.</summary>
    public static ClassificationTable CreateDefault()
    {
        var table = new ClassificationTable();
        table.Parse(DefaultConfig, "<built-in>", []);
        return table;
    }

    /// <summary>Reads a <c>classification.config</c> file, adding to or replacing entries.</summary>
    /// <returns>Problems found; a missing file is a diagnostic, not an exception.</returns>
    public IReadOnlyList<RuleDiagnostic> LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var diagnostics = new List<RuleDiagnostic>();
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new RuleDiagnostic(path, 1, 1, null, DiagnosticSeverity.Error, RuleDiagnosticKind.Io, $"cannot read classification file: {ex.Message}"));
            return diagnostics;
        }
        Parse(text, path, diagnostics);
        return diagnostics;
    }

    /// <summary>Parses <c>config classification: name,description,priority</c> lines.</summary>
    public void Parse(string text, string file, ICollection<RuleDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(diagnostics);
        const string Prefix = "config classification:";
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#')
                continue;
            var column = line.Length - trimmed.Length + 1;
            if (!trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(new RuleDiagnostic(file, lineNumber, column, null, DiagnosticSeverity.Warning, RuleDiagnosticKind.Syntax, "expected 'config classification:'"));
                continue;
            }
            var parts = trimmed[Prefix.Length..].Split(',');
            if (parts.Length != 3 || !int.TryParse(parts[2].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority) || parts[0].Trim().Length == 0)
            {
                diagnostics.Add(new RuleDiagnostic(file, lineNumber, column + Prefix.Length, null, DiagnosticSeverity.Error, RuleDiagnosticKind.Syntax, "expected 'shortname,description,priority'"));
                continue;
            }
            var name = parts[0].Trim();
            _entries[name] = new Classification(name, parts[1].Trim(), priority);
        }
    }

    /// <summary>Adds or replaces one entry.</summary>
    public void Add(Classification classification)
    {
        ArgumentNullException.ThrowIfNull(classification);
        _entries[classification.ShortName] = classification;
    }

    /// <summary>Finds a classtype (case-insensitive).</summary>
    public bool TryGet(string shortName, out Classification? classification) =>
        _entries.TryGetValue(shortName, out classification);

    private const string DefaultConfig = """
        config classification: not-suspicious,Not Suspicious Traffic,3
        config classification: unknown,Unknown Traffic,3
        config classification: bad-unknown,Potentially Bad Traffic,2
        config classification: attempted-recon,Attempted Information Leak,2
        config classification: successful-recon-limited,Information Leak,2
        config classification: successful-recon-largescale,Large Scale Information Leak,2
        config classification: attempted-dos,Attempted Denial of Service,2
        config classification: successful-dos,Denial of Service,2
        config classification: attempted-user,Attempted User Privilege Gain,1
        config classification: unsuccessful-user,Unsuccessful User Privilege Gain,1
        config classification: successful-user,Successful User Privilege Gain,1
        config classification: attempted-admin,Attempted Administrator Privilege Gain,1
        config classification: successful-admin,Successful Administrator Privilege Gain,1
        config classification: rpc-portmap-decode,Decode of an RPC Query,2
        config classification: shellcode-detect,Executable code was detected,1
        config classification: string-detect,A suspicious string was detected,3
        config classification: suspicious-filename-detect,A suspicious filename was detected,2
        config classification: suspicious-login,An attempted login using a suspicious username was detected,2
        config classification: system-call-detect,A system call was detected,2
        config classification: tcp-connection,A TCP connection was detected,4
        config classification: trojan-activity,A Network Trojan was detected,1
        config classification: unusual-client-port-connection,A client was using an unusual port,2
        config classification: network-scan,Detection of a Network Scan,3
        config classification: denial-of-service,Detection of a Denial of Service Attack,2
        config classification: non-standard-protocol,Detection of a non-standard protocol or event,2
        config classification: protocol-command-decode,Generic Protocol Command Decode,3
        config classification: web-application-activity,access to a potentially vulnerable web application,2
        config classification: web-application-attack,Web Application Attack,1
        config classification: misc-activity,Misc activity,3
        config classification: misc-attack,Misc Attack,2
        config classification: icmp-event,Generic ICMP event,3
        config classification: inappropriate-content,Inappropriate Content was Detected,1
        config classification: policy-violation,Potential Corporate Privacy Violation,1
        config classification: default-login-attempt,Attempt to login by a default username and password,2
        config classification: targeted-activity,Targeted Malicious Activity was Detected,1
        config classification: exploit-kit,Exploit Kit Activity Detected,1
        config classification: external-ip-check,Device Retrieving External IP Address Detected,2
        config classification: domain-c2,Domain Observed Used for C2 Detected,1
        config classification: pup-activity,Possibly Unwanted Program Detected,2
        config classification: credential-theft,Successful Credential Theft Detected,1
        config classification: social-engineering,Possible Social Engineering Attempted,2
        config classification: coin-mining,Crypto Currency Mining Activity Detected,2
        config classification: command-and-control,Malware Command and Control Activity Detected,1
        """;
}
