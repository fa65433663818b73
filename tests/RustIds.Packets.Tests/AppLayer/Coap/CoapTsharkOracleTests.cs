using System.Text;
using RustIds.Packets.AppLayer.Common.Tests;
using RustIds.Testing;

namespace RustIds.Packets.AppLayer.Coap.Tests;

/// <summary>Compares header fields, Uri-Host, Uri-Port, Uri-Path, Uri-Query and payload length with Wireshark's CoAP dissector.</summary>
public sealed class CoapTsharkOracleTests
{
    private const int Messages = 60;

    [SkippableFact]
    public void Parse_RandomMessages_FieldsMatchTshark()
    {
        Skip.IfNot(ExternalTool.Exists(ExternalTool.Tshark), "tshark is not installed");
        var random = new Random(5683);
        using var directory = new TempDirectory();
        var pcap = directory.File("coap.pcap");
        var oursPath = new List<string>();
        var oursQuery = new List<string>();
        var message = new CoapMessage(CoapParserOptions.Default);
        var counters = new CoapCounters();
        using (var capture = new CaptureWriter(pcap))
        {
            for (var i = 0; i < Messages; i++)
            {
                var datagram = RandomMessage(random);
                capture.Udp((ushort)(45000 + i), 5683, datagram);
                Assert.Equal(CoapParseStatus.Ok, CoapMessageParser.Parse(datagram, message, counters));
                var port = message.HasUriPort ? message.UriPort.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
                var payload = message.PayloadLength > 0 ? message.PayloadLength.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
                oursPath.Add($"{(int)message.Type}|{message.Code}|{message.MessageId}|{Convert.ToHexStringLower(message.Token)}|" +
                    $"{Encoding.ASCII.GetString(message.UriHost)}|{port}|{Encoding.ASCII.GetString(message.UriPath)}|{payload}");
                oursQuery.Add(Encoding.ASCII.GetString(message.UriQuery));
            }
        }

        // tshark reads "/" in an aggregator as an escape ("/s" is a space), so segments are joined with ";" and mapped.
        var theirsPath = ExternalTool.TsharkFields(pcap, "coap", ';', "coap.type", "coap.code", "coap.mid", "coap.token",
            "coap.opt.uri_host", "coap.opt.uri_port", "coap.opt.uri_path", "coap.payload_length").Select(l => l.Replace(';', '/')).ToArray();
        var theirsQuery = ExternalTool.Run(ExternalTool.Tshark, "-r", pcap, "-n", "-Y", "coap", "-T", "fields", "-E", "occurrence=a",
            "-E", "aggregator=&", "-e", "coap.opt.uri_query").Split('\n')[..Messages];

        Assert.Equal(Messages, theirsPath.Length);
        for (var i = 0; i < Messages; i++)
        {
            Assert.Equal(theirsPath[i], oursPath[i]);
            Assert.Equal(theirsQuery[i], oursQuery[i]);
        }
    }

    private static byte[] RandomMessage(Random random)
    {
        var tokenLength = random.Next(9);
        var isRequest = random.Next(2) == 0;
        var code = isRequest ? (byte)random.Next(1, 5) : (byte)((random.Next(3) switch { 0 => 2, 1 => 4, _ => 5 } << 5) | random.Next(1, 6));
        var bytes = new List<byte> { (byte)(0x40 | (random.Next(4) << 4) | tokenLength), code, (byte)random.Next(256), (byte)random.Next(256) };
        for (var i = 0; i < tokenLength; i++)
            bytes.Add((byte)random.Next(256));
        var options = new List<(int Number, byte[] Value)>();
        if (random.Next(2) == 0)
            options.Add((3, Word(random, 1, 20)));
        if (random.Next(2) == 0)
            options.Add((7, [(byte)random.Next(1, 256), (byte)random.Next(256)]));
        for (var i = random.Next(4); i > 0; i--)
            options.Add((11, Word(random, 1, random.Next(2) == 0 ? 10 : 40)));
        for (var i = random.Next(3); i > 0; i--)
            options.Add((15, [.. Word(random, 1, 6), (byte)'=', .. Word(random, 1, 6)]));
        var previous = 0;
        foreach (var (number, value) in options)
        {
            AppendOption(bytes, number - previous, value);
            previous = number;
        }
        if (random.Next(2) == 0)
        {
            bytes.Add(0xFF);
            bytes.AddRange(Word(random, 1, 30));
        }
        return [.. bytes];
    }

    /// <summary>Option header with delta and length extensions (RFC 7252 §3.1).</summary>
    private static void AppendOption(List<byte> bytes, int delta, byte[] value)
    {
        static (int Nibble, byte[] Extension) Split(int v) =>
            v < 13 ? (v, []) : v < 269 ? (13, [(byte)(v - 13)]) : (14, [(byte)((v - 269) >> 8), (byte)(v - 269)]);
        var (deltaNibble, deltaExtension) = Split(delta);
        var (lengthNibble, lengthExtension) = Split(value.Length);
        bytes.Add((byte)((deltaNibble << 4) | lengthNibble));
        bytes.AddRange(deltaExtension);
        bytes.AddRange(lengthExtension);
        bytes.AddRange(value);
    }

    private static byte[] Word(Random random, int min, int max)
    {
        var word = new byte[random.Next(min, max + 1)];
        for (var i = 0; i < word.Length; i++)
            word[i] = (byte)random.Next('a', 'z' + 1);
        return word;
    }
}
