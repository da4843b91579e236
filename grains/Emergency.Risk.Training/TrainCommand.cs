using System.Diagnostics;
using System.Globalization;
using Emergency.Domain.Risk;
using Emergency.Risk.Training.Cohort;
using Emergency.Risk.Training.Evaluation;
using Emergency.Risk.Training.Records;
using Emergency.Risk.Training.Training;
using Microsoft.ML;

namespace Emergency.Risk.Training;

/// <summary>
/// <c>train</c>: load or simulate patients, split by patient, build features with the serving feature builder, train,
/// score the validation and held-out patients through the serving scorer, and write the model zip, its manifest and
/// the report (Markdown + JSON) to the output directory. Progress lines on <c>out</c>, a summary at the end.
/// </summary>
public static class TrainCommand
{
    public const string ModelFileName = "deterioration-risk.zip";

    public static EvaluationReport? Run(TrainOptions options, string commandLine, TextWriter output, TextWriter error)
    {
        var clock = Stopwatch.StartNew();
        void Progress(string line) => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:0.0} s] {line}"));

        IReadOnlyList<PatientRecord> patients;
        string trainedOn;
        if (options.DataFile is { } file)
        {
            Progress($"importing {file}");
            var import = RiskCsvImporter.Import(file);
            if (!import.Ok)
            {
                foreach (var e in import.Errors) error.WriteLine($"{file}: {e}");
                error.WriteLine($"{file}: {import.Errors.Count} problem(s); nothing trained");
                return null;
            }
            patients = import.Patients;
            trainedOn = options.TrainedOn ?? $"records imported from {Path.GetFileName(file)} ({patients.Count} patients)";
        }
        else
        {
            Progress($"simulating {options.Patients} patients (seed {options.Seed})");
            var generator = new CohortGenerator(options.Seed);
            var list = new List<PatientRecord>(options.Patients);
            foreach (var p in generator.Generate(options.Patients))
            {
                list.Add(p);
                if (list.Count % Math.Max(1, options.Patients / 5) == 0) Progress($"  {list.Count} / {options.Patients} patients");
            }
            patients = list;
            trainedOn = options.TrainedOn ?? $"a simulated prehospital cohort ({options.Patients} patients, seed {options.Seed}); simulated data only";
        }

        var split = PatientSplit.Of(patients, options.TestFraction, options.ValidationFraction, options.Seed);
        Progress($"split by patient: {split.Train.Count} training, {split.Validation.Count} validation, {split.Test.Count} held out");
        var trainRows = FeatureRows.Build(split.Train, options.TrainStep);
        var validationRows = FeatureRows.Build(split.Validation, options.EvaluationStep);
        var testRows = FeatureRows.Build(split.Test, options.EvaluationStep);
        Progress($"features ({RiskFeatures.Count}, {RiskFeatures.Version}): {trainRows.Count} training rows ({Rate(trainRows):P1} positive), {testRows.Count} held-out rows");
        if (trainRows.Count(r => r.Label) == 0 || trainRows.All(r => r.Label))
        {
            error.WriteLine("the training rows have only one class (no events within 30 minutes, or only those); nothing trained");
            return null;
        }

        var ml = new MLContext(seed: options.Seed);
        Progress($"training FastTree ({options.Trees} trees, {options.Leaves} leaves)");
        var trainClock = Stopwatch.StartNew();
        var transformer = RiskTrainer.Train(ml, trainRows, options);
        var trainSeconds = trainClock.Elapsed.TotalSeconds;
        Progress(string.Create(CultureInfo.InvariantCulture, $"trained in {trainSeconds:0.0} s"));

        var version = options.ModelVersion ?? $"{(options.DataFile is null ? "sim" : "data")}-{DateTimeOffset.UtcNow:yyyy.MM.dd}-s{options.Seed}";
        var draft = Manifest(version, trainedOn, commandLine, threshold: 0.5, basis: null, heldOut: null);
        var scorer = RiskModel.FromTrained(ml, transformer, draft).CreateScorer();

        var validationScores = Score(scorer, validationRows);
        var validationNews2 = validationRows.Select(r => r.News2).ToArray();
        var news2Sensitivity = AlertBurdens.Of(validationRows, validationNews2, 5, options.EvaluationStep).Sensitivity;
        var alertThreshold = AlertBurdens.ThresholdForSensitivity(validationRows, validationScores, double.IsNaN(news2Sensitivity) ? 0.5 : news2Sensitivity);
        Progress(string.Create(CultureInfo.InvariantCulture, $"alert threshold {alertThreshold:0.###} (matches NEWS2 ≥ 5 sensitivity {news2Sensitivity:P1} on the validation patients)"));

        Progress($"scoring {testRows.Count} held-out rows through the serving scorer");
        var scores = Score(scorer, testRows);
        var news2 = testRows.Select(r => r.News2).ToArray();
        var labels = testRows.Select(r => r.Label).ToArray();
        var patientOfRow = testRows.Select(r => r.PatientIndex).ToArray();

        var modelRank = new RankMetrics(scores, labels);
        var news2Rank = new RankMetrics(news2, labels);
        Progress($"bootstrap ({options.BootstrapResamples} patient resamples)");
        var (modelAuroc, modelAuprc) = PatientBootstrap.Intervals(modelRank, patientOfRow, split.Test.Count, options.BootstrapResamples, options.Seed + 1);
        var (news2Auroc, news2Auprc) = PatientBootstrap.Intervals(news2Rank, patientOfRow, split.Test.Count, options.BootstrapResamples, options.Seed + 1);

        var rules = new List<RuleResult>();
        foreach (var cut in new[] { 5, 7 })
        {
            var news2Burden = AlertBurdens.Of(testRows, news2, cut, options.EvaluationStep);
            var matched = AlertBurdens.ThresholdForSensitivity(testRows, scores, news2Burden.Sensitivity);
            rules.Add(new RuleResult($"NEWS2 ≥ {cut}", news2Auroc, news2Auprc, news2Burden));
            var modelBurden = AlertBurdens.Of(testRows, scores, matched, options.EvaluationStep);
            rules.Add(new RuleResult($"model at NEWS2 ≥ {cut}'s sensitivity", modelAuroc, modelAuprc, modelBurden, modelBurden.MedianLeadGainedOver(news2Burden)));
        }
        var atThreshold = AlertBurdens.Of(testRows, scores, alertThreshold, options.EvaluationStep);
        rules.Add(new RuleResult("model at the manifest threshold", modelAuroc, modelAuprc, atThreshold,
            atThreshold.MedianLeadGainedOver(AlertBurdens.Of(testRows, news2, 5, options.EvaluationStep))));

        var report = new EvaluationReport
        {
            ModelVersion = version,
            TrainedOn = trainedOn,
            Command = commandLine,
            TrainPatients = split.Train.Count,
            ValidationPatients = split.Validation.Count,
            TestPatients = split.Test.Count,
            TrainRows = trainRows.Count,
            TestRows = testRows.Count,
            TestPositiveRate = Rate(testRows),
            TestPatientHours = testRows.Count * options.EvaluationStep.TotalHours,
            Rules = rules,
            Calibration = CalibrationTable.Of(scores, labels),
            TrainSeconds = trainSeconds,
            ModelAlertThreshold = alertThreshold,
        };

        Directory.CreateDirectory(options.OutputDirectory);
        var modelFile = Path.Combine(options.OutputDirectory, ModelFileName);
        RiskTrainer.Save(ml, transformer, modelFile);
        Manifest(version, trainedOn, commandLine, alertThreshold,
            "the probability at which the model flags as many of the validation patients' pre-event times as NEWS2 ≥ 5 does",
            new Dictionary<string, double>
            {
                ["testPatients"] = split.Test.Count,
                ["auroc"] = Math.Round(modelAuroc.Value, 4),
                ["auprc"] = Math.Round(modelAuprc.Value, 4),
                ["news2Auroc"] = Math.Round(news2Auroc.Value, 4),
                ["news2Auprc"] = Math.Round(news2Auprc.Value, 4),
            }).Write(RiskModelManifest.PathFor(modelFile));
        File.WriteAllText(Path.Combine(options.OutputDirectory, "report.md"), ReportWriter.Markdown(report));
        File.WriteAllText(Path.Combine(options.OutputDirectory, "report.json"), ReportWriter.Json(report));

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"held-out AUROC: model {modelAuroc} vs NEWS2 {news2Auroc}; AUPRC: model {modelAuprc} vs NEWS2 {news2Auprc}"));
        foreach (var rule in rules)
        {
            var b = rule.Burden;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {rule.Rule,-40} sensitivity {b.Sensitivity,6:P1}  alerts/patient-hour {b.AlertsPerPatientHour,5:0.00}  median lead {b.MedianLeadMinutes,5:0.0} min  events detected {b.EventsDetected}/{b.Events}{(rule.LeadGainedMinutes is { } g ? $"  lead gained vs NEWS2 {g:+0.0;-0.0;0} min" : "")}"));
        }
        output.WriteLine($"wrote {modelFile}, its manifest, report.md and report.json ({trainedOn}; not validated for clinical use)");
        return report;
    }

    internal static RiskModelManifest Manifest(string version, string trainedOn, string command, double threshold, string? basis,
        IReadOnlyDictionary<string, double>? heldOut) => new()
    {
        ModelVersion = version,
        FeatureSetVersion = RiskFeatures.Version,
        FeatureNames = [.. RiskFeatures.Names],
        TrainedOn = trainedOn,
        ClinicalUse = "NOT validated for clinical use: a demonstration of the pipeline. Retrain on a hospital's own records with the same command (--data) and validate before any clinical use.",
        AlertThreshold = Math.Round(threshold, 4),
        AlertThresholdBasis = basis,
        Trainer = "ML.NET 5.0.1 FastTree binary classifier, Platt-calibrated",
        TrainedAt = DateTimeOffset.UtcNow,
        Command = command,
        HeldOut = heldOut,
    };

    private static float[] Score(RiskScorer scorer, IReadOnlyList<FeatureRow> rows)
    {
        var scores = new float[rows.Count];
        for (var i = 0; i < rows.Count; i++) scores[i] = scorer.Probability(rows[i].Features);
        return scores;
    }

    private static double Rate(IReadOnlyList<FeatureRow> rows) => rows.Count == 0 ? 0 : (double)rows.Count(r => r.Label) / rows.Count;
}
