using Workbench.Workloads;

namespace Workbench.Consensus.Raft;

/// <summary>The role of a server (§5.1), plus the thesis's pre-vote stage (§9.6).</summary>
public enum Role { Follower, PreCandidate, Candidate, Leader }

/// <summary>What a server keeps on stable storage: what it must come back with after a crash (Figure 2,
/// "persistent state on all servers", plus the last snapshot).</summary>
public sealed record PersistentState(HardState HardState, Snapshot? Snapshot, IReadOnlyList<Entry> Entries);

/// <summary>
/// One Raft server as a pure state machine (Ongaro &amp; Ousterhout, "In Search of an Understandable
/// Consensus Algorithm", USENIX ATC 2014; Ongaro, "Consensus: Bridging Theory and Practice", Stanford
/// PhD thesis 2014), in the style of etcd's raft package: the host feeds it clock ticks
/// (<see cref="Tick"/>), incoming messages (<see cref="Step"/>) and requests (<see cref="Propose"/>,
/// <see cref="ReadIndex"/>, <see cref="ProposeConfChange"/>, <see cref="TransferLeadership"/>,
/// <see cref="Compact"/>), and collects with <see cref="TakeReady"/> what to persist, send and apply, in
/// that order. No threads, clocks, sockets or global randomness inside: the randomized election timeout
/// comes from <see cref="RaftConfig.Seed"/>.
/// </summary>
/// <remarks>The behaviour is split by concept: elections and votes (RaftNode.Election.cs), log
/// replication and commitment (RaftNode.Replication.cs), snapshots (RaftNode.Snapshot.cs), membership
/// (RaftNode.Membership.cs), linearizable reads (RaftNode.ReadIndex.cs), leadership transfer
/// (RaftNode.Transfer.cs).</remarks>
public sealed partial class RaftNode
{
    private readonly RaftConfig _config;
    private SplitMix64 _random;
    private readonly List<Message> _outbox = [];
    private readonly List<ReadState> _readStates = [];
    private readonly Dictionary<int, Progress> _progress = [];
    private HardState _lastHardState;
    private Snapshot? _pendingSnapshot;
    private int _electionElapsed;
    private int _heartbeatElapsed;
    private int _randomizedElectionTimeout;

    /// <summary>Creates a server from its configuration and, after a restart, from what it persisted.</summary>
    public RaftNode(RaftConfig config, PersistentState? state = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        _config = config;
        _random = new SplitMix64(config.Seed ^ (0x5DEECE66DL * config.Id));
        Log = new RaftLog(state?.Snapshot, state?.Entries ?? []);
        if (state is not null)
        {
            Term = state.HardState.Term;
            Vote = state.HardState.Vote;
            if (state.HardState.Commit > Log.LastIndex) throw new ArgumentException($"state: commit {state.HardState.Commit} beyond last index {Log.LastIndex}", nameof(state));
            Log.Committed = Math.Max(Log.Committed, state.HardState.Commit);
        }
        _lastHardState = new HardState(Term, Vote, Log.Committed);
        _voters = state?.Snapshot is { } s ? [.. s.Voters] : [.. config.Voters];
        _voterSource = state?.Snapshot?.Index ?? 0;
        RecomputeVoters();
        BecomeFollower(Term, 0);
    }

    public int Id => _config.Id;

    public RaftConfig Config => _config;

    /// <summary>Current term (Figure 2 currentTerm).</summary>
    public long Term { get; private set; }

    /// <summary>The server voted for in <see cref="Term"/> (Figure 2 votedFor; 0 for none).</summary>
    public int Vote { get; private set; }

    public Role Role { get; private set; }

    /// <summary>The leader this server follows in <see cref="Term"/> (0 when unknown).</summary>
    public int Leader { get; private set; }

    public RaftLog Log { get; }

    /// <summary>The current randomized election timeout, in ticks (§5.2).</summary>
    public int ElectionTimeout => _randomizedElectionTimeout;

    /// <summary>The leader's view of each follower (empty unless leader).</summary>
    public IReadOnlyDictionary<int, Progress> Progress => _progress;

    /// <summary>Advances the logical clock by one tick: followers and candidates count toward an election
    /// (§5.2), leaders toward the next heartbeat and the check-quorum round (thesis §6.2).</summary>
    public void Tick()
    {
        _electionElapsed++;
        if (Role == Role.Leader)
        {
            _heartbeatElapsed++;
            if (_electionElapsed >= _config.ElectionTick)
            {
                _electionElapsed = 0;
                if (_config.CheckQuorum && !CheckQuorumActive())
                {
                    BecomeFollower(Term, 0);
                    return;
                }
                if (_leadTransferee != 0) AbortLeaderTransfer();
            }
            if (_heartbeatElapsed >= _config.HeartbeatTick)
            {
                _heartbeatElapsed = 0;
                BroadcastHeartbeat();
            }
        }
        else if (_electionElapsed >= _randomizedElectionTimeout && Promotable)
        {
            _electionElapsed = 0;
            StartElection(transfer: false);
        }
    }

