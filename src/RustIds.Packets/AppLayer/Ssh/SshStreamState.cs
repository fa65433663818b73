namespace RustIds.Packets.AppLayer.Ssh;

/// <summary>Where one direction of an SSH flow stands while its identification line is read.</summary>
internal sealed class SshStreamState
{
    public SshStreamState(int maxLineBytes) => Banner = new SshBanner(maxLineBytes);

    /// <summary>Holds the current line's first bytes and, once complete, the parsed banner.</summary>
    public SshBanner Banner { get; }

    /// <summary>Bytes of the current line seen so far, including those beyond the buffer.</summary>
    public long LineBytes { get; set; }

    /// <summary>Non-banner lines completed so far.</summary>
    public int PreBannerLines { get; set; }

    /// <summary>Bytes of completed non-banner lines, line feeds included.</summary>
    public long PreBannerBytes { get; set; }

    /// <summary>True once the banner was delivered or the direction gave up; later bytes are ignored.</summary>
    public bool Finished { get; private set; }

    /// <summary>True when the banner was delivered.</summary>
    public bool HasBanner { get; private set; }

    public void Complete()
    {
        Finished = true;
        HasBanner = true;
    }

    public void Stop() => Finished = true;

    public void StartLine() => LineBytes = 0;

    public void Reset()
    {
        Banner.Clear();
        LineBytes = 0;
        PreBannerLines = 0;
        PreBannerBytes = 0;
        Finished = false;
        HasBanner = false;
    }
}
