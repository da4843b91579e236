using Emergency.Domain.Devices;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Emergency.Domain.Tests;

public class SeqTrackerTests
{
    private static SeqTracker Fed(params long[] seqs)
    {
        var tracker = new SeqTracker();
        foreach (long seq in seqs) tracker.Observe(seq);
        return tracker;
    }

    [Fact]
    public void NewTracker_HasSeenNothing()
    {
        var tracker = new SeqTracker();

        Assert.False(tracker.HasSeen);
        Assert.Equal(-1, tracker.HighWaterMark);
        Assert.Equal(0, tracker.Duplicates);
        Assert.Equal(0, tracker.GapsOpened);
        Assert.Equal(0, tracker.MissingCount);
        Assert.Equal(0, tracker.ForgottenRanges);
        Assert.Equal(SeqTracker.DefaultMaxOpenRanges, tracker.MaxOpenRanges);
        Assert.Empty(tracker.MissingRanges);
    }

    [Fact]
    public void Seq0First_IsNew()
    {
        var tracker = new SeqTracker();

        Assert.Equal(SeqObservation.New, tracker.Observe(0));
        Assert.True(tracker.HasSeen);
        Assert.Equal(0, tracker.HighWaterMark);
        Assert.Equal(0, tracker.GapsOpened);
    }

