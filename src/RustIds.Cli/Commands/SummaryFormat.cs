namespace RustIds.Cli.Commands;

/// <summary>How a run's summary is printed.</summary>
/// <param name="Stats">Add every packet-path counter (decode, defrag, flows, reassembly, app layer, drops).</param>
/// <param name="Json">One JSON document on stdout instead of text, for scripts.</param>
internal readonly record struct SummaryFormat(bool Stats, bool Json);
