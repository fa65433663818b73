using RustIds.Detection.Behaviour;
using RustIds.Engine.Pipeline;
using RustIds.Notify;
using RustIds.Packets;
using RustIds.Reputation.Feeds.Refresh;
using RustIds.Response;

namespace RustIds.Engine.Web;

/// <summary>
/// The running pipeline's counters as Prometheus metrics, read at scrape time from where they already live
/// (capture workers, response stage, block manager, feeds, outbox), so nothing is counted twice.
/// </summary>
/// <remarks>Names follow Prometheus' conventions: <c>rustids_</c> prefix, base units, <c>_total</c> for counters.</remarks>
public sealed class PipelineMetrics
{
    public required PipelineCounters Counters { get; init; }

    /// <summary>Kernel counters of the live capture; null for a file.</summary>
    public required Func<CaptureStatistics?> Capture { get; init; }

    public required BlockManager Blocks { get; init; }

    /// <summary>The firewall backend's name (the <c>backend</c> label of the block gauges).</summary>
    public required string Backend { get; init; }

    public required FeedRegistry Feeds { get; init; }

    public required NotificationOutbox Notifications { get; init; }

    public required OutboxDelivery Delivery { get; init; }

    public required TimeProvider Time { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Every metric, in the text format.</summary>
    public async Task<string> WriteAsync(CancellationToken cancellation)
    {
        var text = new PrometheusText();
        var now = Time.GetUtcNow();
        text.Single("rustids_start_time_seconds", "gauge", "When this rustids run started, in Unix seconds.", StartedAt.ToUnixTimeMilliseconds() / 1000.0);
        WritePackets(text);
        WriteDetection(text);
        await WriteBlocksAsync(text, cancellation).ConfigureAwait(false);
        WriteFeeds(text, now);
        WriteNotifications(text);
        return text.ToString();
    }

    private void WritePackets(PrometheusText text)
    {
        var counters = Counters;
        text.Single("rustids_packets_total", "counter", "Frames read from the capture.", counters.Packets);
        text.Single("rustids_bytes_total", "counter", "Bytes of those frames on the wire.", counters.Bytes);
        text.Family("rustids_decode_errors_total", "counter", "Frames that could not be decoded, by kind.");
        foreach (var status in (DecodeStatus[])[DecodeStatus.Truncated, DecodeStatus.Malformed, DecodeStatus.Unsupported])
            text.Sample("rustids_decode_errors_total", counters.DecodeCount(status), ("kind", status.ToString().ToLowerInvariant()));
        if (Capture() is { } capture)
        {
            text.Single("rustids_kernel_packets_total", "counter", "Packets the kernel handed to the capture (pcap_stats ps_recv).", capture.Received);
            text.Single("rustids_kernel_drops_total", "counter", "Packets the kernel dropped because the capture ring was full (ps_drop).", capture.Dropped);
            text.Single("rustids_interface_drops_total", "counter", "Packets the interface dropped (ps_ifdrop).", capture.InterfaceDropped);
        }
        var snapshot = counters.Snapshot();
        text.Single("rustids_flows_created_total", "counter", "Flows the flow tables created.", snapshot.Get("flows", "created"));
        text.Single("rustids_flows_active", "gauge", "Flows in the flow tables now.", snapshot.Get("flows", "active"));
        text.Family("rustids_internal_drops_total", "counter", "Items rustids itself dropped because a stage fell behind, by queue.");
        text.Sample("rustids_internal_drops_total", counters.AlertsDropped, ("queue", "alerts"));
        text.Sample("rustids_internal_drops_total", counters.EveEventsDropped, ("queue", "eve_events"));
        text.Single("rustids_eve_write_failures_total", "counter", "EVE lines lost to failed writes (disk full, file gone).", counters.EveWriteFailures);
    }

    private void WriteDetection(PrometheusText text)
    {
        var counters = Counters;
        text.Single("rustids_rules_loaded", "gauge", "Rules in use.", counters.RulesInUse);
        text.Single("rustids_rule_load_seconds", "gauge", "How long the latest rule load (read, parse, compile) took.", counters.RuleLoadTime.TotalSeconds);
        text.Single("rustids_rule_reloads_total", "counter", "Successful rule reloads (SIGHUP).", counters.RuleReloads);
        text.Family("rustids_alerts_total", "counter", "Alerts handled, by generator, signature and severity (1 highest).");
        foreach (var sid in counters.AlertsBySid())
        {
            text.Sample("rustids_alerts_total", sid.Count, ("gid", Text(sid.Gid)), ("sid", Text(sid.Sid)), ("severity", Text(sid.Severity)));
        }
        text.Family("rustids_detections_total", "counter", "Behavioural detections (gid 9901), by detector; every detector is listed, zero or not.");
        var detections = new long[Enum.GetValues<DetectorKind>().Length];
        foreach (var sid in counters.AlertsBySid())
        {
            if (sid.Gid == DetectorSignature.Gid && DetectorSignature.All.FirstOrDefault(s => s.Sid == sid.Sid) is { } signature)
                detections[(int)signature.Kind] += sid.Count;
        }
        foreach (var kind in Enum.GetValues<DetectorKind>())
            text.Sample("rustids_detections_total", detections[(int)kind], ("kind", System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString())));
        text.Family("rustids_verdicts_total", "counter", "Decisions taken on offenders, by outcome.");
        foreach (var (outcome, count) in counters.VerdictsByOutcome())
            text.Sample("rustids_verdicts_total", count, ("outcome", outcome));
    }

