using System.Runtime.InteropServices;
using RustIds.Packets.Interop;

namespace RustIds.Packets;

/// <summary>Captures frames from a network interface through libpcap (<c>pcap_create</c> … <c>pcap_activate</c>).</summary>
/// <remarks>
/// One worker thread calls <see cref="ReadNext"/>; any thread may call <see cref="BreakLoop"/> to make
/// the next read (at the latest after <see cref="LiveCaptureOptions.ReadTimeout"/>) return
/// <see cref="PacketReadResult.EndOfFile"/>. Needs CAP_NET_RAW.
/// The handle is non-blocking and waits with <c>poll(2)</c> for the read timeout: libpcap 1.10 on
/// Linux (TPACKET_V2/V3) does not return from a blocking <c>pcap_next_ex</c> when no packet arrives,
/// whatever <c>pcap_set_timeout</c> says (measured on the veth test), so cancellation needs its own wait.
/// </remarks>
public sealed unsafe class LiveCaptureSource : IPacketSource
{
    private readonly PcapHandle _handle;
    private readonly bool _nanosecond;
    private readonly int _descriptor;
    private readonly int _timeoutMilliseconds;

    private LiveCaptureSource(PcapHandle handle, LiveCaptureOptions options, bool nanosecond, int descriptor)
    {
        _handle = handle;
        _nanosecond = nanosecond;
        _descriptor = descriptor;
        _timeoutMilliseconds = (int)Math.Clamp(options.ReadTimeout.TotalMilliseconds, 1, int.MaxValue);
        Options = options;
        LinkType = (LinkType)LibPcap.DataLink(handle);
    }

    public LiveCaptureOptions Options { get; }

    public LinkType LinkType { get; }

    public string? LastError { get; private set; }

