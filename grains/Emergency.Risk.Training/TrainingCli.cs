using System.Globalization;
using Emergency.Risk.Training.Cohort;
using Emergency.Risk.Training.Records;
using Emergency.Risk.Training.Training;

namespace Emergency.Risk.Training;

/// <summary>
/// The training command line. Exit codes: 0 done, 1 usage error, 2 the data has problems (each printed with its row
/// and column) or cannot be trained on.
/// </summary>
public static class TrainingCli
{
    public const string Usage = """
        Deterioration-risk model training (ML.NET). Models trained on simulated data are NOT validated for clinical use.

          cohort --patients N [--seed S] --out FILE.csv
              Write a simulated cohort in the training-data CSV format (docs/risk-model.md).
          import --data FILE.csv
              Validate a training-data CSV; every problem is printed with its row and column.
          train (--data FILE.csv | [--patients N] [--seed S]) --out DIR
                [--trees N] [--leaves N] [--test-fraction F] [--bootstrap N] [--model-version V] [--trained-on TEXT]
              Split by patient, train, calibrate, evaluate against NEWS2 on the held-out patients, and write
              DIR/deterioration-risk.zip, its manifest, report.md and report.json.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 1 : 0;
        }
        Dictionary<string, string> flags;
        try
        {
            flags = Flags(args[1..]);
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
        try
        {
            return args[0] switch
            {
                "cohort" => Cohort(flags, output),
                "import" => Import(flags, output, error),
                "train" => Train(flags, args, output, error),
                _ => throw new ArgumentException($"unknown command '{args[0]}'; use cohort, import or train"),
            };
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine(Usage);
            return 1;
        }
    }

    private static int Cohort(Dictionary<string, string> flags, TextWriter output)
    {
        var patients = Int(flags, "patients", 1000);
        var seed = Int(flags, "seed", 42);
        var file = Required(flags, "out");
        using (var writer = new StreamWriter(file))
        {
            RiskCsvWriter.Write(writer, new CohortGenerator(seed).Generate(patients));
        }
        output.WriteLine($"wrote {patients} simulated patients (seed {seed}) to {file}");
        return 0;
    }

    private static int Import(Dictionary<string, string> flags, TextWriter output, TextWriter error)
    {
        var file = Required(flags, "data");
        var result = RiskCsvImporter.Import(file);
        foreach (var e in result.Errors) error.WriteLine($"{file}: {e}");
        if (!result.Ok)
        {
            error.WriteLine($"{file}: {result.Errors.Count} problem(s){(result.Errors.Count >= RiskCsvImporter.MaxErrors ? " (stopped counting)" : "")}");
            return 2;
        }
        var events = result.Patients.Count(p => p.Outcome is not null);
        output.WriteLine($"{file}: {result.Rows} rows, {result.Patients.Count} patients, {events} with an outcome event; no problems");
        return 0;
    }

    private static int Train(Dictionary<string, string> flags, string[] args, TextWriter output, TextWriter error)
    {
        var options = new TrainOptions
        {
            DataFile = flags.GetValueOrDefault("data"),
            Patients = Int(flags, "patients", 10_000),
            Seed = Int(flags, "seed", 42),
            OutputDirectory = Required(flags, "out"),
            Trees = Int(flags, "trees", 200),
            Leaves = Int(flags, "leaves", 24),
            TestFraction = Double(flags, "test-fraction", 0.25),
            BootstrapResamples = Int(flags, "bootstrap", 200),
            ModelVersion = flags.GetValueOrDefault("model-version"),
            TrainedOn = flags.GetValueOrDefault("trained-on"),
        };
        if (options.DataFile is null && options.Patients < 20)
        {
            throw new ArgumentException("--patients: at least 20");
        }
        var command = "dotnet run -c Release --project grains/Emergency.Risk.Training -- " + string.Join(' ', args.Select(Quote));
        return TrainCommand.Run(options, command, output, error) is null ? 2 : 0;
    }

    private static Dictionary<string, string> Flags(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }
            flags[args[i][2..]] = args[++i];
        }
        return flags;
    }

    private static string Required(Dictionary<string, string> flags, string name) =>
        flags.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

    private static int Int(Dictionary<string, string> flags, string name, int fallback) =>
        !flags.TryGetValue(name, out var v) ? fallback
        : int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw new ArgumentException($"--{name}: '{v}' is not a positive whole number");

    private static double Double(Dictionary<string, string> flags, string name, double fallback) =>
        !flags.TryGetValue(name, out var v) ? fallback
        : double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0 && d < 1 ? d
        : throw new ArgumentException($"--{name}: '{v}' is not a fraction between 0 and 1");

    private static string Quote(string arg) => arg.Contains(' ') ? $"\"{arg}\"" : arg;
}
