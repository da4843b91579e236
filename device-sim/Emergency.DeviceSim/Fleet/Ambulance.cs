using Emergency.DeviceSim.Physiology;
using Emergency.DeviceSim.Wire;
using Emergency.Domain.Ambulances;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;

namespace Emergency.DeviceSim.Fleet;

/// <summary>
/// An ambulance: crew tablet (status), GPS (position) and patient monitor (vitals) under one device id.
/// Missions cycle dispatched → on-scene → transporting → at-hospital → available (rarely out-of-service),
/// weighted so that most of the time a patient is on board and vitals are flowing.
/// </summary>
internal sealed class Ambulance : SimDevice
{
    public const double MinSpeedKmh = 20;
    public const double MaxSpeedKmh = 60;

    private static readonly (Scenario Scenario, double Weight)[] ScenarioMix =
    [
        (Scenario.Sepsis, 25),
        (Scenario.Haemorrhage, 15),
        (Scenario.CopdOnOxygen, 15),
        (Scenario.Stemi, 15),
        (Scenario.Stroke, 15),
        (Scenario.Stable, 15),
    ];

    private readonly Random _random;
    private readonly RegionMap _map;
    private readonly PatientIdSource _patientIds;
    private readonly TimeSpan _positionInterval;

    private LocalPoint _position;
    private Route? _route;
    private double _heading;
    private double _speedKmh;
    private double _targetSpeedKmh;
    private TimeSpan _targetSpeedLeft;
    private TimeSpan _phaseLeft;
    private TimeSpan _sincePosition;
    private bool _positionDue = true;
    private bool _statusChanged = true;

    public Ambulance(string id, string region, RegionMap map, int seed, PatientIdSource patientIds, TimeSpan tickInterval, TimeSpan positionInterval)
        : base(id, DeviceKind.Ambulance, region, tickInterval)
    {
        _random = new Random(seed);
        _map = map;
        _patientIds = patientIds;
        _positionInterval = positionInterval;
        _targetSpeedKmh = _random.NextRange(30, 50);
        _speedKmh = _targetSpeedKmh;

        var roll = _random.NextDouble();
        _position = map.RandomPoint(_random);
        if (roll < 0.70)
        {
            BoardPatient(progressedBy: TimeSpan.FromMinutes(_random.NextRange(5, 20)));
            StartTransport();
        }
        else if (roll < 0.80)
        {
            BoardPatient(progressedBy: TimeSpan.FromMinutes(_random.NextRange(0, 10)));
            Enter(AmbulanceStatus.OnScene, TimeSpan.FromMinutes(_random.NextRange(1, 6)));
        }
        else if (roll < 0.90)
        {
            StartDispatch();
        }
        else
        {
            _position = map.Hospitals[_random.Next(map.Hospitals.Count)];
            Enter(AmbulanceStatus.Available, TimeSpan.FromMinutes(_random.NextRange(0.5, 2)));
        }
    }

    public AmbulanceStatus Status { get; private set; }

    /// <summary>The patient on board (or being treated on scene), if any.</summary>
    public string? PatientId { get; private set; }

    public PatientModel? Patient { get; private set; }

    /// <summary>Set when this ambulance's monitor streams its patient's ECG (<c>--ecg</c>).</summary>
    public Physiology.EcgStream? Ecg { get; init; }

    /// <summary>Whether the patient on board has an inferior STEMI on the ECG (one patient in four).</summary>
    public bool PatientHasStemi { get; private set; }

    public LocalPoint Position => _position;

    public double SpeedKmh => _speedKmh;

    public int Heading => (int)Math.Round(_heading, MidpointRounding.AwayFromZero) % 360;

    public override void Tick(DateTimeOffset now, TimeSpan elapsed, TimeSpan simulated, ICollection<OutboundFrame> output)
    {
        Advance(simulated);

        if (_statusChanged)
        {
            _statusChanged = false;
            output.Add(Encoder.Status(Topics.Status, NextSeq(), now, Status, PatientId));
        }

        if (Patient is not null && PatientId is not null)
        {
            Patient.Advance(simulated);
            var vitals = Patient.Measure();
            output.Add(Encoder.Vitals(Topics.Vitals, NextSeq(), now, PatientId, vitals));
            Ecg?.Emit(now, vitals.Hr ?? 80, PatientHasStemi, Topics.Ecg, output);
        }

        _sincePosition += elapsed;

        // Half a tick of tolerance so a slightly early tick does not push the fix to the next one.
        if (_positionDue || _sincePosition + TickInterval / 2 >= _positionInterval)
        {
            _positionDue = false;
            _sincePosition = TimeSpan.Zero;
            var (lat, lon) = _map.ToLatLon(_position);
            output.Add(Encoder.Position(Topics.Position, NextSeq(), now, lat, lon, Math.Round(_speedKmh, 1), Heading));
        }
    }