    /// <summary>Opens and activates the capture; throws <see cref="PcapException"/> with libpcap's reason on failure.</summary>
    public static LiveCaptureSource Open(LiveCaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Interface);
        LibPcap.EnsureLoaded();
        var errorBuffer = stackalloc byte[LibPcap.ErrorBufferSize];
        errorBuffer[0] = 0;
        var handle = LibPcap.Create(options.Interface, errorBuffer);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new PcapException(
                $"Cannot capture on '{options.Interface}': {LibPcap.FromNative(errorBuffer)}", options.Interface, LibPcap.Error, isTransient: false);
        }
        try
        {
            // The setters only fail on an already active handle, which this one is not.
            _ = LibPcap.SetSnapLength(handle, options.SnapLength);
            _ = LibPcap.SetPromiscuous(handle, options.Promiscuous ? 1 : 0);
            _ = LibPcap.SetTimeout(handle, (int)Math.Clamp(options.ReadTimeout.TotalMilliseconds, 1, int.MaxValue));
            _ = LibPcap.SetImmediateMode(handle, options.ImmediateMode ? 1 : 0);
            _ = LibPcap.SetBufferSize(handle, options.BufferSizeBytes);
            // Nanoseconds where the kernel offers them; otherwise libpcap keeps microseconds.
            _ = LibPcap.SetTimestampPrecision(handle, LibPcap.TimestampPrecisionNano);
            var status = LibPcap.Activate(handle);
            if (status < 0)
                throw ActivationFailed(handle, options.Interface, status);
            var nanosecond = LibPcap.GetTimestampPrecision(handle) == LibPcap.TimestampPrecisionNano;
            if (options.BpfFilter is { } filter)
                ApplyFilter(handle, options.Interface, filter);
            if (LibPcap.SetNonBlocking(handle, 1, errorBuffer) != 0)
            {
                throw new PcapException(
                    $"Cannot make the capture on '{options.Interface}' non-blocking: {LibPcap.FromNative(errorBuffer)}", options.Interface, LibPcap.Error, isTransient: false);
            }
            var descriptor = LibPcap.GetSelectableDescriptor(handle);
            if (descriptor < 0)
                throw new PcapException($"Capture on '{options.Interface}' has no selectable descriptor.", options.Interface, LibPcap.Error, isTransient: false);
            if (options.FanoutGroup is { } group)
                JoinFanout(descriptor, options.Interface, group);
            return new LiveCaptureSource(handle, options, nanosecond, descriptor);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public PacketReadResult ReadNext(out RawFrame frame)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var status = PcapFrameReader.Next(_handle, _nanosecond, out frame);
        if (status == 0)
        {
            // Nothing buffered: wait up to the read timeout, then try once more (which also sees a breakloop).
            var poll = new PollDescriptor { Descriptor = _descriptor, Events = LibC.PollIn };
            _ = LibC.Poll(&poll, 1, _timeoutMilliseconds);
            status = PcapFrameReader.Next(_handle, _nanosecond, out frame);
        }
        switch (status)
        {
            case 1:
                return PacketReadResult.Packet;
            case 0:
                return PacketReadResult.Timeout;
            case LibPcap.ErrorBreak:
                return PacketReadResult.EndOfFile;
            default:
                LastError = $"{Options.Interface}: {PcapFrameReader.ErrorText(_handle)}";
                return PacketReadResult.Error;
        }
    }

    /// <summary>Makes the capture loop stop: the current or next read returns <see cref="PacketReadResult.EndOfFile"/>.</summary>
    public void BreakLoop()
    {
        if (!_handle.IsClosed)
            LibPcap.BreakLoop(_handle);
    }

    /// <summary>Kernel receive and drop counters since the capture started.</summary>
    public CaptureStatistics GetStatistics()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        PcapStat stats;
        if (LibPcap.Stats(_handle, &stats) != 0)
        {
            throw new PcapException(
                $"Cannot read statistics of '{Options.Interface}': {PcapFrameReader.ErrorText(_handle)}", Options.Interface, LibPcap.Error, isTransient: true);
        }
        return new CaptureStatistics(stats.Received, stats.Dropped, stats.InterfaceDropped);
    }

    public void Dispose() => _handle.Dispose();

    private static PcapException ActivationFailed(PcapHandle handle, string device, int status)
    {
        var detail = PcapFrameReader.ErrorText(handle);
        var summary = PcapFrameReader.StatusText(status);
        var message = detail.Length == 0 || detail == summary
            ? $"Cannot capture on '{device}': {summary}"
            : $"Cannot capture on '{device}': {summary} ({detail})";
        var transient = status is LibPcap.ErrorNoSuchDevice or LibPcap.ErrorInterfaceNotUp;
        return new PcapException(message, device, status, transient);
    }

    /// <summary>Joins libpcap's AF_PACKET socket to a hash fanout group (libpcap 1.10 has no call for it; the socket is ours to configure).</summary>
    private static void JoinFanout(int descriptor, string device, ushort group)
    {
        var value = group | ((LibC.FanoutHash | LibC.FanoutFlagDefrag) << 16);
        if (LibC.SetSocketOption(descriptor, LibC.SolPacket, LibC.PacketFanout, &value, sizeof(int)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new PcapException(
                $"Cannot join fanout group {group} on '{device}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}); every worker of a group must use the same interface and settings.",
                device, LibPcap.Error, isTransient: false);
        }
    }

    private static void ApplyFilter(PcapHandle handle, string device, string filter)
    {
        BpfProgram program;
        if (LibPcap.Compile(handle, &program, filter, optimize: 1, LibPcap.NetmaskUnknown) != 0)
        {
            throw new PcapException(
                $"Invalid BPF filter '{filter}' for '{device}': {PcapFrameReader.ErrorText(handle)}", device, LibPcap.Error, isTransient: false);
        }
        try
        {
            if (LibPcap.SetFilter(handle, &program) != 0)
            {
                throw new PcapException(
                    $"Cannot set BPF filter '{filter}' on '{device}': {PcapFrameReader.ErrorText(handle)}", device, LibPcap.Error, isTransient: false);
            }
        }
        finally
        {
            LibPcap.FreeCode(&program);
        }
    }
}
