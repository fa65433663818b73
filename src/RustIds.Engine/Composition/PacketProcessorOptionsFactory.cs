using RustIds.Engine.Configuration;
using RustIds.Packets;
using RustIds.Packets.Defragmentation;
using RustIds.Packets.Processing;
using RustIds.Packets.Streams;

namespace RustIds.Engine.Composition;

/// <summary>Maps the <c>Packets</c> config section onto one worker's <see cref="PacketProcessorOptions"/>.</summary>
public static class PacketProcessorOptionsFactory
{
    public static PacketProcessorOptions Create(PacketsOptions options, int workerIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PacketProcessorOptions
        {
            ValidateChecksums = options.ValidateChecksums,
            Defragment = options.Defragment,
            AppLayer = options.AppLayer,
            Flows = new FlowTrackerOptions { MaxFlows = options.MaxFlows, AllowMidstream = options.Midstream, WorkerIndex = workerIndex },
            Defrag = new DefragOptions { MemcapBytes = (long)options.DefragMemcapMiB * 1024 * 1024 },
            Reassembly = new ReassemblyOptions
            {
                DepthBytes = (long)options.StreamDepthKiB * 1024,
                MemcapBytes = (long)options.StreamMemcapMiB * 1024 * 1024,
                AllowMidstream = options.Midstream,
                RetransmissionCheckBytes = options.CheckRetransmittedData ? ReassemblyOptions.DefaultRetransmissionCheckBytes : 0,
            },
        };
    }
}
