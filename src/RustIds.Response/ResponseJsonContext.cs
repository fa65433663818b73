using System.Text.Json.Serialization;
using RustIds.Reputation;

namespace RustIds.Response;

/// <summary>Source-generated JSON for the reasons column (no reflection, trimming-safe).</summary>
[JsonSerializable(typeof(IReadOnlyList<VerdictReason>))]
[JsonSerializable(typeof(List<VerdictReason>))]
internal sealed partial class ResponseJsonContext : JsonSerializerContext;
