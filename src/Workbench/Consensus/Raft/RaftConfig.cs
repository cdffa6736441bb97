namespace Workbench.Consensus.Raft;

/// <summary>
/// Settings of one <see cref="RaftNode"/>. Time is counted in ticks of the host's clock
/// (<see cref="RaftNode.Tick"/>); the core never reads a clock. All randomness comes from
/// <see cref="Seed"/>.
/// </summary>
public sealed record RaftConfig
{
    /// <summary>This server's id (positive; 0 means "none" in votes and leader fields).</summary>
    public required int Id { get; init; }

    /// <summary>The initial voting configuration (including <see cref="Id"/>); empty for a server that
    /// waits to be added (thesis §4.1) and learns the configuration from the leader.</summary>
    public IReadOnlyList<int> Voters { get; init; } = [];

    /// <summary>Minimum election timeout T, in ticks (§5.2; §9.3 uses 150 ms).</summary>
    public int ElectionTick { get; init; } = 10;

    /// <summary>Exclusive upper bound of the randomized election timeout, in ticks; 0 means 2T, so
    /// timeouts are drawn uniformly from [T, 2T) as in the thesis §9.3. Equal to
    /// <see cref="ElectionTick"/> disables randomization.</summary>
    public int ElectionTickMax { get; init; }

    /// <summary>Ticks between heartbeats from the leader; must be below <see cref="ElectionTick"/> (§5.6: broadcastTime ≪ electionTimeout).</summary>
    public int HeartbeatTick { get; init; } = 1;

    /// <summary>Seed of the election-timeout randomness.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Thesis §9.6: run a pre-vote round before incrementing the term.</summary>
    public bool PreVote { get; init; }

    /// <summary>Thesis §6.2: a leader steps down when it has not heard from a majority within an election
    /// timeout; followers then also disregard vote requests while they believe a leader is alive (§4.2.3).</summary>
    public bool CheckQuorum { get; init; }

    /// <summary>Most entries per AppendEntries message (the batch size).</summary>
    public int MaxEntriesPerAppend { get; init; } = 64;

    /// <summary>Most unacknowledged AppendEntries messages to one follower in the replicate state (pipelining).</summary>
    public int MaxInflight { get; init; } = 64;

    internal int ElectionTickUpper => ElectionTickMax == 0 ? 2 * ElectionTick : ElectionTickMax;

    internal void Validate()
    {
        if (Id <= 0) throw new ArgumentOutOfRangeException(nameof(Id), Id, "Id must be positive");
        if (ElectionTick < 1) throw new ArgumentOutOfRangeException(nameof(ElectionTick), ElectionTick, "ElectionTick must be at least 1");
        if (ElectionTickMax != 0 && ElectionTickMax < ElectionTick) throw new ArgumentOutOfRangeException(nameof(ElectionTickMax), ElectionTickMax, $"ElectionTickMax must be 0 or at least ElectionTick ({ElectionTick})");
        if (HeartbeatTick < 1 || HeartbeatTick >= ElectionTick) throw new ArgumentOutOfRangeException(nameof(HeartbeatTick), HeartbeatTick, $"HeartbeatTick must be in [1, ElectionTick={ElectionTick})");
        if (MaxEntriesPerAppend < 1) throw new ArgumentOutOfRangeException(nameof(MaxEntriesPerAppend), MaxEntriesPerAppend, "MaxEntriesPerAppend must be at least 1");
        if (MaxInflight < 1) throw new ArgumentOutOfRangeException(nameof(MaxInflight), MaxInflight, "MaxInflight must be at least 1");
        if (Voters.Any(v => v <= 0)) throw new ArgumentException("Voters must be positive ids", nameof(Voters));
    }
}
