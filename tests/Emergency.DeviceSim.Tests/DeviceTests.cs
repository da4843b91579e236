using System.Text.Json;
using Emergency.DeviceSim.Fleet;
using Emergency.DeviceSim.Physiology;
using Emergency.DeviceSim.Wire;
using Emergency.Domain.Ambulances;

namespace Emergency.DeviceSim.Tests;

public class DeviceTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static Ambulance NewAmbulance(int seed, PatientIdSource? ids = null) =>
        new("AMB-01", "sh", TestSupport.Shanghai(), seed, ids ?? new PatientIdSource(), Second, TimeSpan.FromSeconds(5));

    [Fact]
    public void Ambulance_seq_starts_at_one_and_increases_by_one_across_its_topics()
    {
        var frames = TestSupport.TickMany(NewAmbulance(3), 600);
        var seqs = frames.Select(f => TestSupport.Parse(f.Frame).GetProperty("seq").GetInt64()).ToList();

        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal(seqs, frames.Select(f => f.Frame.Seq));
        Assert.Contains(frames, f => f.Frame.Kind == FrameKind.Position);
        Assert.Contains(frames, f => f.Frame.Kind == FrameKind.Status);
    }

    [Fact]
    public void Ambulance_first_tick_announces_status_and_position()
    {
        var frames = TestSupport.TickMany(NewAmbulance(1), 1);

        Assert.Equal(FrameKind.Status, frames[0].Frame.Kind);
        Assert.Equal(FrameKind.Position, frames[^1].Frame.Kind);
        Assert.All(frames, f => f.Frame.Release());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Ambulance_positions_stay_in_the_region_at_street_speeds(int seed)
    {
        var positions = new List<JsonElement>();
        foreach (var (frame, _) in TestSupport.TickMany(NewAmbulance(seed), 3 * 3600))
        {
            if (frame.Kind == FrameKind.Position)
            {
                positions.Add(TestSupport.Parse(frame));
            }
            else
            {
                frame.Release();
            }
        }

        Assert.True(positions.Count > 3 * 3600 / 5 - 10, $"a fix every 5 s expected, got {positions.Count}");
        foreach (var p in positions)
        {
            Assert.InRange(p.GetProperty("lat").GetDouble(), 31.2304 - 0.15, 31.2304 + 0.15); // ~16 km
            Assert.InRange(p.GetProperty("lon").GetDouble(), 121.4737 - 0.18, 121.4737 + 0.18);
            var speed = p.GetProperty("speedKmh").GetDouble();
            Assert.True(speed == 0 || speed is >= 20 and <= 60, $"speed {speed}");
            Assert.InRange(p.GetProperty("heading").GetInt32(), 0, 359);
        }

        Assert.Contains(positions, p => p.GetProperty("speedKmh").GetDouble() > 0);
        Assert.Contains(positions, p => p.GetProperty("speedKmh").GetDouble() == 0);
    }

    [Fact]
    public void Ambulance_missions_follow_the_status_cycle_with_patients_on_board()
    {
        var allowed = new Dictionary<AmbulanceStatus, AmbulanceStatus[]>
        {
            [AmbulanceStatus.Dispatched] = [AmbulanceStatus.OnScene],
            [AmbulanceStatus.OnScene] = [AmbulanceStatus.Transporting],
            [AmbulanceStatus.Transporting] = [AmbulanceStatus.AtHospital],
            [AmbulanceStatus.AtHospital] = [AmbulanceStatus.Available, AmbulanceStatus.OutOfService],
            [AmbulanceStatus.OutOfService] = [AmbulanceStatus.Available],
            [AmbulanceStatus.Available] = [AmbulanceStatus.Dispatched],
        };
        var ticksByStatus = new Dictionary<AmbulanceStatus, int>();
        var withPatient = 0;
        var total = 0;
        for (var seed = 0; seed < 10; seed++)
        {
            var ambulance = NewAmbulance(seed);
            AmbulanceStatus? previous = null;
            string? currentPatient = null;
            var output = new List<OutboundFrame>();
            for (var i = 0; i < 4 * 3600; i++)
            {
                ambulance.Tick(TestSupport.T0 + Second * i, i == 0 ? TimeSpan.Zero : Second, i == 0 ? TimeSpan.Zero : Second, output);
                foreach (var frame in output)
                {
                    if (frame.Kind == FrameKind.Status)
                    {
                        var json = TestSupport.Parse(frame);
                        Assert.True(AmbulanceStatusCodes.TryParse(System.Text.Encoding.UTF8.GetBytes(json.GetProperty("status").GetString()!), out var status));
                        if (previous is { } p)
                        {
                            Assert.Contains(status, allowed[p]);
                        }

                        var hasPatient = json.TryGetProperty("patientId", out var pid);
                        Assert.Equal(status is AmbulanceStatus.OnScene or AmbulanceStatus.Transporting or AmbulanceStatus.AtHospital, hasPatient);
                        currentPatient = hasPatient ? pid.GetString() : null;
                        previous = status;
                    }
                    else if (frame.Kind == FrameKind.Vitals)
                    {
                        var json = TestSupport.Parse(frame);
                        Assert.NotNull(currentPatient);
                        Assert.Equal(currentPatient, json.GetProperty("patientId").GetString());
                    }
                    else
                    {
                        frame.Release();
                    }
                }

                output.Clear();
                ticksByStatus[ambulance.Status] = ticksByStatus.GetValueOrDefault(ambulance.Status) + 1;
                withPatient += ambulance.PatientId is null ? 0 : 1;
                total++;
            }
        }

        Assert.True(ticksByStatus[AmbulanceStatus.Transporting] > total * 0.4, "transporting most of the time");
        Assert.True(withPatient > total * 0.65, "vitals flowing most of the time");
        Assert.True(ticksByStatus.GetValueOrDefault(AmbulanceStatus.Dispatched) > 0);
        Assert.True(ticksByStatus.GetValueOrDefault(AmbulanceStatus.Available) > 0);
    }

    [Fact]
    public void Ambulance_patient_ids_look_like_the_contract_and_are_unique()
    {
        var ids = new PatientIdSource();
        var patients = Enumerable.Range(0, 200).Select(seed => NewAmbulance(seed, ids).PatientId).OfType<string>().ToList();

        Assert.True(patients.Count > 100);
        Assert.All(patients, p => Assert.Matches("^P-[0-9A-F]{5}$", p));
        Assert.Equal(patients.Count, patients.Distinct().Count());
    }

    [Fact]
    public void Same_seed_gives_the_same_fleet_and_frames()
    {
        static List<string> Run(int seed)
        {
            var devices = FleetBuilder.Build(new SimulationOptions { Ambulances = 3, Wearables = 3, FirstSeq = 1 }, seed);
            return [.. devices.SelectMany(d => TestSupport.TickMany(d, 120)).Select(f =>
            {
                var text = System.Text.Encoding.UTF8.GetString(f.Frame.Payload.Span);
                f.Frame.Release();
                return $"{f.Frame.Topic} {text}";
            })];
        }

        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Fact]
    public void Fleet_has_the_requested_devices_with_contract_ids()
    {
        var devices = FleetBuilder.Build(new SimulationOptions { Ambulances = 12, Wearables = 150, Region = "bj", RateHz = 2, WearableRateHz = 0.5 }, 1);

        Assert.Equal(["AMB-01", "AMB-12"], new[] { devices[0].Id, devices[11].Id });
        Assert.Equal(["W-0001", "W-0150"], new[] { devices[12].Id, devices[^1].Id });
        Assert.All(devices, d => Assert.True(DeviceIds.IsValid(d.Id)));
        Assert.All(devices.OfType<Ambulance>(), d => Assert.Equal(TimeSpan.FromSeconds(0.5), d.TickInterval));
        Assert.All(devices.OfType<Wearable>(), d => Assert.Equal(TimeSpan.FromSeconds(2), d.TickInterval));
        Assert.StartsWith("ems/bj/ambulance/AMB-01/", devices[0].Topics.Vitals, StringComparison.Ordinal);
        var scenarios = devices.OfType<Wearable>().GroupBy(w => w.Patient.Scenario).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(scenarios[Scenario.Stable] + scenarios.GetValueOrDefault(Scenario.CopdOnOxygen) > 150 * 0.85, "home patients are mostly stable or COPD");
        Assert.True(scenarios.GetValueOrDefault(Scenario.CopdOnOxygen) > 0);
    }

    [Fact]
    public void Wearable_sends_a_subset_with_patient_id_in_every_frame()
    {
        var ids = new PatientIdSource();
        var wearable = Enumerable.Range(0, 100)
            .Select(seed => new Wearable("W-0001", "sh", seed, ids, Second))
            .First(w => w.Patient.Scenario == Scenario.Stable);
        var frames = TestSupport.TickMany(wearable, 20).Select(f => TestSupport.Parse(f.Frame)).ToList();

        Assert.Equal(Enumerable.Range(1, 20), frames.Select(f => f.GetProperty("seq").GetInt32()));
        Assert.All(frames, f => Assert.Equal(wearable.PatientId, f.GetProperty("patientId").GetString()));
        Assert.All(frames, f => Assert.True(f.TryGetProperty("hr", out _) && f.TryGetProperty("spo2", out _) && f.TryGetProperty("temp", out _)));
        Assert.All(frames, f => Assert.False(f.TryGetProperty("sbp", out _) || f.TryGetProperty("acvpu", out _)));
        Assert.Equal(20 / Wearable.RrEvery, frames.Count(f => f.TryGetProperty("rr", out _)));
        Assert.True(frames[0].TryGetProperty("rr", out _));
    }

    [Fact]
    public void Copd_wearable_reports_oxygen_and_scale_two()
    {
        var ids = new PatientIdSource();
        var wearable = Enumerable.Range(0, 200)
            .Select(seed => new Wearable("W-0002", "sh", seed, ids, Second))
            .First(w => w.Patient.Scenario == Scenario.CopdOnOxygen);
        var frames = TestSupport.TickMany(wearable, 30).Select(f => TestSupport.Parse(f.Frame)).ToList();

        Assert.All(frames, f => Assert.Equal(JsonValueKind.True, f.GetProperty("o2").ValueKind));
        Assert.All(frames, f => Assert.Equal(2, f.GetProperty("spo2Scale").GetInt32()));
        Assert.All(frames, f => Assert.InRange(f.GetProperty("spo2").GetInt32(), 86, 90));
    }
}