    private async Task WriteBlocksAsync(PrometheusText text, CancellationToken cancellation)
    {
        var active = await Blocks.GetActiveAsync(cancellation).ConfigureAwait(false);
        text.Family("rustids_active_blocks", "gauge", "Addresses and prefixes blocked or rate-limited now, by backend and action.");
        text.Sample("rustids_active_blocks", active.Count(r => r.Action == FirewallAction.Block), ("backend", Backend), ("action", "block"));
        text.Sample("rustids_active_blocks", active.Count(r => r.Action != FirewallAction.Block), ("backend", Backend), ("action", "rate_limit"));
        var counters = Blocks.Counters;
        var latency = counters.ApplyLatency;
        text.Family("rustids_block_apply_seconds", "histogram", "Time to apply one firewall batch.");
        long cumulative = 0;
        for (var i = 0; i < latency.Bounds.Count; i++)
        {
            cumulative += latency.BucketCount(i);
            text.Sample("rustids_block_apply_seconds_bucket", cumulative, ("le", PrometheusText.Format(latency.Bounds[i])));
        }
        text.Sample("rustids_block_apply_seconds_bucket", latency.Count, ("le", "+Inf"));
        text.Sample("rustids_block_apply_seconds_sum", latency.SumSeconds);
        text.Sample("rustids_block_apply_seconds_count", latency.Count);
        text.Single("rustids_firewall_batch_failures_total", "counter", "Firewall batches that failed (the previous state was kept).", counters.BatchFailures);
        text.Single("rustids_reconciliation_drift_total", "counter", "Firewall entries the reconciliation had to add or remove.", counters.Drift);
        text.Single("rustids_allowlist_refusals_total", "counter", "Blocks refused because the address is allowlisted.", counters.RefusedAllowlisted);
    }

    private void WriteFeeds(PrometheusText text, DateTimeOffset now)
    {
        var feeds = Feeds.Current;
        text.Family("rustids_feed_entries", "gauge", "Ranges a threat feed lists (after refusals), by feed.");
        foreach (var feed in feeds)
            text.Sample("rustids_feed_entries", feed.List.Entries, ("feed", feed.Name));
        text.Family("rustids_feed_age_seconds", "gauge", "Time since the feed's copy in use was fetched, by feed.");
        foreach (var feed in feeds)
            text.Sample("rustids_feed_age_seconds", Math.Max(0, (now - feed.FetchedAt).TotalSeconds), ("feed", feed.Name));
    }

    private void WriteNotifications(PrometheusText text)
    {
        var counts = Notifications.Counts();
        text.Single("rustids_notifications_queued", "gauge", "Notices waiting in the outbox (for delivery or a digest), plus any not yet saved.", counts.Queued + Notifications.Unsaved);
        text.Single("rustids_notifications_sent_total", "counter", "Messages delivered since start.", Delivery.Sent);
        text.Single("rustids_notification_failures_total", "counter", "Delivery attempts that failed since start (retried later).", Delivery.FailedAttempts);
        text.Single("rustids_notifications_failed_total", "counter", "Notices given up on since start.", Delivery.FailedForGood);
    }

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
