namespace RustIds.Engine.Tests;

/// <summary>Checks EVE files against Suricata's schema with Debian's python3-jsonschema.</summary>
internal static class EveSchemaCheck
{
    /// <summary>Every line of <paramref name="path"/> validates against Suricata's EVE schema (Debian's python3-jsonschema).</summary>
    public static void AssertValid(string path)
    {
        var script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.validators.validator_for(schema)(schema)
            bad = 0
            for n, line in enumerate(open(sys.argv[2]), 1):
                for error in validator.iter_errors(json.loads(line)):
                    bad += 1
                    print(f"line {n}: {error.message}")
            sys.exit(1 if bad else 0)
            """;
        var (exitCode, stdout, stderr) = Tool.Run("/usr/bin/python3", "-c", script, RepoPaths.EveSchema, path);

        Assert.True(exitCode == 0, stdout + stderr);
    }
}
