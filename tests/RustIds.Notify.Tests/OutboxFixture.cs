using RustIds.Packets;

namespace RustIds.Notify.Tests;

/// <summary>An outbox in a temp directory on a manual clock, with helpers to open its delivery workers.</summary>
internal sealed class OutboxFixture : IDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _dir = new();

    public OutboxFixture()
    {
        DatabasePath = _dir.File("rustids.db");
    }

    public ManualTimeProvider Time { get; } = new();

    public string DatabasePath { get; }

    public HttpClient Http { get; } = new();

    public NotificationOutbox Open(string channel = "webhook", DeliveryPolicy? policy = null) =>
        new(DatabasePath, new Dictionary<string, DeliveryPolicy> { [channel] = policy ?? new DeliveryPolicy() }, "gw1", Time);

    /// <summary>Options without in-process retries (the clock drives the rounds) and a short stop deadline.</summary>
    public static OutboxOptions Options() => new()
    {
        RetriesPerRound = 0,
        RequeueDelay = TimeSpan.FromMinutes(1),
        RequeueMaxDelay = TimeSpan.FromMinutes(10),
        StopTimeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Starts the workers; dispose them (await using) before the outbox.</summary>
    public static OutboxDelivery Deliver(NotificationOutbox outbox, INotificationChannel channel, OutboxOptions? options = null) =>
        new(outbox, [channel], options ?? Options());

    public WebhookChannel Webhook(Uri url, string? secret = null, WebhookFormat format = WebhookFormat.Generic) =>
        new(new WebhookOptions { Url = url, Secret = secret, Format = format, Timeout = TimeSpan.FromSeconds(5) }, Http);

    /// <summary>The test notice for address 10.0.x.y, the <paramref name="index"/>th of a burst.</summary>
    public static BlockNotice Notice(int index, NoticeSeverity severity = NoticeSeverity.High)
    {
        var address = IpAddr.Parse($"10.{index / 65536}.{index / 256 % 256}.{index % 256}");
        return TestData.Notice() with { Address = address, UnblockCommand = $"rustids block remove {address}", Severity = severity };
    }

    public void Dispose()
    {
        Http.Dispose();
        _dir.Dispose();
    }
}
