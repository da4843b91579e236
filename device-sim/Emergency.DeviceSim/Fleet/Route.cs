namespace Emergency.DeviceSim.Fleet;

/// <summary>
/// A street-like route: a staircase of straight legs alternating east–west and north–south
/// (city blocks), followed leg by leg.
/// </summary>
internal sealed class Route
{
    private readonly List<LocalPoint> _waypoints;
    private int _next;

    private Route(List<LocalPoint> waypoints, LocalPoint position)
    {
        _waypoints = waypoints;
        Position = position;
        _next = 0;
        Heading = _waypoints.Count > 0 ? position.BearingTo(_waypoints[0]) : 0;
    }

    public LocalPoint Position { get; private set; }

    public LocalPoint Destination => _waypoints.Count > 0 ? _waypoints[^1] : Position;

    /// <summary>Compass heading of the current leg, degrees.</summary>
    public double Heading { get; private set; }

    public bool Arrived => _next >= _waypoints.Count;

    public double RemainingMetres
    {
        get
        {
            if (Arrived)
            {
                return 0;
            }

            var total = Position.DistanceTo(_waypoints[_next]);
            for (var i = _next + 1; i < _waypoints.Count; i++)
            {
                total += _waypoints[i - 1].DistanceTo(_waypoints[i]);
            }

            return total;
        }
    }

    public static Route Plan(LocalPoint from, LocalPoint to, Random random)
    {
        var steps = 1 + random.Next(3);
        var xFirst = random.Next(2) == 0;
        var fractions = Enumerable.Range(0, steps - 1).Select(_ => random.NextDouble()).Order().Append(1.0).ToArray();
        var points = new List<LocalPoint>();
        var current = from;
        foreach (var f in fractions)
        {
            var next = new LocalPoint(from.X + (to.X - from.X) * f, from.Y + (to.Y - from.Y) * f);
            var corner = xFirst ? new LocalPoint(next.X, current.Y) : new LocalPoint(current.X, next.Y);
            Add(points, current, corner);
            Add(points, current, next);
            current = next;
        }

        if (points.Count == 0 || points[^1] != to)
        {
            points.Add(to);
        }

        return new Route(points, from);

        static void Add(List<LocalPoint> points, LocalPoint from, LocalPoint p)
        {
            var last = points.Count > 0 ? points[^1] : from;
            if (last.DistanceTo(p) > 1)
            {
                points.Add(p);
            }
        }
    }

    /// <summary>Drives up to <paramref name="metres"/> along the route; returns the distance actually covered.</summary>
    public double Advance(double metres)
    {
        var covered = 0.0;
        while (metres - covered > 1e-9 && !Arrived)
        {
            var target = _waypoints[_next];
            var leg = Position.DistanceTo(target);
            if (leg > 1e-9)
            {
                Heading = Position.BearingTo(target);
            }

            if (leg <= metres - covered)
            {
                covered += leg;
                Position = target;
                _next++;
            }
            else
            {
                Position = Position.MoveTowards(target, metres - covered);
                covered = metres;
            }
        }

        return covered;
    }
}
