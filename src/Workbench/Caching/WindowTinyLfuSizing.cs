namespace Workbench.Caching;

/// <summary>
/// How W-TinyLFU divides its capacity (Einziger, Friedman &amp; Manes 2017, §4): a window LRU of
/// <c>capacity - (int)(mainFraction × capacity)</c> entries (1% when <c>mainFraction</c> is 0.99),
/// and a segmented-LRU main region of which <c>(int)(0.8 × main)</c> entries are protected. These are
/// the formulas of Caffeine's simulator and of BitFaster.Caching's <c>LfuCapacityPartition</c>, so
/// that comparisons with the peer differ only where the algorithms do.
/// <para>
/// The adaptive variant's hill climber is Caffeine's (<c>BoundedLocalCache.determineAdjustment</c>)
/// in the form BitFaster.Caching gives it (<c>LfuCapacityPartition.OptimizePartitioning</c>): every
/// sample of W = 10 × capacity requests, counted from the first request, it compares the sample's
/// hit rate with the previous one, keeps moving the window the same way if the hit rate did not drop
/// and turns round if it did; the step starts at 6.25% of the capacity, decays by a factor 0.98 per
/// sample, and restarts at 6.25% when the hit rate moves by 5 points or more. The main fraction stays
/// within [0.2, 0.999] and both limits are recomputed from it with the formulas above.
/// </para>
/// <para>
/// The climber runs when a production cache runs it: in the maintenance that follows a miss, after
/// the miss's eviction (BitFaster's <c>ConcurrentLfuCore.Maintenance</c> calls <c>EvictEntries</c>,
/// then <c>OptimizePartitioning</c>, then <c>ReFitProtected</c>; Caffeine's maintenance likewise
/// evicts, then climbs). So a sample closes at the first miss once it holds W requests (a run of
/// hits extends it), a smaller protected limit demotes protected's LRU entries at once, and a
/// smaller window is trimmed at the next miss, when its overflow moves to probation in LRU order and
/// the oldest of it competes with probation's LRU entry. Closing samples after exactly W requests and
/// trimming the window at once instead moves hit ratios at small sizes by up to a few points either
/// way, as a different hash seed does; over many seeds the maintenance timing agrees more closely
/// with BitFaster (<c>tinylfu/peer-seeds</c>).
/// </para>
/// <para>
/// Caffeine itself differs in three ways, which this type does not follow because the peer does not:
/// it keeps the step in entries and truncates each adjustment to whole entries (<c>(long) amount</c>,
/// so below 16 entries its window never moves); it moves the adjustment between the window and the
/// protected limit only, transferring entries at once (<c>increaseWindow</c> takes probation's LRU
/// entries into the window, <c>decreaseWindow</c> moves the window's LRU entries to probation and
/// keeps at least one); and it starts sampling only once its sketch is initialized, at half the
/// capacity. Here, as in BitFaster, a grown window fills with new keys (see
/// <see cref="WindowTinyLfuPolicy"/>) and a shrunk one hands its LRU entries to probation at the next miss.
/// </para>
/// </summary>
internal static class WindowTinyLfuSizing
{
    public const double DefaultMainFraction = 0.99;
    public const double ProtectedFraction = 0.8;
    public const double StepFraction = 0.0625;
    public const double StepDecay = 0.98;
    public const double RestartThreshold = 0.05;
    public const double MinMainFraction = 0.2;
    public const double MaxMainFraction = 0.999;

    public static (int Window, int Protected) Partition(int capacity, double mainFraction)
    {
        int window = capacity - (int)(mainFraction * capacity);
        int mainProtected = (int)(ProtectedFraction * (capacity - window));
        return (window, mainProtected);
    }

    /// <summary>The hill climber's state: previous sample hit rate, step (as a fraction of capacity), main fraction.</summary>
    public struct Climber()
    {
        public double MainFraction = DefaultMainFraction;
        public double Step = StepFraction;
        public double PreviousHitRate = 1.0;

        /// <summary>Takes one sample's hit rate and moves <see cref="MainFraction"/>.</summary>
        public void Adjust(double sampleHitRate)
        {
            double change = sampleHitRate - PreviousHitRate;
            double amount = change >= 0 ? Step : -Step;
            Step = Math.Abs(change) >= RestartThreshold ? StepFraction * (amount >= 0 ? 1 : -1) : StepDecay * amount;
            PreviousHitRate = sampleHitRate;
            MainFraction = Math.Clamp(MainFraction - amount, MinMainFraction, MaxMainFraction);
        }
    }
}
