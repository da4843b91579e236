namespace Emergency.History.Tests;

public sealed class HistoryQueryTests
{
    private static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_must_be_before_to()
    {
        var ex = Assert.Throws<ArgumentException>(() => HistoryQuery.Validate("p", From, From, TimeSpan.FromMinutes(1)));
        Assert.Contains("must be before", ex.Message);
        Assert.Throws<ArgumentException>(() => HistoryQuery.Validate("p", From.AddHours(1), From, TimeSpan.FromMinutes(1)));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-10_000L)]
    [InlineData(15_000L)] // 1.5 ms
    public void Step_must_be_a_positive_whole_number_of_milliseconds(long ticks)
    {
        var ex = Assert.Throws<ArgumentException>(() => HistoryQuery.Validate("p", From, From.AddHours(1), TimeSpan.FromTicks(ticks)));
        Assert.Equal("step", ex.ParamName);
    }

    [Fact]
    public void At_most_ten_thousand_buckets()
    {
        HistoryQuery.Validate("p", From, From.AddSeconds(10_000), TimeSpan.FromSeconds(1));
        var ex = Assert.Throws<ArgumentException>(() => HistoryQuery.Validate("p", From, From.AddSeconds(10_001), TimeSpan.FromSeconds(1)));
        Assert.Contains("10001 buckets", ex.Message);
        Assert.Contains("larger step", ex.Message);
    }

    [Fact]
    public void Patient_id_is_required()
    {
        Assert.ThrowsAny<ArgumentException>(() => HistoryQuery.Validate("", From, From.AddHours(1), TimeSpan.FromMinutes(1)));
        Assert.ThrowsAny<ArgumentException>(() => HistoryQuery.Validate(null!, From, From.AddHours(1), TimeSpan.FromMinutes(1)));
    }

    [Theory]
    [InlineData(0L, 60_000L, 0L)]
    [InlineData(59_999L, 60_000L, 0L)]
    [InlineData(60_000L, 60_000L, 60_000L)]
    [InlineData(-1L, 60_000L, -60_000L)]
    [InlineData(-60_000L, 60_000L, -60_000L)]
    [InlineData(1_000L, 7_000L, 0L)]
    public void Buckets_start_at_epoch_multiples_of_the_step(long time, long step, long start) =>
        Assert.Equal(start, HistoryQuery.BucketStart(time, step));

    [Fact]
    public void Bucket_count_includes_partial_first_and_last_buckets()
    {
        Assert.Equal(10, HistoryQuery.BucketCount(0, 600_000, 60_000));
        Assert.Equal(11, HistoryQuery.BucketCount(30_000, 630_000, 60_000));
        Assert.Equal(1, HistoryQuery.BucketCount(5, 6, 60_000));
    }
}
