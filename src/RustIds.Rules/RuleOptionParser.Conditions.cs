using RustIds.Rules.Conditions;

namespace RustIds.Rules;

/// <summary>Header keywords: dsize, flags, ttl, tos, id, ip_proto, fragbits, fragoffset, sameip, stream_size, ICMP and TCP fields.</summary>
internal sealed partial class RuleOptionParser
{
    private readonly List<PacketCondition> _conditions = [];

    private bool TryApplyCondition(RuleOption option)
    {
        var keyword = option.Keyword;
        (PacketField Field, long Max)? numeric = keyword switch
        {
            "dsize" => (PacketField.PayloadSize, 65535),
            "ttl" => (PacketField.Ttl, 255),
            "tos" => (PacketField.Tos, 255),
            "id" => (PacketField.IpId, 65535),
            "itype" => (PacketField.IcmpType, 255),
            "icode" => (PacketField.IcmpCode, 255),
            "icmp_id" => (PacketField.IcmpId, 65535),
            "icmp_seq" => (PacketField.IcmpSequence, 65535),
            "seq" => (PacketField.TcpSequence, uint.MaxValue),
            "ack" => (PacketField.TcpAcknowledgement, uint.MaxValue),
            "window" => (PacketField.TcpWindow, 65535),
            "fragoffset" => (PacketField.FragmentOffset, 65535),
            _ => null,
        };
        if (numeric is { } field)
        {
            if (RequireValue(option) is { } value && ParseRange(option, value, field.Max) is { } range)
                _conditions.Add(new FieldCondition(keyword, field.Field, range));
            return true;
        }
        switch (keyword)
        {
            case "ip_proto":
                ApplyIpProtocol(option);
                return true;
            case "flags":
                if (RequireValue(option) is { } flags)
                    AddBits(option, BitsCondition.TryParseFlags(flags, out var condition, out var error, out var errorAt), condition, error, errorAt);
                return true;
            case "fragbits":
                if (RequireValue(option) is { } bits)
                    AddBits(option, BitsCondition.TryParseFragBits(bits, out var condition, out var error, out var errorAt), condition, error, errorAt);
                return true;
            case "sameip":
                _conditions.Add(new SameIpCondition());
                return true;
            case "stream_size":
                ApplyStreamSize(option);
                return true;
            default:
                return false;
        }
    }

    /// <summary><c>stream_size:server,&lt;,5;</c>: side, comparison, number.</summary>
    private void ApplyStreamSize(RuleOption option)
    {
        if (RequireValue(option) is not { } value)
            return;
        var parts = value.Split(',');
        if (parts.Length != 3)
        {
            _session.Error(option.ValueAt, RuleDiagnosticKind.Syntax, "stream_size: expected 'server|client|both|either,OPERATOR,NUMBER'");
            return;
        }
        var sideText = parts[0].Trim();
        StreamSizeSide? side = sideText switch
        {
            "server" => StreamSizeSide.Server,
            "client" => StreamSizeSide.Client,
            "both" => StreamSizeSide.Both,
            "either" => StreamSizeSide.Either,
            _ => null,
        };
        if (side is null)
        {
            _session.Error(option.ValueAt, RuleDiagnosticKind.Syntax, $"stream_size: unknown side '{sideText}' (expected server, client, both or either)");
            return;
        }
        var operatorText = parts[1].Trim();
        var operatorAt = option.ValueAt + parts[0].Length + 1;
        if (operatorText is not (">" or "<" or "=" or "!=" or ">=" or "<="))
        {
            _session.Error(operatorAt, RuleDiagnosticKind.Syntax, $"stream_size: unknown comparison '{operatorText}' (expected >, <, =, !=, >= or <=)");
            return;
        }
        if (!NumericRange.TryParse(operatorText + parts[2].Trim(), uint.MaxValue, out var range, out var error, out _))
        {
            _session.Error(operatorAt + parts[1].Length + 1, RuleDiagnosticKind.Syntax, $"stream_size: {error}");
            return;
        }
        _conditions.Add(new StreamSizeCondition(side.Value, range));
    }

    private void ApplyIpProtocol(RuleOption option)
    {
        if (RequireValue(option) is not { } value)
            return;
        var trimmed = value.Trim();
        var prefix = trimmed.Length > 0 && trimmed[0] is '!' or '<' or '>' ? trimmed[..1] : string.Empty;
        var name = trimmed[prefix.Length..].Trim().ToLowerInvariant();
        var number = name switch
        {
            "icmp" => "1",
            "igmp" => "2",
            "tcp" => "6",
            "udp" => "17",
            "ipv6" => "41",
            "gre" => "47",
            "esp" => "50",
            "ah" => "51",
            "ipv6-icmp" or "icmpv6" => "58",
            "sctp" => "132",
            _ => name,
        };
        if (ParseRange(option, prefix + number, 255) is { } range)
            _conditions.Add(new FieldCondition("ip_proto", PacketField.IpProtocol, range));
    }

    private void AddBits(RuleOption option, bool parsed, BitsCondition? condition, string? error, int errorAt)
    {
        if (parsed && condition is not null)
            _conditions.Add(condition);
        else
            _session.Error(option.ValueAt + errorAt, RuleDiagnosticKind.Syntax, $"{option.Keyword}: {error}");
    }
}
