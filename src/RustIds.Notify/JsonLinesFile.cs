using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RustIds.Notify;

/// <summary>
/// An append-only file of JSON objects, one per line, shared by <see cref="EveWriter"/> and
/// <see cref="DecisionLogWriter"/>: one reused buffer and <see cref="Utf8JsonWriter"/>, a lock,
/// flush per record and <see cref="Reopen"/> for log rotation.
/// </summary>
/// <remarks>
/// Every record is flushed to the kernel as soon as it is written. Alerts and decisions are off the
/// packet path (they arrive through a bounded channel) and are rare next to packets, so one
/// <c>write(2)</c> per record is cheap, while tail-based shippers (Filebeat, Vector, <c>tail -f</c>)
/// see whole lines at once and a crash loses at most the record being written. Thread-safe.
/// </remarks>
internal sealed class JsonLinesFile : IDisposable
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
    private FileStream _stream;
    private bool _disposed;

    public JsonLinesFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _stream = Open(Path);
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

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
        }
    }

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
