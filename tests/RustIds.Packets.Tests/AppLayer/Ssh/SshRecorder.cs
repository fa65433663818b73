using System.Text;

namespace RustIds.Packets.AppLayer.Ssh.Tests;

/// <summary>Copies each delivered banner into strings.</summary>
internal sealed class SshRecorder : ISshObserver
{
    public List<(FlowDirection Direction, string Proto, string Software, string? Comments, bool Truncated, string Line)> Banners { get; } = [];

    public void OnBanner(FlowDirection direction, SshBanner banner) =>
        Banners.Add((direction, Encoding.ASCII.GetString(banner.ProtoVersion), Encoding.ASCII.GetString(banner.SoftwareVersion),
            banner.HasComments ? Encoding.ASCII.GetString(banner.Comments) : null, banner.IsTruncated, banner.ToString()));
}