    /// <summary>
    /// Processes one message from another server. First the term rule every server follows (§5.1,
    /// Figure 2 "Rules for Servers"): a message with a newer term makes the receiver adopt it and
    /// become a follower; a request with an older term is answered with the receiver's term so the
    /// stale sender learns of it, and an older response is ignored.
    /// </summary>
    public void Step(Message m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.To != Id) throw new ArgumentException($"message for {m.To} stepped into {Id}", nameof(m));
        if (m.Term > Term)
        {
            if ((m.Type is MessageType.RequestVote or MessageType.PreVote) && !m.Transfer && InLease())
            {
                // Thesis §4.2.3: while a server believes a current leader exists it disregards vote
                // requests, so a removed or partitioned server cannot depose a healthy leader.
                return;
            }
            if (m.Type == MessageType.PreVote || (m.Type == MessageType.PreVoteResponse && !m.Reject))
            {
                // A pre-vote carries the term the candidate would use; it changes no one's term (§9.6).
            }
            else
            {
                var leader = m.Type is MessageType.AppendEntries or MessageType.InstallSnapshot ? m.From : 0;
                BecomeFollower(m.Term, leader);
            }
        }
        else if (m.Term < Term)
        {
            switch (m.Type)
            {
                case MessageType.AppendEntries:
                case MessageType.InstallSnapshot:
                    Send(new Message(MessageType.AppendEntriesResponse, Id, m.From, Term) { Reject = true, Index = m.Index, Round = m.Round });
                    break;
                case MessageType.RequestVote:
                    Send(new Message(MessageType.RequestVoteResponse, Id, m.From, Term) { Reject = true });
                    break;
                case MessageType.PreVote:
                    Send(new Message(MessageType.PreVoteResponse, Id, m.From, Term) { Reject = true });
                    break;
            }
            return;
        }

        switch (m.Type)
        {
            case MessageType.PreVote:
            case MessageType.RequestVote:
                HandleVoteRequest(m);
                return;
            case MessageType.PreVoteResponse:
            case MessageType.RequestVoteResponse:
                HandleVoteResponse(m);
                return;
            case MessageType.AppendEntries:
                if (Role != Role.Follower) BecomeFollower(Term, m.From); // §5.2: a candidate that hears from the current leader steps down
                Leader = m.From;
                _electionElapsed = 0;
                HandleAppendEntries(m);
                return;
            case MessageType.InstallSnapshot:
                if (Role != Role.Follower) BecomeFollower(Term, m.From);
                Leader = m.From;
                _electionElapsed = 0;
                HandleInstallSnapshot(m);
                return;
            case MessageType.AppendEntriesResponse:
                if (Role == Role.Leader) HandleAppendResponse(m);
                return;
            case MessageType.TimeoutNow:
                if (Promotable) StartElection(transfer: true);
                return;
        }
    }

    /// <summary>True when there is something to collect with <see cref="TakeReady"/>.</summary>
    public bool HasReady => _outbox.Count > 0 || _readStates.Count > 0 || _pendingSnapshot is not null
        || Log.UnstableFrom != long.MaxValue || Log.Committed > Log.Applied || CurrentHardState != _lastHardState;

    private HardState CurrentHardState => new(Term, Vote, Log.Committed);

    /// <summary>
    /// Hands over what to persist, send and apply (see <see cref="Ready"/> for the order the host must
    /// follow) and marks it handed over: committed entries count as applied from now on.
    /// </summary>
    public Ready TakeReady()
    {
        var hs = CurrentHardState;
        var ready = new Ready
        {
            HardState = hs != _lastHardState ? hs : null,
            Snapshot = _pendingSnapshot,
            Entries = Log.TakeUnstable(),
            Messages = [.. _outbox],
            CommittedEntries = Log.Committed > Log.Applied ? Log.Slice(Log.Applied + 1, Log.Committed) : [],
            ReadStates = [.. _readStates],
        };
        _lastHardState = hs;
        _pendingSnapshot = null;
        _outbox.Clear();
        _readStates.Clear();
        if (Log.Committed > Log.Applied)
        {
            Log.Applied = Log.Committed;
            OnApplied();
        }
        return ready;
    }

    private void Send(Message m) => _outbox.Add(m);

    private void ResetTimers()
    {
        _electionElapsed = 0;
        _heartbeatElapsed = 0;
        int lo = _config.ElectionTick, hi = _config.ElectionTickUpper;
        _randomizedElectionTimeout = hi > lo ? lo + (int)_random.NextLong(hi - lo) : lo;
    }

    private void BecomeFollower(long term, int leader)
    {
        if (term != Term)
        {
            Term = term;
            Vote = 0;
        }
        Role = Role.Follower;
        Leader = leader;
        _progress.Clear();
        _votes.Clear();
        _leadTransferee = 0;
        _pendingReads.Clear();
        _waitingReads.Clear();
        ResetTimers();
    }

    private bool InLease() => _config.CheckQuorum && Leader != 0 && _electionElapsed < _config.ElectionTick;

    /// <summary>Whether this server may start elections: only members of the configuration do (thesis §4.2.2).</summary>
    private bool Promotable => _voters.Contains(Id);

    private int Quorum => _voters.Count / 2 + 1;

    public override string ToString() =>
        $"{Id} {Role} term={Term} vote={Vote} lead={Leader} last={Log.LastIndex}@{Log.LastTerm} commit={Log.Committed} applied={Log.Applied}";
}