    private void Advance(TimeSpan dt)
    {
        if (dt <= TimeSpan.Zero)
        {
            return;
        }

        switch (Status)
        {
            case AmbulanceStatus.Dispatched:
                if (Drive(dt))
                {
                    BoardPatient(progressedBy: TimeSpan.FromMinutes(_random.NextRange(0, 10)));
                    Enter(AmbulanceStatus.OnScene, TimeSpan.FromMinutes(_random.NextRange(3, 8)));
                }

                break;

            case AmbulanceStatus.Transporting:
                if (Drive(dt))
                {
                    Enter(AmbulanceStatus.AtHospital, TimeSpan.FromMinutes(_random.NextRange(2, 5)));
                }

                break;

            case AmbulanceStatus.OnScene:
                if (Wait(dt))
                {
                    StartTransport();
                }

                break;

            case AmbulanceStatus.AtHospital:
                if (Wait(dt))
                {
                    Patient = null;
                    PatientId = null;
                    if (_random.NextDouble() < 0.05)
                    {
                        Enter(AmbulanceStatus.OutOfService, TimeSpan.FromMinutes(_random.NextRange(5, 10)));
                    }
                    else
                    {
                        Enter(AmbulanceStatus.Available, TimeSpan.FromMinutes(_random.NextRange(0.5, 2)));
                    }
                }

                break;

            case AmbulanceStatus.OutOfService:
                if (Wait(dt))
                {
                    Enter(AmbulanceStatus.Available, TimeSpan.FromMinutes(_random.NextRange(0.5, 2)));
                }

                break;

            default:
                if (Wait(dt))
                {
                    StartDispatch();
                }

                break;
        }
    }

    private void BoardPatient(TimeSpan progressedBy)
    {
        PatientId = _patientIds.Next(_random);
        Patient = new PatientModel(PickScenario(), _random.Next(), progressedBy);
        PatientHasStemi = _random.NextDouble() < 0.25;
    }

    private Scenario PickScenario()
    {
        var total = ScenarioMix.Sum(s => s.Weight);
        var roll = _random.NextDouble() * total;
        foreach (var (scenario, weight) in ScenarioMix)
        {
            roll -= weight;
            if (roll < 0)
            {
                return scenario;
            }
        }

        return Scenario.Stable;
    }

    private void StartDispatch()
    {
        var scene = _map.RandomPointNear(_random, _position, 1_000, 4_000);
        _route = Route.Plan(_position, scene, _random);
        Enter(AmbulanceStatus.Dispatched, TimeSpan.Zero);
    }

    private void StartTransport()
    {
        var candidates = _map.Hospitals.Where(h => h.DistanceTo(_position) >= 2_000).ToList();
        if (candidates.Count == 0)
        {
            candidates = [.. _map.Hospitals];
        }

        var hospital = candidates[_random.Next(candidates.Count)];
        _route = Route.Plan(_position, hospital, _random);
        Enter(AmbulanceStatus.Transporting, TimeSpan.Zero);
    }

    private void Enter(AmbulanceStatus status, TimeSpan duration)
    {
        Status = status;
        _phaseLeft = duration;
        _statusChanged = true;
        if (status is AmbulanceStatus.Dispatched or AmbulanceStatus.Transporting)
        {
            _speedKmh = Math.Clamp(_targetSpeedKmh, MinSpeedKmh, MaxSpeedKmh);
            _heading = _route?.Heading ?? _heading;
        }
        else
        {
            _speedKmh = 0;
            _route = null;
        }
    }

    private bool Wait(TimeSpan dt)
    {
        _phaseLeft -= dt;
        return _phaseLeft <= TimeSpan.Zero;
    }

    /// <summary>Drives along the current route; true on arrival.</summary>
    private bool Drive(TimeSpan dt)
    {
        if (_route is null)
        {
            return true;
        }

        _targetSpeedLeft -= dt;
        if (_targetSpeedLeft <= TimeSpan.Zero)
        {
            _targetSpeedKmh = _random.NextRange(MinSpeedKmh, MaxSpeedKmh);
            _targetSpeedLeft = TimeSpan.FromSeconds(_random.NextRange(15, 60));
        }

        var seconds = dt.TotalSeconds;
        _speedKmh += (_targetSpeedKmh - _speedKmh) * (1 - Math.Exp(-seconds / 8));
        _speedKmh = Math.Clamp(_speedKmh, MinSpeedKmh, MaxSpeedKmh);
        _route.Advance(_speedKmh / 3.6 * seconds);
        _position = _route.Position;
        _heading = _route.Heading;
        return _route.Arrived;
    }
}
