using Workbench.Consensus.Raft;

namespace Workbench.Tests.Consensus;

/// <summary>
/// One test per claim of sections 5.1 to 5.4 of Ongaro &amp; Ousterhout, "In Search of an
/// Understandable Consensus Algorithm" (USENIX ATC 2014), named after the claim (after etcd's
/// raft_paper_test.go).
/// </summary>
public sealed class RaftPaperTests
{
    private static Message Msg(MessageType type, int from, int to, long term) => new(type, from, to, term);

    /// <summary>§5.1: "If one server's current term is smaller than the other's, then it updates its
    /// current term to the larger value. If a candidate or leader discovers that its term is out of
    /// date, it immediately reverts to follower state."</summary>
    [Theory]
    [InlineData(MessageType.AppendEntries)]
    [InlineData(MessageType.AppendEntriesResponse)]
    [InlineData(MessageType.RequestVote)]
    [InlineData(MessageType.RequestVoteResponse)]
    [InlineData(MessageType.InstallSnapshot)]
    public void Term_is_updated_on_every_message_with_a_newer_term(MessageType type)
    {
        foreach (var role in new[] { Role.Follower, Role.Candidate, Role.Leader })
        {
            var h = new RaftHarness(3);
            if (role != Role.Follower) h[1].Campaign();
            if (role == Role.Leader) h.Stabilize();
            Assert.Equal(role, h[1].Role);
            var m = Msg(type, 2, 1, 10) with { Snapshot = type == MessageType.InstallSnapshot ? new Snapshot(5, 9, [1, 2, 3], null) : null };
            h[1].Step(m);
            Assert.Equal(10, h[1].Term);
            Assert.Equal(Role.Follower, h[1].Role);
        }
    }

    /// <summary>§5.1: "If a server receives a request with a stale term number, it rejects the request"
    /// (and its reply carries its term, so the sender learns it is stale).</summary>
    [Theory]
    [InlineData(MessageType.AppendEntries, MessageType.AppendEntriesResponse)]
    [InlineData(MessageType.RequestVote, MessageType.RequestVoteResponse)]
    [InlineData(MessageType.InstallSnapshot, MessageType.AppendEntriesResponse)]
    public void Stale_term_requests_are_rejected(MessageType request, MessageType response)
    {
        var h = new RaftHarness(3);
        h.SetLog(1, 5, 0, 1, 2, 3);
        var before = h.LogTerms(1);
        h[1].Step(Msg(request, 2, 1, 4) with { Index = 3, LogTerm = 3, Entries = [new Entry(4, 4, EntryKind.Command, "x")], Snapshot = new Snapshot(9, 4, [1, 2, 3], null) });
        var reply = Assert.Single(h[1].TakeReady().Messages);
        Assert.Equal(response, reply.Type);
        Assert.True(reply.Reject);
        Assert.Equal(5, reply.Term);
        Assert.Equal(5, h[1].Term);
        Assert.Equal(0, h[1].Vote);
        Assert.Equal(before, h.LogTerms(1));
    }

    /// <summary>§5.2: "If a follower receives no communication over a period of time called the election
    /// timeout, then it assumes there is no viable leader and begins an election": it increments its
    /// term, votes for itself and issues RequestVote RPCs to each of the other servers.</summary>
    [Fact]
    public void A_follower_that_hears_nothing_starts_an_election()
    {
        var h = new RaftHarness(3);
        var timeout = h[1].ElectionTimeout;
        for (int i = 0; i < timeout - 1; i++) h[1].Tick();
        Assert.Equal(Role.Follower, h[1].Role);
        h[1].Tick();
        Assert.Equal(Role.Candidate, h[1].Role);
        Assert.Equal(1, h[1].Term);
        Assert.Equal(1, h[1].Vote);
        var sent = h[1].TakeReady().Messages;
        Assert.Equal([2, 3], sent.Select(m => m.To).Order());
        Assert.All(sent, m => Assert.Equal((MessageType.RequestVote, 1L), (m.Type, m.Term)));
    }

    /// <summary>§5.2: a follower that keeps hearing from its leader (heartbeats) never starts an election.</summary>
    [Fact]
    public void Heartbeats_keep_followers_from_starting_elections()
    {
        var h = new RaftHarness(3);
        h.Elect(1);
        for (int t = 0; t < 200; t++)
        {
            foreach (var id in h.Nodes.Keys) h.Tick(id);
            h.Stabilize();
        }
        Assert.Equal(Role.Leader, h[1].Role);
        Assert.Equal(1, h[1].Term);
    }

