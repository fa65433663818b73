using RustIds.Detection;
using RustIds.Notify;

namespace RustIds.Engine.Pipeline;

/// <summary>What a capture worker hands the response stage: an alert to decide on, or an EVE record to log.</summary>
/// <remarks>
/// One queue for both keeps them in capture order, so a replay writes the same EVE file every time; a struct,
/// so queueing costs no allocation beyond the alert or record itself. An alert converts implicitly.
/// </remarks>
public readonly struct WorkerOutput
{
    private WorkerOutput(Alert? alert, EveEvent? record)
    {
        Alert = alert;
        Record = record;
    }

    /// <summary>The alert, or null when this is a record.</summary>
    public Alert? Alert { get; }

    /// <summary>The flow or transaction record, or null when this is an alert.</summary>
    public EveEvent? Record { get; }

    public static implicit operator WorkerOutput(Alert alert) => new(alert, null);

    public static WorkerOutput FromAlert(Alert alert) => new(alert, null);

    public static WorkerOutput FromRecord(EveEvent record) => new(null, record);
}
