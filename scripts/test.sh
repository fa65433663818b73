#!/usr/bin/env bash
# Builds rustids, publishes the CLI for the end-to-end tests, runs every test project and prints
# one closing line: "tests: N passed, N failed, N skipped". Run as root: firewall and capture tests
# create network namespaces.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

echo "==> build"
dotnet build RustIdsPort.sln --nologo -v quiet -c Release
echo "==> publish the CLI used by the end-to-end tests (Native AOT, as install.sh does)"
rm -rf artifacts/cli
dotnet publish src/RustIds.Cli/RustIds.Cli.csproj --nologo -v quiet -c Release -r linux-x64 -o artifacts/cli
export RUSTIDS_BIN="$PWD/artifacts/cli/rustids"

echo "==> test"
rc=0
dotnet test RustIdsPort.sln --nologo -c Release --no-build \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || rc=$?

# Sum the counters of every TRX file into the one closing line CI reads.
python3 - "$results" <<'PY' || rc=1
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
files = glob.glob(sys.argv[1] + "/*.trx")
for path in files:
    root = ET.parse(path).getroot()
    # Failures are repeated here, next to the closing line, because CI keeps only the end of the log.
    for r in root.iterfind("t:Results/t:UnitTestResult", ns):
        if r.get("outcome") in ("Failed", "Error", "Timeout"):
            message = r.findtext("t:Output/t:ErrorInfo/t:Message", "", ns).strip()
            print(f"FAILED {r.get('testName')}\n  " + "\n  ".join(message.splitlines()[:12]))
    c = root.find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout"))
    # A skipped xunit test is in "total" but not "executed" (the TRX logger leaves "notExecuted" at 0).
    skipped += int(c.get("total")) - int(c.get("executed"))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or not files or passed == 0 else 0)
PY
exit $rc
