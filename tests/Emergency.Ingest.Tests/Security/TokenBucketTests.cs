using Emergency.Ingest.Security;

namespace Emergency.Ingest.Tests.Security;

public sealed class TokenBucketTests
{
    private const long Frequency = 1_000; // timestamps in milliseconds

    [Fact]
    public void A_full_bucket_passes_a_burst_then_refuses()
    {
        var bucket = new TokenBucket(ratePerSecond: 50, burst: 200, nowTimestamp: 0);
        Assert.Equal(200, Enumerable.Range(0, 250).Count(_ => bucket.TryTake(0, Frequency)));
        Assert.False(bucket.TryTake(0, Frequency));
    }

    [Fact]
    public void Tokens_come_back_at_the_rate()
    {
        var bucket = new TokenBucket(ratePerSecond: 50, burst: 200, nowTimestamp: 0);
        while (bucket.TryTake(0, Frequency)) { }

        Assert.False(bucket.TryTake(19, Frequency));  // 0.95 of a token
        Assert.True(bucket.TryTake(20, Frequency));   // one token after 20 ms at 50/s
        Assert.False(bucket.TryTake(20, Frequency));
        // One second later: 50 more, no more.
        Assert.Equal(50, Enumerable.Range(0, 100).Count(_ => bucket.TryTake(1_020, Frequency)));
    }

    [Fact]
    public void Refill_never_exceeds_the_burst()
    {
        var bucket = new TokenBucket(ratePerSecond: 10, burst: 5, nowTimestamp: 0);
        Assert.Equal(5, Enumerable.Range(0, 20).Count(_ => bucket.TryTake(3_600_000, Frequency)));
    }

    [Fact]
    public void Sustained_rate_at_the_limit_is_never_refused()
    {
        var bucket = new TokenBucket(ratePerSecond: 50, burst: 1, nowTimestamp: 0);
        for (long t = 20; t <= 10_000; t += 20)
        {
            Assert.True(bucket.TryTake(t, Frequency), $"refused at {t} ms");
        }
    }

    [Fact]
    public void A_clock_that_steps_back_does_not_mint_tokens()
    {
        var bucket = new TokenBucket(ratePerSecond: 1, burst: 1, nowTimestamp: 10_000);
        Assert.True(bucket.TryTake(10_000, Frequency));
        Assert.False(bucket.TryTake(5_000, Frequency));
        Assert.False(bucket.TryTake(5_500, Frequency));
    }
}
