using System.Diagnostics.CodeAnalysis;

namespace RustIds.Rules;

/// <summary>Address and port variables (<c>$HOME_NET</c>, <c>$HTTP_PORTS</c>) used in rule headers.</summary>
/// <remarks>
/// Values are kept as text and parsed where they are used, so a variable can refer to other
/// variables (<c>EXTERNAL_NET = !$HOME_NET</c>) and an override changes every dependant.
/// Not thread-safe for writes; build it before loading rules.
/// </remarks>
public sealed class RuleVariables
{
    private const string HomeNet = "$HOME_NET";

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>All variables, names without the <c>$</c>.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>Suricata's default <c>vars</c> section.</summary>
    public static RuleVariables CreateDefault()
    {
        var variables = new RuleVariables();
        variables.Set("HOME_NET", "[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]");
        variables.Set("EXTERNAL_NET", "!$HOME_NET");
        foreach (var name in (string[])["HTTP_SERVERS", "SMTP_SERVERS", "SQL_SERVERS", "DNS_SERVERS", "TELNET_SERVERS",
                     "AIM_SERVERS", "DC_SERVERS", "DNP3_SERVER", "DNP3_CLIENT", "MODBUS_CLIENT", "MODBUS_SERVER",
                     "ENIP_CLIENT", "ENIP_SERVER", "SIP_SERVERS"])
        {
            variables.Set(name, HomeNet);
        }
        variables.Set("HTTP_PORTS", "80");
        variables.Set("SHELLCODE_PORTS", "!80");
        variables.Set("ORACLE_PORTS", "1521");
        variables.Set("SSH_PORTS", "22");
        variables.Set("DNP3_PORTS", "20000");
        variables.Set("MODBUS_PORTS", "502");
        variables.Set("FILE_DATA_PORTS", "[$HTTP_PORTS,110,143]");
        variables.Set("FTP_PORTS", "21");
        variables.Set("SIP_PORTS", "[5060,5061,5600]");
        variables.Set("GENEVE_PORTS", "6081");
        variables.Set("VXLAN_PORTS", "4789");
        variables.Set("TEREDO_PORTS", "3544");
        return variables;
    }

    /// <summary>Adds or replaces a variable; a leading <c>$</c> on the name is ignored.</summary>
    public void Set(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        _values[name.TrimStart('$')] = value.Trim();
    }

    /// <summary>Looks a variable up; a leading <c>$</c> on the name is ignored.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _values.TryGetValue(name.TrimStart('$'), out value);
    }
}
