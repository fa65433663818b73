using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RustIds.Notify;

/// <summary>
/// An append-only file of JSON objects, one per line, shared by <see cref="EveWriter"/> and
/// <see cref="DecisionLogWriter"/>: one reused buffer and <see cref="Utf8JsonWriter"/>, a lock,
/// flush per record, <see cref="Reopen"/> for logrotate, and optional rotation by size or age of its own
/// (<see cref="LogRotation"/>).
/// </summary>
/// <remarks>
/// Every record is flushed to the kernel as soon as it is written. Alerts and decisions are off the
/// packet path (they arrive through a bounded channel) and are rare next to packets, so one
/// <c>write(2)</c> per record is cheap, while tail-based shippers (Filebeat, Vector, <c>tail -f</c>)
/// see whole lines at once and a crash loses at most the record being written. Thread-safe.
/// </remarks>
public sealed class JsonLinesFile : IDisposable
{
    // Relaxed escaping keeps signatures readable ("quotes" become \" not \u0022); the file is
    // never embedded in HTML, so the HTML-sensitive characters need no escaping.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    private readonly Lock _lock = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly LogRotation _rotation;
    private readonly TimeProvider _time;
    private FileStream _stream;
    private DateTimeOffset _openedAt;
    private bool _disposed;

    public JsonLinesFile(string path, LogRotation? rotation = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _rotation = rotation ?? LogRotation.None;
        _time = time ?? TimeProvider.System;
        _stream = Open(Path);
        _openedAt = _time.GetUtcNow();
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    /// <summary>Files rotated away since start.</summary>
    public int Rotations { get; private set; }

    /// <summary>Absolute path of the file.</summary>
    public string Path { get; }

    /// <summary>Writes one JSON value produced by <paramref name="write"/> as one line.</summary>
    public void WriteLine<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _buffer.ResetWrittenCount();
            _json.Reset(_buffer);
            write(_json, state);
            _json.Flush();
            _buffer.GetSpan(1)[0] = (byte)'\n';
            _buffer.Advance(1);
            if (_rotation.IsEnabled && IsDue(_buffer.WrittenCount))
                Rotate();
            _stream.Write(_buffer.WrittenSpan);
            _stream.Flush();
        }
    }

    /// <summary>Closes the file and opens <see cref="Path"/> again, creating it if it was moved away.</summary>
    public void Reopen()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var next = Open(Path);
            _stream.Dispose();
            _stream = next;
            _openedAt = _time.GetUtcNow();
        }
    }

    // A record larger than the limit still goes into a fresh file whole: records are never split.
    private bool IsDue(int recordBytes) =>
        (_rotation.MaxBytes is { } max && _stream.Length > 0 && _stream.Length + recordBytes > max)
        || (_rotation.Interval is { } interval && _time.GetUtcNow() - _openedAt >= interval && _stream.Length > 0);

    /// <summary>Renames the file to NAME.yyyyMMdd-HHmmss (with -N on a clash), opens a new one, and deletes the oldest beyond the limit.</summary>
    private void Rotate()
    {
        var stamp = _time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var target = Path + "." + stamp;
        for (var n = 1; File.Exists(target); n++)
            target = $"{Path}.{stamp}-{n}";
        _stream.Dispose();
        File.Move(Path, target);
        _stream = Open(Path);
        _openedAt = _time.GetUtcNow();
        Rotations++;
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        var rotated = Directory.GetFiles(directory, System.IO.Path.GetFileName(Path) + ".*")
            .Where(f => f.Length > Path.Length + 1 && IsRotatedName(f.AsSpan(Path.Length + 1)))
            .ToArray();
        // The names sort by time: the stamp is fixed-width and the clash suffix comes after it.
        Array.Sort(rotated, StringComparer.Ordinal);
        for (var i = 0; i < rotated.Length - _rotation.KeepFiles; i++)
            File.Delete(rotated[i]);
    }

    // Only our own NAME.yyyyMMdd-HHmmss[-N] files are pruned, never an operator's NAME.bak or logrotate's NAME.1.gz.
    private static bool IsRotatedName(ReadOnlySpan<char> suffix) =>
        suffix.Length >= 15 && suffix[8] == '-' && !suffix[..8].ContainsAnyExceptInRange('0', '9')
        && !suffix[9..15].ContainsAnyExceptInRange('0', '9')
        && (suffix.Length == 15 || (suffix[15] == '-' && suffix.Length > 16 && !suffix[16..].ContainsAnyExceptInRange('0', '9')));

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            _json.Dispose();
            _stream.Dispose();
        }
    }

    private static FileStream Open(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        // FileShare.Delete lets logrotate rename or remove the file while it is open.
        var options = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read | FileShare.Delete,
            BufferSize = 0,
        };
        // Payloads and addresses are sensitive: owner read/write, group read (0640).
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        return new FileStream(path, options);
    }
}
