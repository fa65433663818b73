using RustIds.Rules.Management;

namespace RustIds.Rules.Tests.Management;

/// <summary>Real ET Open rules (shortened where noted) used across the tests.</summary>
internal static class SampleRules
{
    // emerging-exploit.rules, sid 2018372 rev 3 (options shortened); deployment Perimeter metadata added by ET.
    public const string Heartbleed =
        "alert tcp $HOME_NET any -> $EXTERNAL_NET any (msg:\"ET EXPLOIT Possible OpenSSL HeartBleed Large HeartBeat "
        + "Response (Client Init Vuln Server)\"; flow:established,to_client; content:\"|18 03|\"; depth:2; "
        + "classtype:bad-unknown; sid:2018372; rev:3; metadata:created_at 2014_04_08, deployment Perimeter, "
        + "updated_at 2019_07_26;)";

    // emerging-icmp.rules, shipped commented out.
    public const string IcmpMaskReply =
        "alert icmp $EXTERNAL_NET any -> $HOME_NET any (msg:\"GPL ICMP Address Mask Reply undefined code\"; "
        + "icode:>0; itype:18; classtype:misc-activity; sid:2100387; rev:8; "
        + "metadata:created_at 2010_09_23, updated_at 2019_07_26;)";

    // A flowbit setter in the style of ET's "set" rules: never alerts, so drop.conf must leave it alone.
    public const string FlowbitSetter =
        "alert http $HOME_NET any -> $EXTERNAL_NET any (msg:\"ET INFO Set flowbit\"; flow:established,to_server; "
        + "http.method; content:\"POST\"; flowbits:set,ET.test; flowbits:noalert; classtype:misc-activity; "
        + "sid:2030001; rev:1;)";

    // A rule with an explicit generator id.
    public const string Gid3Rule =
        "alert tcp any any -> any 445 (msg:\"Shared object stub\"; gid:3; sid:13010; rev:2;)";

    public const string ExploitFile = "/var/lib/suricata/rules/emerging-exploit.rules";

    public const string IcmpFile = "/var/lib/suricata/rules/emerging-icmp.rules";

    public static RuleLine Active(string text, string file = ExploitFile) => new(file, 10, text, true);

    public static RuleLine Commented(string text, string file = IcmpFile) => new(file, 20, text, false);

    public static RuleManagementPolicy Policy(
        string? enable = null, string? disable = null, string? modify = null, string? drop = null)
    {
        var errors = new List<RuleManagementError>();
        RuleManagementPolicy policy = RuleManagementPolicy.Parse(enable, disable, modify, drop, errors);
        Assert.Empty(errors);
        return policy;
    }
}
