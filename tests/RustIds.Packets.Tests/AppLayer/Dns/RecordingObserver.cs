using System.Text;
using RustIds.Packets.AppLayer.Dns;

namespace RustIds.Packets.Tests.AppLayer.Dns;

/// <summary>Copies what tests need out of each delivered message (the message itself is reused).</summary>
internal sealed class RecordingObserver : IDnsObserver
{
    public List<(FlowDirection Direction, ushort Id, DnsParseStatus Status, string Summary)> Messages { get; } = [];

    public void OnDnsMessage(FlowDirection direction, DnsMessage message)
    {
        var summary = new StringBuilder();
        for (var i = 0; i < message.QuestionCount; i++)
            summary.Append(Encoding.Latin1.GetString(message.GetQuestion(i).Name)).Append(';');
        for (var i = 0; i < message.AnswerCount; i++)
        {
            var answer = message.GetAnswer(i);
            summary.Append(answer.Type).Append('=');
            summary.Append(answer.Type is DnsRecordType.A or DnsRecordType.AAAA ? answer.Address.ToString() : Encoding.Latin1.GetString(answer.Target));
            summary.Append(';');
        }
        Messages.Add((direction, message.Id, message.Status, summary.ToString()));
    }
}
