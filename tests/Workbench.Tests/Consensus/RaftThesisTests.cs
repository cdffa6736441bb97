using Workbench.Consensus.Raft;

namespace Workbench.Tests.Consensus;

/// <summary>
/// Claims of Ongaro's thesis, "Consensus: Bridging Theory and Practice" (Stanford 2014), for the
/// extensions the core implements: pre-vote (§9.6), check-quorum (§6.2), disregarding disruptive
/// vote requests (§4.2.3), leadership transfer (§3.10), ReadIndex (§6.4), snapshots (§5, and §7 of
/// the paper) and single-server membership changes (§4.1).
/// </summary>
public sealed class RaftThesisTests
{
    private static void TickAll(RaftHarness h, int ticks)
    {
        for (int t = 0; t < ticks; t++)
        {
            foreach (var id in h.Nodes.Keys) h.Tick(id);
            h.Stabilize();
        }
    }

    /// <summary>Thesis §9.6: with pre-vote, a server cut off from the cluster does not increase its term
    /// (it cannot win the pre-vote), so when it comes back it does not force the leader to step down.</summary>
    [Fact]
    public void Pre_vote_keeps_a_partitioned_server_from_disrupting_the_leader()
    {
        var h = new RaftHarness(3, c => c with { PreVote = true });
        h.Elect(1);
        var term = h[1].Term;
        h.Isolated.Add(3);
        TickAll(h, 100);
        Assert.Equal(term, h[3].Term);
        Assert.Equal(Role.PreCandidate, h[3].Role);
        h.Isolated.Clear();
        TickAll(h, 30);
        Assert.Equal((Role.Leader, term), (h[1].Role, h[1].Term));
        Assert.Equal(Role.Follower, h[3].Role);
    }

    /// <summary>The same scenario without pre-vote: the returning server's inflated term deposes the
    /// leader (the problem §9.6 solves).</summary>
    [Fact]
    public void Without_pre_vote_a_returning_server_deposes_the_leader()
    {
        var h = new RaftHarness(3);
        h.Elect(1);
        var term = h[1].Term;
        h.Isolated.Add(3);
        TickAll(h, 100);
        Assert.True(h[3].Term > term + 1);
        h.Isolated.Clear();
        TickAll(h, 60);
        Assert.True(h[1].Term > term);
    }

    /// <summary>Thesis §6.2: "a leader steps down if an election timeout elapses without a successful
    /// round of heartbeats to a majority of its cluster".</summary>
    [Fact]
    public void Check_quorum_makes_an_isolated_leader_step_down()
    {
        var h = new RaftHarness(3, c => c with { CheckQuorum = true });
        h.Elect(1);
        h.Isolated.Add(1);
        for (int t = 0; t < 2 * 10; t++) h.Tick(1);
        Assert.Equal(Role.Follower, h[1].Role);
    }

    [Fact]
    public void Without_check_quorum_an_isolated_leader_keeps_leading()
    {
        var h = new RaftHarness(3);
        h.Elect(1);
        h.Isolated.Add(1);
        for (int t = 0; t < 100; t++) h.Tick(1);
        Assert.Equal(Role.Leader, h[1].Role);
    }

    /// <summary>Thesis §4.2.3: "if a server receives a RequestVote request within the minimum election
    /// timeout of hearing from a current leader, it does not update its term or grant its vote".</summary>
    [Fact]
    public void Servers_disregard_vote_requests_while_they_hear_from_a_leader()
    {
        var h = new RaftHarness(3, c => c with { CheckQuorum = true });
        h.Elect(1);
        var term = h[2].Term;
        h[2].Step(new Message(MessageType.RequestVote, 3, 2, term + 5) { Index = 99, LogTerm = 99 });
        Assert.Equal(term, h[2].Term);
        Assert.Empty(h[2].TakeReady().Messages);
        for (int t = 0; t < 10; t++) h[2].Tick(); // no heartbeats delivered: the lease runs out
        h.Pending.Clear();
        h[2].Step(new Message(MessageType.RequestVote, 3, 2, term + 5) { Index = 99, LogTerm = 99 });
        Assert.Equal(term + 5, h[2].Term);
        Assert.Equal(3, h[2].Vote);
    }

