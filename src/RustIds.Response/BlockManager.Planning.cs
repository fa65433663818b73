using System.Globalization;
using System.Text.Json;
using RustIds.Reputation;
using RustIds.Reputation.Addresses;

namespace RustIds.Response;

/// <summary>How each operation turns into state and firewall changes; runs on the batch loop only.</summary>
public sealed partial class BlockManager
{
    private const int MaxAggregateRulesLength = 500;

    private Func<BlockOutcome> PlanBlock(BatchPlan plan, BlockRequest request)
    {
        var target = request.Target;
        if (Allowlist.Overlaps(target, out var allowedBecause))
        {
            Counters.Refused();
            ResponseLog.RefusedAllowlisted(_logger, FirewallTarget.Format(target), allowedBecause);
            return Outcome(BlockOutcomeKind.RefusedAllowlisted, target, request.Action, reason: allowedBecause);
        }

        var duration = Clamp(request.Duration);
        var expiresAt = plan.Now + duration;
        var existing = _table.Get(target);
        if (existing is not null && existing.ExpiresAt <= plan.Now)
        {
            plan.Set(target, null, "expired");
            existing = null;
        }
        if (existing is not null)
        {
            if (existing.Action == request.Action)
                return PlanExtension(plan, existing, request, expiresAt);
            if (existing.Action == FirewallAction.Block)
            {
                return Outcome(BlockOutcomeKind.Ignored, target, request.Action,
                    reason: $"already blocked until {existing.ExpiresAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}");
            }
            // A rate-limited address that now earns a block: the block replaces the rate limit.
            plan.Set(target, null, "escalated to block");
            plan.Firewall.Add(FirewallChange.Remove(target, FirewallAction.RateLimit));
        }

        var covering = _table.CoveringPrefix(target, FirewallAction.Block)
            ?? (request.Action == FirewallAction.RateLimit ? _table.CoveringPrefix(target, FirewallAction.RateLimit) : null);
        if (covering is not null)
        {
            return Outcome(BlockOutcomeKind.Ignored, target, request.Action,
                reason: $"covered by the {ActionName(covering.Action)} of {covering.TargetText} until {covering.ExpiresAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}");
        }
        if (!FirewallTarget.IsSingleAddress(target) && _table.OverlappingPrefix(target, request.Action) is { } overlapping)
        {
            // Interval sets refuse overlapping elements; the operator has to pick one of the two.
            return Outcome(BlockOutcomeKind.Ignored, target, request.Action,
                reason: $"overlaps the active {ActionName(overlapping.Action)} of {overlapping.TargetText}");
        }

        while (_table.Count >= _options.MaxActiveBlocks)
        {
            var lowest = _table.LowestScore();
            if (lowest is null || lowest.Score > request.Score)
            {
                ResponseLog.RefusedCapacity(_logger, _options.MaxActiveBlocks, FirewallTarget.Format(target), request.Score);
                return Outcome(BlockOutcomeKind.RefusedCapacity, target, request.Action, reason: $"active block cap {_options.MaxActiveBlocks} reached");
            }
            ResponseLog.Evicting(_logger, _options.MaxActiveBlocks, lowest.TargetText, lowest.Score, FirewallTarget.Format(target), request.Score);
            Counters.Evict();
            plan.Set(lowest.Target, null, "evicted: active block cap");
            plan.Firewall.Add(FirewallChange.Remove(lowest.Target, lowest.Action));
        }

        var change = plan.Set(target, new BlockRecord
        {
            Target = target,
            Action = request.Action,
            Score = request.Score,
            ReasonsJson = request.ReasonsJson,
            Rules = request.Rules,
            CreatedAt = plan.Now,
            ExpiresAt = expiresAt,
            Manual = request.Manual,
            EscalationLevel = request.EscalationLevel,
        });
        plan.Firewall.Add(FirewallChange.Add(target, duration, request.Action));
        if (request.Action == FirewallAction.Block)
            plan.NewlyBlocked.Add(target);

        var aggregate = request.Action == FirewallAction.Block && FirewallTarget.IsSingleAddress(target) ? TryAggregate(plan, target) : null;
        var result = aggregate ?? change;
        return () =>
        {
            var record = result.After!;
            ResponseLog.Blocked(_logger, ActionName(record.Action), record.TargetText, record.ExpiresAt, record.Score, record.Id);
            return new BlockOutcome
            {
                Kind = BlockOutcomeKind.Blocked,
                Target = target,
                Action = request.Action,
                ExpiresAt = record.ExpiresAt,
                BlockId = record.Id,
                AggregatedInto = aggregate is null ? null : record.Target,
            };
        };
    }

