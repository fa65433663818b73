using System.Text.Json;

namespace RustIds.Notify.Tests;

/// <summary>One request the <see cref="ChatCompletionsServer"/> received.</summary>
internal sealed record ChatRequest(string Method, string Path, string? Authorization, string? ContentType, byte[] Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