    /// <summary>Thesis §3.10: the leader brings the target up to date, sends TimeoutNow, and the target
    /// wins the election it starts at once; proposals are refused during the transfer.</summary>
    [Fact]
    public void Leadership_transfer_hands_leadership_to_the_target()
    {
        var h = new RaftHarness(3, c => c with { CheckQuorum = true });
        h.Elect(1);
        h.Isolated.Add(3);
        h[1].Propose("a");
        h[1].Propose("b");
        h.Stabilize();
        h.Isolated.Clear();
        Assert.True(h[1].TransferLeadership(3)); // 3 is behind: it is caught up first
        Assert.Null(h[1].Propose("refused"));
        h.Stabilize();
        Assert.Equal(Role.Leader, h[3].Role);
        Assert.Equal(Role.Follower, h[1].Role);
        Assert.Equal(3, h[1].Leader);
        Assert.Equal(h[1].Log.LastIndex - 0, h[3].Log.LastIndex);
    }

    /// <summary>Thesis §6.4: a read is served only after the leader has committed an entry of its term
    /// and a majority has acknowledged a heartbeat sent after the read arrived; the read index is the
    /// commit index at arrival.</summary>
    [Fact]
    public void ReadIndex_waits_for_a_quorum_of_heartbeats()
    {
        var h = new RaftHarness(3);
        h.Elect(1);
        h[1].Propose("x");
        h.Stabilize();
        var commit = h[1].Log.Committed;
        Assert.True(h[1].ReadIndex(42));
        h.Process(1);
        Assert.Empty(h.Reads[1]);
        h.DeliverBetween(1, 2);
        h.DeliverBetween(2, 1);
        var read = Assert.Single(h.Reads[1]);
        Assert.Equal(new ReadState(commit, 42), read);
        Assert.False(h[2].ReadIndex(1)); // followers do not serve reads
    }

    /// <summary>Thesis §6.4: a deposed leader that cannot reach a majority never confirms a read, so it
    /// cannot return stale data.</summary>
    [Fact]
    public void A_partitioned_leader_serves_no_reads()
    {
        var h = new RaftHarness(3);
        h.Elect(1);
        h.Isolated.Add(1);
        h.Elect(2);
        h[2].Propose("new");
        h.Stabilize();
        Assert.True(h[1].ReadIndex(7));
        for (int t = 0; t < 50; t++) h.Tick(1);
        Assert.Empty(h.Reads[1]);
    }

    /// <summary>Thesis §6.4: a new leader defers reads until it has committed its no-op, since until then
    /// it does not know the commit index.</summary>
    [Fact]
    public void A_new_leader_defers_reads_until_it_commits_in_its_term()
    {
        var h = new RaftHarness(3);
        h[1].Campaign();
        h.ProcessAll();
        h.DeliverBetween(1, 0);
        h.DeliverBetween(0, 1);
        Assert.Equal(Role.Leader, h[1].Role);
        Assert.Equal(0, h[1].Log.Committed);
        Assert.True(h[1].ReadIndex(5));
        h.Stabilize();
        Assert.Equal(new ReadState(1, 5), Assert.Single(h.Reads[1]));
    }

    /// <summary>Paper §7 and thesis ch. 5: after compaction a leader sends a snapshot to a follower that
    /// needs discarded entries; the follower installs it and catches up with the rest of the log.</summary>
    [Fact]
    public void A_lagging_follower_catches_up_from_a_snapshot()
    {
        var h = new RaftHarness(3);
        h.Elect(1);
        h.Crash(3);
        for (int i = 0; i < 10; i++) h[1].Propose($"v{i}");
        h.Stabilize();
        h[1].Compact(8, "image@8");
        h.Storage[1].Compact(h[1].Log.Snapshot!);
        Assert.Equal(8, h[1].Log.SnapshotIndex);
        h.Restart(3);
        TickAll(h, 3);
        Assert.Equal(8, h[3].Log.SnapshotIndex);
        Assert.Equal("image@8", h[3].Log.Snapshot!.Data);
        Assert.Equal(h[1].Log.LastIndex, h[3].Log.LastIndex);
        Assert.Equal(h[1].Log.Committed, h[3].Log.Committed);
        Assert.Equal([9L, 10, 11], h.Applied[3].Select(e => e.Index)); // applied after the snapshot
    }