    private Func<BlockOutcome> PlanExtension(BatchPlan plan, BlockRecord existing, BlockRequest request, DateTimeOffset expiresAt)
    {
        var updated = existing with
        {
            ExpiresAt = expiresAt > existing.ExpiresAt ? expiresAt : existing.ExpiresAt,
            Score = Math.Max(request.Score, existing.Score),
            ReasonsJson = request.ReasonsJson,
            Rules = request.Rules,
            EscalationLevel = Math.Max(request.EscalationLevel, existing.EscalationLevel),
        };
        var change = plan.Set(existing.Target, updated);
        plan.Firewall.Add(FirewallChange.Refresh(existing.Target, updated.ExpiresAt - plan.Now, existing.Action));
        return () =>
        {
            var record = change.After!;
            ResponseLog.Extended(_logger, ActionName(record.Action), record.TargetText, record.ExpiresAt, record.Score, record.Id);
            return new BlockOutcome
            {
                Kind = BlockOutcomeKind.Extended,
                Target = record.Target,
                Action = record.Action,
                ExpiresAt = record.ExpiresAt,
                BlockId = record.Id,
            };
        };
    }

    /// <summary>Replaces the blocked addresses of one prefix by the prefix once there are enough of them.</summary>
    /// <returns>The prefix's state change, or null when nothing was aggregated.</returns>
    private StateChange? TryAggregate(BatchPlan plan, Cidr address)
    {
        var threshold = address.Network.IsV4 ? _options.Ipv4AggregateThreshold : _options.Ipv6AggregateThreshold;
        if (threshold == 0)
            return null;
        var prefix = _table.AggregatePrefixOf(address);
        var members = _table.MembersOf(prefix).ToArray();
        if (members.Length < threshold || _table.Get(prefix) is not null || _table.OverlappingPrefix(prefix, FirewallAction.Block) is not null)
            return null;
        if (Allowlist.Overlaps(prefix, out var allowedBecause))
        {
            ResponseLog.AggregateRefused(_logger, prefix.ToString(), members.Length, allowedBecause);
            return null;
        }

        var records = members.Select(m => _table.Get(m)!).ToArray();
        var detail = $"{records.Length} addresses of {prefix} blocked: {string.Join(", ", records.Select(r => r.TargetText))}";
        IReadOnlyList<VerdictReason> reasons = [new VerdictReason("aggregate", detail, 0)];
        var rules = string.Join("; ", records.Select(r => r.Rules).Distinct(StringComparer.Ordinal));
        var expiresAt = records.Max(r => r.ExpiresAt);
        foreach (var record in records)
        {
            plan.Set(record.Target, null, $"aggregated into {prefix}");
            plan.Firewall.Add(FirewallChange.Remove(record.Target));
            plan.NewlyBlocked.Remove(record.Target);
        }
        var change = plan.Set(prefix, new BlockRecord
        {
            Target = prefix,
            Action = FirewallAction.Block,
            Score = records.Max(r => r.Score),
            ReasonsJson = JsonSerializer.Serialize(reasons, ResponseJsonContext.Default.IReadOnlyListVerdictReason),
            Rules = "aggregated: " + (rules.Length > MaxAggregateRulesLength ? rules[..MaxAggregateRulesLength] + "…" : rules),
            CreatedAt = plan.Now,
            ExpiresAt = expiresAt,
            EscalationLevel = records.Max(r => r.EscalationLevel),
        });
        plan.Firewall.Add(FirewallChange.Add(prefix, expiresAt - plan.Now));
        plan.NewlyBlocked.Add(prefix);
        Counters.Aggregate();
        ResponseLog.Aggregated(_logger, prefix.ToString(), records.Length);
        return change;
    }