    [Fact]
    public void Seq0Twice_IsDuplicate()
    {
        var tracker = Fed(0);

        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(0));
        Assert.Equal(1, tracker.Duplicates);
    }

    [Fact]
    public void FirstSeqAbove0_SetsBaseline_OpensNoGap()
    {
        var tracker = new SeqTracker();

        Assert.Equal(SeqObservation.New, tracker.Observe(1000));
        Assert.Equal(0, tracker.GapsOpened);
        Assert.Equal(0, tracker.MissingCount);
        Assert.Equal(1000, tracker.LowWaterMark);
    }

    [Fact]
    public void InOrder_AllNew_NoGapsNoDuplicates()
    {
        var tracker = new SeqTracker();

        for (long seq = 0; seq < 100; seq++)
            Assert.Equal(SeqObservation.New, tracker.Observe(seq));

        Assert.Equal(99, tracker.HighWaterMark);
        Assert.Equal(0, tracker.Duplicates);
        Assert.Equal(0, tracker.GapsOpened);
        Assert.Equal(0, tracker.MissingCount);
    }

    [Fact]
    public void RepeatOfHighWaterMark_IsDuplicate()
    {
        var tracker = Fed(1, 2, 3);

        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(3));
        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(3));
        Assert.Equal(2, tracker.Duplicates);
        Assert.Equal(3, tracker.HighWaterMark);
    }

    [Fact]
    public void SeqBelowFirstSeen_IsGapFill_LowersBaseline()
    {
        var tracker = Fed(2); // seq 1 went to a slower node and arrives second

        Assert.Equal(SeqObservation.GapFill, tracker.Observe(1));
        Assert.Equal(1, tracker.LowWaterMark);
        Assert.Equal(0, tracker.GapsOpened);
        Assert.Equal(0, tracker.Duplicates);
        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(1));
        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(2));
    }

    [Fact]
    public void SeqWellBelowFirstSeen_OpensGapBetween()
    {
        var tracker = Fed(10, 11);

        Assert.Equal(SeqObservation.GapFill, tracker.Observe(7));
        Assert.Equal([new SeqRange(8, 9)], tracker.MissingRanges);
        Assert.Equal(SeqObservation.GapFill, tracker.Observe(8));
        Assert.Equal(SeqObservation.GapFill, tracker.Observe(9));
        Assert.Equal(0, tracker.MissingCount);
        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(7));
    }

    [Fact]
    public void OlderSeqOutsideAnyGap_IsDuplicate()
    {
        var tracker = Fed(1, 2, 3, 4);

        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(2));
        Assert.Equal(1, tracker.Duplicates);
        Assert.Equal(4, tracker.HighWaterMark);
    }

    [Fact]
    public void Jump_RecordsGap()
    {
        var tracker = Fed(1, 2);

        Assert.Equal(SeqObservation.New, tracker.Observe(6));

        Assert.Equal(6, tracker.HighWaterMark);
        Assert.Equal(1, tracker.GapsOpened);
        Assert.Equal(3, tracker.MissingCount);
        Assert.Equal([new SeqRange(3, 5)], tracker.MissingRanges);
        Assert.True(tracker.IsMissing(4));
        Assert.False(tracker.IsMissing(6));
    }

    [Fact]
    public void JumpByOne_RecordsSingleSeqGap()
    {
        var tracker = Fed(1, 3);

        Assert.Equal(1, tracker.GapsOpened);
        Assert.Equal([new SeqRange(2, 2)], tracker.MissingRanges);
        Assert.Equal(1, tracker.MissingCount);
    }

    [Fact]
    public void SeveralJumps_RecordSeveralRanges()
    {
        var tracker = Fed(0, 5, 6, 10);

        Assert.Equal(2, tracker.GapsOpened);
        Assert.Equal([new SeqRange(1, 4), new SeqRange(7, 9)], tracker.MissingRanges);
        Assert.Equal(7, tracker.MissingCount);
    }

    [Fact]
    public void GapFill_MiddleOfRange_SplitsIt()
    {
        var tracker = Fed(0, 10);

        Assert.Equal(SeqObservation.GapFill, tracker.Observe(5));

        Assert.Equal([new SeqRange(1, 4), new SeqRange(6, 9)], tracker.MissingRanges);
        Assert.Equal(8, tracker.MissingCount);
        Assert.Equal(10, tracker.HighWaterMark);
        Assert.Equal(1, tracker.GapsOpened);
        Assert.Equal(1, tracker.GapFills);
    }

    [Fact]
    public void GapFill_AtRangeStart_ShrinksIt()
    {
        var tracker = Fed(0, 10);

        Assert.Equal(SeqObservation.GapFill, tracker.Observe(1));
        Assert.Equal([new SeqRange(2, 9)], tracker.MissingRanges);
    }

    [Fact]
    public void GapFill_AtRangeEnd_ShrinksIt()
    {
        var tracker = Fed(0, 10);

        Assert.Equal(SeqObservation.GapFill, tracker.Observe(9));
        Assert.Equal([new SeqRange(1, 8)], tracker.MissingRanges);
    }

    [Theory]
    [InlineData(new long[] { 1, 2, 3, 4, 5 })]
    [InlineData(new long[] { 5, 4, 3, 2, 1 })]
    [InlineData(new long[] { 3, 1, 5, 2, 4 })]
    [InlineData(new long[] { 2, 4, 3, 5, 1 })]
    public void GapFill_InAnyOrder_FillsWholeRange(long[] fills)
    {
        var tracker = Fed(0, 6);

        foreach (long seq in fills)
            Assert.Equal(SeqObservation.GapFill, tracker.Observe(seq));

        Assert.Empty(tracker.MissingRanges);
        Assert.Equal(0, tracker.MissingCount);
        Assert.Equal(5, tracker.GapFills);
        Assert.Equal(0, tracker.Duplicates);
        Assert.Equal(6, tracker.HighWaterMark);
    }

    [Fact]
    public void GapFill_SingleSeqRange_RemovesIt()
    {
        var tracker = Fed(0, 2, 5);

        Assert.Equal(SeqObservation.GapFill, tracker.Observe(1));
        Assert.Equal([new SeqRange(3, 4)], tracker.MissingRanges);
    }

    [Fact]
    public void GapFill_WithNewFramesInterleaved()
    {
        var tracker = Fed(0, 4);

        Assert.Equal(SeqObservation.GapFill, tracker.Observe(2));
        Assert.Equal(SeqObservation.New, tracker.Observe(5));
        Assert.Equal(SeqObservation.GapFill, tracker.Observe(1));
        Assert.Equal(SeqObservation.New, tracker.Observe(8));
        Assert.Equal(SeqObservation.GapFill, tracker.Observe(3));

        Assert.Equal([new SeqRange(6, 7)], tracker.MissingRanges);
        Assert.Equal(2, tracker.GapsOpened);
    }

    [Fact]
    public void DuplicateOfGapFilledSeq_IsDuplicate()
    {
        var tracker = Fed(0, 10);
        tracker.Observe(5);
        tracker.Observe(1);

        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(5));
        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(1));

        Assert.Equal(2, tracker.Duplicates);
        Assert.Equal(2, tracker.GapFills);
        Assert.Equal([new SeqRange(2, 4), new SeqRange(6, 9)], tracker.MissingRanges);
    }

    [Fact]
    public void RangeBound_Exceeded_ForgetsOldestRange()
    {
        var tracker = new SeqTracker(maxOpenRanges: 3);
        tracker.Observe(0);
        tracker.Observe(2);  // gap 1
        tracker.Observe(4);  // gap 3
        tracker.Observe(6);  // gap 5
        Assert.Equal(0, tracker.ForgottenRanges);

        tracker.Observe(10); // gap 7..9: the gap at 1 is forgotten

        Assert.Equal(1, tracker.ForgottenRanges);
        Assert.Equal(4, tracker.GapsOpened);
        Assert.Equal([new SeqRange(3, 3), new SeqRange(5, 5), new SeqRange(7, 9)], tracker.MissingRanges);
        Assert.Equal(5, tracker.MissingCount);
    }

    [Fact]
    public void ForgottenRange_LateArrival_IsDuplicate()
    {
        var tracker = new SeqTracker(maxOpenRanges: 1);
        tracker.Observe(0);
        tracker.Observe(5);  // gap 1..4
        tracker.Observe(10); // gap 6..9, forgets 1..4

        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(2));
        Assert.Equal(SeqObservation.GapFill, tracker.Observe(9));
        Assert.Equal(1, tracker.Duplicates);
        Assert.Equal(1, tracker.ForgottenRanges);
    }

    [Fact]
    public void RangeBound_SplitThatExceedsBound_ForgetsLowestPart()
    {
        var tracker = new SeqTracker(maxOpenRanges: 2);
        tracker.Observe(0);
        tracker.Observe(10); // gap 1..9
        tracker.Observe(20); // gap 11..19

        Assert.Equal(SeqObservation.GapFill, tracker.Observe(5));

        Assert.Equal(1, tracker.ForgottenRanges);
        Assert.Equal([new SeqRange(6, 9), new SeqRange(11, 19)], tracker.MissingRanges);
        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(3));
    }

    [Fact]
    public void RangeBound_NeverExceeded()
    {
        var tracker = new SeqTracker();
        for (long seq = 0; seq < 1_000; seq += 2) tracker.Observe(seq);

        Assert.Equal(SeqTracker.DefaultMaxOpenRanges, tracker.MissingRanges.Count);
        Assert.Equal(499, tracker.GapsOpened);
        Assert.Equal(499 - SeqTracker.DefaultMaxOpenRanges, tracker.ForgottenRanges);
        Assert.Equal(new SeqRange(871, 871), tracker.MissingRanges[0]);
        Assert.Equal(new SeqRange(997, 997), tracker.MissingRanges[^1]);
    }

    [Fact]
    public void LargeSeqValues()
    {
        const long Start = 5_000_000_000L;
        var tracker = Fed(Start);

        Assert.Equal(SeqObservation.New, tracker.Observe(long.MaxValue));
        Assert.Equal(long.MaxValue, tracker.HighWaterMark);
        Assert.Equal([new SeqRange(Start + 1, long.MaxValue - 1)], tracker.MissingRanges);
        Assert.Equal(long.MaxValue - Start - 1, tracker.MissingCount);

        Assert.Equal(SeqObservation.GapFill, tracker.Observe(long.MaxValue - 1));
        Assert.Equal(SeqObservation.GapFill, tracker.Observe(Start + 1));
        Assert.Equal(SeqObservation.GapFill, tracker.Observe(1L << 62));
        Assert.Equal(long.MaxValue - Start - 4, tracker.MissingCount);
        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(long.MaxValue));
        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(Start));
    }

    [Fact]
    public void MissingCount_Saturates()
    {
        var tracker = Fed(0, long.MaxValue / 2, long.MaxValue);

        Assert.Equal(long.MaxValue - 2, tracker.MissingCount);
        Assert.Equal(2, tracker.GapsOpened);
    }

    [Fact]
    public void NegativeSeq_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeqTracker().Observe(-1));

    [Fact]
    public void MaxOpenRangesBelow1_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeqTracker(0));

    [Fact]
    public void OrleansSerializer_RoundTripsState()
    {
        var tracker = new SeqTracker(maxOpenRanges: 2);
        foreach (long seq in new long[] { 0, 1, 5, 5, 9, 20, 7 }) tracker.Observe(seq);

        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var copy = serializer.Deserialize<SeqTracker>(serializer.SerializeToArray(tracker));

        Assert.NotNull(copy);
        Assert.NotSame(tracker, copy);

        Assert.Equal(tracker.MaxOpenRanges, copy.MaxOpenRanges);
        Assert.Equal(tracker.HighWaterMark, copy.HighWaterMark);
        Assert.Equal(tracker.Duplicates, copy.Duplicates);
        Assert.Equal(tracker.GapsOpened, copy.GapsOpened);
        Assert.Equal(tracker.GapFills, copy.GapFills);
        Assert.Equal(tracker.ForgottenRanges, copy.ForgottenRanges);
        Assert.Equal(tracker.MissingRanges, copy.MissingRanges);

        // The copy carries on where the original left off.
        Assert.Equal(SeqObservation.GapFill, copy.Observe(8));
        Assert.Equal(SeqObservation.Duplicate, copy.Observe(7));
        Assert.Equal(SeqObservation.Duplicate, copy.Observe(3));
    }
}
