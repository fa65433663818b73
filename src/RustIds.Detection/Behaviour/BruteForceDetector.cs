using System.Text;
using RustIds.Packets.AppLayer.Http;

namespace RustIds.Detection.Behaviour;

/// <summary>
/// Login brute force: many connection attempts to login services (SSH, RDP, mail, databases…) or many
/// completed but short sessions there (failed logins look like this), and many HTTP POSTs to login pages.
/// </summary>
public sealed class BruteForceDetector
{
    private const int LongestPathChecked = 512;

    private readonly BruteForceOptions _options;
    private readonly DetectionEmitter _emitter;
    private readonly long _cooldown;
    private readonly ulong[] _loginPorts = new ulong[65536 / 64];
    private readonly byte[][] _loginPaths;

    public BruteForceDetector(BruteForceOptions options, TimeSpan cooldown, DetectionEmitter emitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _emitter = emitter;
        _cooldown = cooldown.Ticks;
        foreach (var port in options.EffectivePorts)
        {
            if (port is > 0 and <= 65535)
                _loginPorts[port >> 6] |= 1UL << (port & 63);
        }
        _loginPaths = [.. options.EffectiveLoginPaths.Where(p => p.Length > 0).Select(p => Encoding.ASCII.GetBytes(p.ToLowerInvariant()))];
    }

    public bool IsLoginPort(ushort port) => (_loginPorts[port >> 6] & (1UL << (port & 63))) != 0;

    /// <summary>A connection attempt to a login port.</summary>
    internal void OnAttempt(ref LoginState login, in DetectionSite site)
    {
        var now = site.TimestampTicks;
        var attempts = login.Attempts.Add(now, _options.Window.Ticks);
        if (attempts >= _options.Attempts && TimeWindow.TryArm(ref login.QuietUntil, now, _cooldown))
        {
            _emitter.Raise(new DetectionEvidence(DetectorSignature.LoginBruteForce, "connection attempts to login services", attempts,
                _options.Attempts, _options.Window, Service(in site)), in site);
        }
    }

    /// <summary>A completed login-port session ended; short ones count as failed logins.</summary>
    internal void OnSessionEnded(ref LoginState login, in DetectionSite site, long durationTicks)
    {
        if (durationTicks >= _options.ShortSession.Ticks)
            return;
        var now = site.TimestampTicks;
        var sessions = login.ShortSessions.Add(now, _options.ShortSessionWindow.Ticks);
        if (sessions >= _options.ShortSessions && TimeWindow.TryArm(ref login.QuietUntil, now, _cooldown))
        {
            _emitter.Raise(new DetectionEvidence(DetectorSignature.LoginBruteForce, "login sessions shorter than " + (int)_options.ShortSession.TotalSeconds + " s",
                sessions, _options.ShortSessions, _options.ShortSessionWindow, Service(in site)), in site);
        }
    }

    /// <summary>True for a POST whose path names a login page.</summary>
    public bool IsLoginPost(HttpTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (!transaction.Method.SequenceEqual("POST"u8))
            return false;
        var uri = transaction.NormalizedUri;
        var query = uri.IndexOf((byte)'?');
        var path = query < 0 ? uri : uri[..query];
        if (path.Length > LongestPathChecked)
            path = path[..LongestPathChecked];
        Span<byte> lower = stackalloc byte[path.Length];
        for (var i = 0; i < path.Length; i++)
            lower[i] = path[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(path[i] | 0x20) : path[i];
        foreach (var fragment in _loginPaths)
        {
            if (lower.IndexOf(fragment) >= 0)
                return true;
        }
        return false;
    }

    /// <summary>A POST to a login page.</summary>
    internal void OnLoginPost(ref LoginState login, in DetectionSite site)
    {
        var now = site.TimestampTicks;
        var posts = login.HttpPosts.Add(now, _options.Window.Ticks);
        if (posts >= _options.HttpLogins && TimeWindow.TryArm(ref login.HttpQuietUntil, now, _cooldown))
        {
            _emitter.Raise(new DetectionEvidence(DetectorSignature.HttpLoginBruteForce, "POSTs to login pages", posts,
                _options.HttpLogins, _options.Window, Service(in site)), in site);
        }
    }

    private static string Service(in DetectionSite site) => new ServiceKey(site.Destination, site.DestinationPort, site.Protocol).ToString();
}