    private Func<bool> PlanUnblock(BatchPlan plan, Cidr target, string reason)
    {
        var existing = _table.Get(target);
        if (existing is not null)
            plan.Set(target, null, reason);
        // Both sets, whatever the store says: an operator's unblock must leave nothing behind.
        plan.Firewall.Add(FirewallChange.Remove(target, FirewallAction.Block));
        plan.Firewall.Add(FirewallChange.Remove(target, FirewallAction.RateLimit));
        return () =>
        {
            ResponseLog.Unblocked(_logger, FirewallTarget.Format(target), reason);
            return existing is not null;
        };
    }

    private Func<IReadOnlyList<BlockRecord>> PlanExpiry(BatchPlan plan)
    {
        var expired = _table.Records.Where(r => r.ExpiresAt <= plan.Now).OrderBy(r => r.Id).ToArray();
        foreach (var record in expired)
        {
            plan.Set(record.Target, null, "expired");
            plan.Firewall.Add(FirewallChange.Remove(record.Target, record.Action));
        }
        return () =>
        {
            if (expired.Length > 0)
                ResponseLog.Expired(_logger, expired.Length);
            return expired;
        };
    }

    private async Task<int> ReconcileCoreAsync(CancellationToken cancellationToken)
    {
        _loaded = false;
        EnsureLoaded();
        var now = _timeProvider.GetUtcNow();
        var plan = new BatchPlan(_table, now);
        var desired = new Dictionary<(Cidr, FirewallAction), BlockRecord>();
        foreach (var record in _table.Records.ToArray())
        {
            if (Allowlist.Overlaps(record.Target, out var reason))
            {
                ResponseLog.ActiveBlockAllowlisted(_logger, record.TargetText, reason);
                plan.Set(record.Target, null, "allowlisted: " + reason);
                continue;
            }
            if (record.ExpiresAt > now)
                desired[(record.Target, record.Action)] = record;
        }

        var present = new Dictionary<(Cidr, FirewallAction), FirewallEntry>();
        foreach (var entry in await _backend.ListAsync(cancellationToken).ConfigureAwait(false))
            present[entry.Key] = entry;

        foreach (var (key, record) in desired)
        {
            var remaining = record.ExpiresAt - now;
            if (!present.TryGetValue(key, out var entry))
            {
                ResponseLog.ReconcileCorrection(_logger, "added missing", ActionName(record.Action), record.TargetText);
                plan.Firewall.Add(FirewallChange.Add(record.Target, remaining, record.Action));
            }
            else if (entry.Remaining is not { } actual || (actual - remaining).Duration() > _options.ReconcileTolerance)
            {
                ResponseLog.ReconcileCorrection(_logger, "refreshed the timeout of", ActionName(record.Action), record.TargetText);
                plan.Firewall.Add(FirewallChange.Refresh(record.Target, remaining, record.Action));
            }
        }
        foreach (var (key, entry) in present)
        {
            if (!desired.ContainsKey(key))
            {
                ResponseLog.ReconcileCorrection(_logger, "removed stale", ActionName(entry.Action), FirewallTarget.Format(entry.Target));
                plan.Firewall.Add(FirewallChange.Remove(entry.Target, entry.Action));
            }
        }
        if (plan.IsEmpty)
            return 0;

        _store.WriteBatch(plan.WriteTo);
        try
        {
            await _backend.ApplyAsync(plan.Firewall, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            plan.UndoInMemory();
            _store.WriteBatch(plan.RevertIn);
            throw;
        }
        Counters.Applied(plan.Firewall.Count);
        Counters.Drifted(plan.Firewall.Count);
        return plan.Firewall.Count;
    }

    private static string ActionName(FirewallAction action) => action == FirewallAction.Block ? "block" : "rate limit";

    private static Func<BlockOutcome> Outcome(BlockOutcomeKind kind, Cidr target, FirewallAction action, string reason)
    {
        var outcome = new BlockOutcome { Kind = kind, Target = target, Action = action, Reason = reason };
        return () => outcome;
    }
}