    /// <summary>§5.2 and thesis §9.3: "election timeouts are chosen randomly from a fixed interval
    /// (e.g., 150-300ms)", here [T, 2T) ticks, so that servers rarely time out together.</summary>
    [Fact]
    public void Election_timeouts_are_spread_over_T_to_2T()
    {
        const int T = 10;
        var seen = new HashSet<int>();
        for (int seed = 0; seed < 500; seed++)
        {
            var node = new RaftNode(new RaftConfig { Id = 1, Voters = [1, 2, 3], ElectionTick = T, Seed = seed });
            Assert.InRange(node.ElectionTimeout, T, 2 * T - 1);
            seen.Add(node.ElectionTimeout);
        }
        Assert.Equal(Enumerable.Range(T, T).ToHashSet(), seen);
        var fixedNode = new RaftNode(new RaftConfig { Id = 1, Voters = [1], ElectionTick = T, ElectionTickMax = T });
        Assert.Equal(T, fixedNode.ElectionTimeout);
    }

    /// <summary>§5.2: "A candidate wins an election if it receives votes from a majority of the servers
    /// in the full cluster for the same term" and then sends heartbeats to establish its authority.</summary>
    [Fact]
    public void A_candidate_with_a_majority_becomes_leader_in_one_round()
    {
        var h = new RaftHarness(5);
        h.Crash(4);
        h.Crash(5);
        h[1].Campaign();
        h.ProcessAll();
        var requests = h.DeliverBetween(1, 0);
        Assert.Equal(2, requests.Count); // 4 and 5 are down
        var votes = h.DeliverBetween(0, 1);
        Assert.Equal(2, votes.Count);
        Assert.Equal(Role.Leader, h[1].Role);
        Assert.Equal(1, h[1].Term);
        Assert.All(h.Pending.Where(m => m.From == 1), m => Assert.Equal(MessageType.AppendEntries, m.Type));
    }

    /// <summary>§5.2: "Each server will vote for at most one candidate in a given term, on a
    /// first-come-first-served basis", and the vote survives a crash (it is persisted before the reply).</summary>
    [Fact]
    public void At_most_one_vote_per_term()
    {
        var h = new RaftHarness(3);
        h[1].Step(Msg(MessageType.RequestVote, 2, 1, 1));
        h.Process(1);
        Assert.Equal(2, h[1].Vote);
        h.Crash(1);
        h.Restart(1);
        h.Pending.Clear();
        h[1].Step(Msg(MessageType.RequestVote, 3, 1, 1));
        var reply = Assert.Single(h[1].TakeReady().Messages);
        Assert.True(reply.Reject);
        h[1].Step(Msg(MessageType.RequestVote, 2, 1, 1));
        Assert.False(Assert.Single(h[1].TakeReady().Messages).Reject); // the same candidate again: granted again
        Assert.Equal(2, h[1].Vote);
    }

    /// <summary>§5.2: "If the leader's term ... is at least as large as the candidate's current term, then
    /// the candidate recognizes the leader as legitimate and returns to follower state. If the term in
    /// the RPC is smaller than the candidate's current term, then the candidate rejects the RPC."</summary>
    [Fact]
    public void A_candidate_steps_down_on_hearing_a_current_leader()
    {
        var h = new RaftHarness(3);
        h[1].Campaign();
        h[1].Campaign();
        Assert.Equal((Role.Candidate, 2L), (h[1].Role, h[1].Term));
        h[1].Step(Msg(MessageType.AppendEntries, 2, 1, 1));
        Assert.Equal(Role.Candidate, h[1].Role);
        h[1].Step(Msg(MessageType.AppendEntries, 2, 1, 2));
        Assert.Equal((Role.Follower, 2L, 2), (h[1].Role, h[1].Term, h[1].Leader));
    }

    /// <summary>§5.3: "A log entry is committed once the leader that created the entry has replicated it
    /// on a majority of the servers", and then applied.</summary>
    [Fact]
    public void A_leader_commits_an_entry_once_a_majority_stores_it()
    {
        var h = new RaftHarness(5);
        h.Elect(1);
        h.Isolated.UnionWith([4, 5]);
        Assert.Equal(2, h[1].Propose("x"));
        h.ProcessAll();
        var appends = h.DeliverBetween(1, 2);
        Assert.Single(appends);
        h.DeliverBetween(2, 1);
        Assert.Equal(1, h[1].Log.Committed); // leader + 2 of 5: not yet
        h.DeliverBetween(1, 3);
        h.DeliverBetween(3, 1);
        Assert.Equal(2, h[1].Log.Committed);
        Assert.Contains(h.Applied[1], e => e.Data is "x");
    }

