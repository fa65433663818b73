namespace RustIds.Notify.Tests;

/// <summary>Validates JSON lines against Suricata's EVE schema with python3-jsonschema (the outside oracle).</summary>
internal static class EveSchema
{
    public static readonly string SchemaPath = RustIds.Testing.RepoPaths.EveSchema;

    // Prints "<line> ok" or "<line> <error>" for each line; exit 1 when any line is invalid.
    private const string Script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validator = cls(schema)
        bad = 0
        for number, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
            errors = sorted(validator.iter_errors(json.loads(line)), key=str)
            if errors:
                bad += 1
                print(number, "; ".join(e.message for e in errors))
            else:
                print(number, "ok")
        sys.exit(1 if bad else 0)
        """;

    public static string? MissingReason() =>
        !File.Exists(SchemaPath) ? $"{SchemaPath} not found" : DebianPython.MissingReason("jsonschema");

    public static (int ExitCode, string Output) Validate(string jsonLinesPath)
    {
        var (exit, stdout, stderr) = DebianPython.Run(["-c", Script, SchemaPath, jsonLinesPath], TimeSpan.FromSeconds(60));
        return (exit, stdout + stderr);
    }
}
