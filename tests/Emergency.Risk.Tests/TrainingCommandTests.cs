using System.Text.Json;
using Emergency.Risk.Training;

namespace Emergency.Risk.Tests;

public sealed class TrainingCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("risk-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Training_on_a_small_seed_cohort_beats_News2_on_the_same_held_out_patients()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = TrainingCli.Run(["train", "--patients", "600", "--seed", "3", "--out", _dir, "--trees", "100", "--bootstrap", "30"], output, error);

        Assert.True(exit == 0, error.ToString());
        var printed = output.ToString();
        Assert.Contains("training FastTree", printed); // progress while training
        Assert.Contains("held-out AUROC: model", printed); // both figures in the summary
        Assert.Contains("vs NEWS2", printed);

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "report.json")));
        var rules = report.RootElement.GetProperty("rules").EnumerateArray().ToList();
        var news2 = rules.Single(r => r.GetProperty("rule").GetString() == "NEWS2 ≥ 5").GetProperty("auroc").GetProperty("value").GetDouble();
        var model = rules.Single(r => r.GetProperty("rule").GetString() == "model at NEWS2 ≥ 5's sensitivity").GetProperty("auroc").GetProperty("value").GetDouble();
        Assert.True(model > news2, $"model AUROC {model:0.000} does not exceed NEWS2's {news2:0.000}");
        Assert.True(report.RootElement.GetProperty("testPatients").GetInt32() >= 140);

        // The written model loads as the service loads it and says what it was trained on.
        var loaded = RiskModel.Load(Path.Combine(_dir, TrainCommand.ModelFileName));
        Assert.Contains("simulated", loaded.Manifest.TrainedOn);
        Assert.Contains("NOT validated for clinical use", loaded.Manifest.ClinicalUse);
        Assert.InRange(loaded.Manifest.AlertThreshold, 0.0001, 0.9999);
        Assert.True(File.Exists(Path.Combine(_dir, "report.md")));
    }

    [Fact]
    public void Training_on_a_file_with_a_bad_row_names_the_row_and_column_and_writes_no_model()
    {
        var data = Path.Combine(_dir, "records.csv");
        File.WriteAllLines(data,
        [
            "patient_id,time,hr,rr,spo2,sbp,dbp,temp,acvpu,o2,spo2_scale,age,outcome,outcome_time",
            "P1,2026-01-01T08:00:00Z,88,16,97,120,80,36.8,A,0,1,70,,",
            "P1,2026-01-01T08:01:00Z,88,16,97,120,80,36.8,Q,0,1,70,,",
        ]);
        var error = new StringWriter();

        var exit = TrainingCli.Run(["train", "--data", data, "--out", Path.Combine(_dir, "model")], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("row 3, column acvpu: 'Q' is not one of A, C, V, P, U", error.ToString());
        Assert.False(Directory.Exists(Path.Combine(_dir, "model")));
    }

    [Fact]
    public void Import_reports_a_clean_file_and_usage_errors_exit_1()
    {
        var data = Path.Combine(_dir, "cohort.csv");
        var output = new StringWriter();
        Assert.Equal(0, TrainingCli.Run(["cohort", "--patients", "25", "--seed", "8", "--out", data], output, new StringWriter()));
        Assert.Equal(0, TrainingCli.Run(["import", "--data", data], output, new StringWriter()));
        Assert.Contains("25 patients", output.ToString());

        var error = new StringWriter();
        Assert.Equal(1, TrainingCli.Run(["train", "--patients", "many", "--out", _dir], new StringWriter(), error));
        Assert.Contains("--patients: 'many' is not a positive whole number", error.ToString());
    }
}