    /// <summary>§5.3: "This also commits all preceding entries in the leader's log, including entries
    /// created by previous leaders."</summary>
    [Fact]
    public void Committing_an_entry_commits_all_preceding_entries()
    {
        var h = new RaftHarness(3);
        h.SetLog(1, 3, 0, 1, 2, 3);
        h.SetLog(2, 3, 0, 1);
        h.SetLog(3, 3, 0, 1);
        h.Elect(1);
        Assert.Equal(4, h[1].Log.Committed);
        Assert.Equal([1L, 2, 3, 4], h.Applied[1].Select(e => e.Index));
        Assert.Equal([1L, 2, 3, 4], h.Applied[2].Select(e => e.Index));
    }

    /// <summary>§5.3: "Once a follower learns that a log entry is committed, it applies the entry to its
    /// local state machine (in log order)", and never beyond what it has verified to match
    /// (commitIndex = min(leaderCommit, index of last new entry)).</summary>
    [Fact]
    public void Followers_commit_what_the_leader_says_is_committed()
    {
        var h = new RaftHarness(3);
        h.SetLog(1, 2, 0, 1, 1, 2);
        h[1].Step(Msg(MessageType.AppendEntries, 2, 1, 2) with { Index = 2, LogTerm = 1, Commit = 3 });
        Assert.Equal(2, h[1].Log.Committed); // entry 3 not verified by this message
        h[1].Step(Msg(MessageType.AppendEntries, 2, 1, 2) with { Index = 3, LogTerm = 2, Commit = 3 });
        Assert.Equal(3, h[1].Log.Committed);
        var ready = h[1].TakeReady();
        Assert.Equal([1L, 2, 3], ready.CommittedEntries.Select(e => e.Index));
    }

    /// <summary>§5.3: "If the follower does not find an entry in its log with the same index and term,
    /// then it refuses the new entries"; the rejection carries the conflicting term and its first index
    /// so the leader can skip the term in one round trip.</summary>
    [Theory]
    [InlineData(4, 2, 4, 0)]     // log too short: hint its end + 1
    [InlineData(3, 3, 2, 2)]     // term 2 at index 3, first index of term 2 is 2
    [InlineData(1, 2, 1, 1)]     // term 1 at index 1
    public void The_consistency_check_rejects_mismatched_logs(long prevIndex, long prevTerm, long hint, long conflictTerm)
    {
        var h = new RaftHarness(3);
        h.SetLog(1, 3, 0, 1, 2, 2);
        h[1].Step(Msg(MessageType.AppendEntries, 2, 1, 3) with { Index = prevIndex, LogTerm = prevTerm, Entries = [new Entry(prevIndex + 1, 3, EntryKind.Command, "y")] });
        var reply = Assert.Single(h[1].TakeReady().Messages);
        Assert.True(reply.Reject);
        Assert.Equal((hint, conflictTerm), (reply.Index, reply.ConflictTerm));
        Assert.Equal([1L, 2, 2], h.LogTerms(1));
    }