    /// <summary>Paper §7: a snapshot whose last entry the follower already holds keeps the entries that
    /// follow it.</summary>
    [Fact]
    public void A_snapshot_covering_a_prefix_of_the_log_keeps_the_rest()
    {
        var h = new RaftHarness(3);
        h.SetLog(1, 2, 0, 1, 1, 2, 2);
        h[1].Step(new Message(MessageType.InstallSnapshot, 2, 1, 2) { Snapshot = new Snapshot(2, 1, [1, 2, 3], "img") });
        Assert.Equal(2, h[1].Log.Committed);
        Assert.Equal(4, h[1].Log.LastIndex);
        Assert.Equal(0, h[1].Log.SnapshotIndex);
    }

    /// <summary>Thesis §4.1: a server is added by one configuration entry; it catches up, and the new
    /// configuration, used as soon as it is in a log, counts it in majorities.</summary>
    [Fact]
    public void Adding_a_server_grows_the_majority()
    {
        var h = new RaftHarness(3);
        h.Elect(1);
        h.Add(4, []);
        var confIndex = h[1].ProposeConfChange(new ConfChange(ConfChangeType.AddNode, 4));
        Assert.NotNull(confIndex);
        Assert.Equal([1, 2, 3, 4], h[1].Voters);
        Assert.Null(h[1].ProposeConfChange(new ConfChange(ConfChangeType.AddNode, 5))); // one change at a time
        h.Stabilize();
        Assert.Equal([1, 2, 3, 4], h[4].Voters);
        Assert.Equal(h[1].Log.LastIndex, h[4].Log.LastIndex);
        h.Isolated.UnionWith([3, 4]);
        h[1].Propose("needs three of four");
        h.Stabilize();
        Assert.Equal(confIndex, h[1].Log.Committed); // 2 of 4 is no majority
    }

    /// <summary>Thesis §4.2.2: a leader that removes itself keeps managing the cluster until the change
    /// commits, then steps down; the remaining servers elect a new leader among themselves.</summary>
    [Fact]
    public void A_removed_leader_steps_down_after_the_change_commits()
    {
        var h = new RaftHarness(3);
        h.Elect(1);
        h[1].ProposeConfChange(new ConfChange(ConfChangeType.RemoveNode, 1));
        h.Stabilize();
        Assert.Equal(Role.Follower, h[1].Role);
        Assert.Equal([2, 3], h[2].Voters);
        Assert.Equal([2, 3], h[1].Voters);
        Assert.Equal(h[1].Log.LastIndex, h[2].Log.Committed);
        for (int t = 0; t < 40; t++) { h.Tick(2); h.Tick(3); h.Stabilize(); }
        Assert.Contains(new[] { h[2].Role, h[3].Role }, r => r == Role.Leader);
        for (int t = 0; t < 40; t++) { h.Tick(1); h.Stabilize(); }
        Assert.NotEqual(Role.Candidate, h[1].Role); // not a member: it never campaigns
    }

    /// <summary>Thesis §4.1: an uncommitted configuration entry removed from the log takes its
    /// configuration with it.</summary>
    [Fact]
    public void Truncating_a_configuration_entry_reverts_the_configuration()
    {
        var h = new RaftHarness(3);
        h[1].Step(new Message(MessageType.AppendEntries, 2, 1, 1) { Entries = [new Entry(1, 1, EntryKind.ConfChange, new ConfChange(ConfChangeType.RemoveNode, 3) { Voters = [1, 2] })] });
        Assert.Equal([1, 2], h[1].Voters);
        h[1].Step(new Message(MessageType.AppendEntries, 3, 1, 2) { Entries = [new Entry(1, 2, EntryKind.NoOp, null)] });
        Assert.Equal([1, 2, 3], h[1].Voters);
    }
}
