using RustIds.Packets.AppLayer.Common.Tests;
using RustIds.Testing;

namespace RustIds.Packets.AppLayer.Ssh.Tests;

/// <summary>Compares the identification lines with Wireshark's SSH dissector (<c>ssh.protocol</c>).</summary>
public sealed class SshTsharkOracleTests
{
    private static readonly (string Client, string Server)[] Flows =
    [
        ("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1", "SSH-2.0-OpenSSH_9.6"),
        ("SSH-2.0-PuTTY_Release_0.78", "SSH-1.99-Cisco-1.25"),
        ("SSH-2.0-paramiko_3.4.0", "SSH-2.0-dropbear_2022.83"),
        ("SSH-2.0-Go", "SSH-2.0-libssh_0.10.6 extra comment"),
    ];

    [SkippableFact]
    public void Parse_Banners_MatchTsharkProtocolField()
    {
        Skip.IfNot(ExternalTool.Exists(ExternalTool.Tshark), "tshark is not installed");
        using var directory = new TempDirectory();
        var pcap = directory.File("ssh.pcap");
        var ours = new List<string>();
        using (var capture = new CaptureWriter(pcap))
        {
            for (var i = 0; i < Flows.Length; i++)
            {
                var client = System.Text.Encoding.ASCII.GetBytes(Flows[i].Client + "\r\n");
                var server = System.Text.Encoding.ASCII.GetBytes(Flows[i].Server + "\r\n");
                capture.TcpFlow((ushort)(50000 + i), 22, [(false, server), (true, client)]);
                var recorder = new SshRecorder();
                var parser = new SshParser(SshParserOptions.Default, new SshCounters());
                parser.Parse(FlowDirection.ToClient, server, recorder);
                parser.Parse(FlowDirection.ToServer, client, recorder);
                ours.AddRange(recorder.Banners.Select(b => b.Line));
            }
        }

        var theirs = ExternalTool.TsharkFields(pcap, "ssh.protocol", "ssh.protocol");

        Assert.Equal(2 * Flows.Length, theirs.Length);
        Assert.Equal(theirs, ours);
    }
}