    /// <summary>§5.3, Figure 7: "the leader handles inconsistencies by forcing the followers' logs to
    /// duplicate its own": for each follower of the figure, after the leader of term 8 takes over, the
    /// follower's log equals the leader's (the figure's entries plus the leader's no-op of term 8).</summary>
    [Theory]
    [InlineData("a", 6, new long[] { 1, 1, 1, 4, 4, 5, 5, 6, 6 })]
    [InlineData("b", 4, new long[] { 1, 1, 1, 4 })]
    [InlineData("c", 6, new long[] { 1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6 })]
    [InlineData("d", 7, new long[] { 1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7 })]
    [InlineData("e", 4, new long[] { 1, 1, 1, 4, 4, 4, 4 })]
    [InlineData("f", 3, new long[] { 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3 })]
    public void The_leader_repairs_every_follower_of_Figure_7(string figureCase, long followerTerm, long[] followerLog)
    {
        long[] leaderLog = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];
        var h = new RaftHarness(3, c => c with { MaxEntriesPerAppend = 2 });
        h.SetLog(1, 7, 0, leaderLog);
        h.SetLog(2, followerTerm, 0, followerLog);
        h.SetLog(3, 7, 0, leaderLog);
        h.Elect(1);
        Assert.True(h[1].Role == Role.Leader, $"case {figureCase}");
        Assert.Equal(8, h[1].Term);
        Assert.Equal([.. leaderLog, 8], h.LogTerms(2));
        h.Tick(1); // the next heartbeat carries the commit index
        h.Stabilize();
        Assert.Equal(11, h[2].Log.Committed);
    }

    /// <summary>§5.4.2, Figure 8: "Raft never commits log entries from previous terms by counting
    /// replicas. Only log entries from the leader's current term are committed by counting replicas."</summary>
    [Fact]
    public void Leader_never_commits_an_entry_from_an_earlier_term_by_counting_replicas()
    {
        var h = new RaftHarness(3, c => c with { MaxEntriesPerAppend = 1 });
        h.SetLog(1, 3, 0, 1, 2); // entry 2 was created by the leader of term 2
        h.SetLog(2, 3, 0, 1);
        h.SetLog(3, 3, 0, 1);
        h[1].Campaign();
        h.Process(1);
        h.DeliverBetween(1, 0);
        h.DeliverBetween(0, 1);
        Assert.Equal((Role.Leader, 4L), (h[1].Role, h[1].Term));
        h.DropBetween(1, 3);
        h.DeliverBetween(1, 2); // prev 2@2 + [3@4]: rejected, 2 lacks index 2
        h.DeliverBetween(2, 1);
        h.DeliverBetween(1, 2); // prev 1@1 + [2@2]
        h.DeliverBetween(2, 1);
        Assert.Equal(2, h[1].Progress[2].Match);
        Assert.Equal(0, h[1].Log.Committed); // entry 2 (term 2) is on 2 of 3 servers, and the leader knows it: not committed
        h.DeliverBetween(1, 2); // [3@4]
        h.DeliverBetween(2, 1);
        Assert.Equal(3, h[1].Log.Committed); // the term-4 entry commits, and entry 2 with it
    }

    /// <summary>§5.4.1: "the voter denies its vote if its own log is more up-to-date than that of the
    /// candidate": compare the terms of the last entries, then the lengths.</summary>
    [Theory]
    [InlineData(3, 2, false)] // candidate's last term lower
    [InlineData(2, 3, false)] // same last term, shorter log
    [InlineData(3, 3, true)]  // identical
    [InlineData(4, 3, true)]  // same last term, longer
    [InlineData(2, 4, true)]  // higher last term beats length
    public void Votes_are_withheld_from_candidates_with_less_up_to_date_logs(long candidateLastIndex, long candidateLastTerm, bool granted)
    {
        var h = new RaftHarness(3);
        h.SetLog(1, 3, 0, 1, 2, 3);
        h[1].Step(Msg(MessageType.RequestVote, 2, 1, 5) with { Index = candidateLastIndex, LogTerm = candidateLastTerm });
        var reply = Assert.Single(h[1].TakeReady().Messages);
        Assert.Equal(!granted, reply.Reject);
        Assert.Equal(granted ? 2 : 0, h[1].Vote);
    }

    /// <summary>§5.4.3 (Leader Completeness) in practice: after any single crash of the leader, the
    /// new leader holds every committed entry.</summary>
    [Fact]
    public void A_new_leader_holds_every_committed_entry()
    {
        var h = new RaftHarness(5);
        h.Elect(1);
        for (int i = 0; i < 5; i++) h[1].Propose($"v{i}");
        h.Stabilize();
        var committed = h[1].Log.Committed;
        h.Crash(1);
        h.Elect(3);
        Assert.Equal(Role.Leader, h[3].Role);
        Assert.True(h[3].Log.LastIndex >= committed);
        for (long i = 1; i <= committed; i++) Assert.Equal(h.Storage[1].Entries[(int)i - 1].Term, h[3].Log.TermAt(i));
    }

    /// <summary>The Ready contract (etcd): a reply to a vote request is handed out together with the
    /// persisted vote, so a host that persists before sending cannot forget a vote it gave.</summary>
    [Fact]
    public void A_vote_is_handed_out_with_the_state_that_records_it()
    {
        var node = new RaftNode(new RaftConfig { Id = 1, Voters = [1, 2, 3] });
        node.Step(Msg(MessageType.RequestVote, 2, 1, 1));
        var ready = node.TakeReady();
        Assert.Equal(new HardState(1, 2, 0), ready.HardState);
        Assert.Single(ready.Messages);
        Assert.False(node.HasReady);
    }
}
