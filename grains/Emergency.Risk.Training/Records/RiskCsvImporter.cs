using System.Globalization;
using Emergency.Domain.Vitals;

namespace Emergency.Risk.Training.Records;

/// <summary>
/// Reads the training-data CSV (<see cref="RiskCsvFormat"/>) into validated patients. Every problem is reported with
/// its row and column; a file with any problem yields no patients, so nothing is trained on half a file.
/// </summary>
/// <remarks>
/// Checks: the header names known columns including the required ones; each value parses (numbers with a dot,
/// times ISO 8601 with an offset or Z, ACVPU as A/C/V/P/U, o2 as 0/1, spo2_scale as 1/2, age a whole number
/// 0–130); values lie in the wire contract's ranges (<see cref="VitalRanges"/>); a patient's age, outcome and outcome
/// time agree on all its rows; an outcome time comes with an outcome. Rows of a patient may come in any order.
/// </remarks>
public static class RiskCsvImporter
{
    /// <summary>Import stops collecting after this many problems.</summary>
    public const int MaxErrors = 100;

    public static ImportResult Import(string path)
    {
        using var reader = new StreamReader(path);
        return Import(reader);
    }

    public static ImportResult Import(TextReader reader)
    {
        var errors = new List<ImportError>();
        var header = reader.ReadLine();
        if (header is null)
        {
            return new([], [new ImportError(1, "(header)", "the file is empty; expected a header row: " + string.Join(',', RiskCsvFormat.Columns))], 0);
        }
        var columns = header.Split(',').Select(c => c.Trim()).ToArray();
        var index = new Dictionary<string, int>();
        for (var i = 0; i < columns.Length; i++)
        {
            if (!RiskCsvFormat.Columns.Contains(columns[i]))
            {
                errors.Add(new ImportError(1, columns[i], $"unknown column; known columns: {string.Join(", ", RiskCsvFormat.Columns)}"));
            }
            else if (!index.TryAdd(columns[i], i))
            {
                errors.Add(new ImportError(1, columns[i], "column appears twice"));
            }
        }
        foreach (var required in RiskCsvFormat.Required)
        {
            if (!index.ContainsKey(required)) errors.Add(new ImportError(1, required, "required column is missing"));
        }
        if (errors.Count > 0)
        {
            return new([], errors, 0);
        }

        var patients = new Dictionary<string, Builder>(StringComparer.Ordinal);
        var rowNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null && errors.Count < MaxErrors)
        {
            rowNumber++;
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length != columns.Length)
            {
                errors.Add(new ImportError(rowNumber, "(row)", $"has {cells.Length} values, the header has {columns.Length} columns"));
                continue;
            }
            var row = new RowReader(cells, index, rowNumber, errors);
            var id = row.Text(RiskCsvFormat.PatientId);
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add(new ImportError(rowNumber, RiskCsvFormat.PatientId, "must not be empty"));
                continue;
            }
            var time = row.Time(RiskCsvFormat.Time, required: true);
            var vitals = new VitalSigns(
                Hr: row.Number(RiskCsvFormat.Hr, VitalRanges.HrMin, VitalRanges.HrMax),
                Rr: row.Number(RiskCsvFormat.Rr, VitalRanges.RrMin, VitalRanges.RrMax),
                Spo2: row.Number(RiskCsvFormat.Spo2, VitalRanges.Spo2Min, VitalRanges.Spo2Max),
                Sbp: row.Number(RiskCsvFormat.Sbp, VitalRanges.SbpMin, VitalRanges.SbpMax),
                Dbp: row.Number(RiskCsvFormat.Dbp, VitalRanges.DbpMin, VitalRanges.DbpMax),
                Temp: row.Number(RiskCsvFormat.Temp, VitalRanges.TempMin, VitalRanges.TempMax),
                Acvpu: row.Acvpu(RiskCsvFormat.Acvpu),
                O2: row.Flag(RiskCsvFormat.O2),
                Spo2Scale: row.Scale(RiskCsvFormat.Spo2Scale));
            var age = row.Number(RiskCsvFormat.Age, 0, 130, whole: true);
            var outcome = row.Text(RiskCsvFormat.Outcome);
            var outcomeAt = row.Time(RiskCsvFormat.OutcomeTime, required: false);
            if (outcomeAt is not null && string.IsNullOrWhiteSpace(outcome))
            {
                errors.Add(new ImportError(rowNumber, RiskCsvFormat.Outcome, "an outcome_time needs the outcome's name"));
            }
            if (!string.IsNullOrWhiteSpace(outcome) && outcomeAt is null && index.ContainsKey(RiskCsvFormat.OutcomeTime))
            {
                errors.Add(new ImportError(rowNumber, RiskCsvFormat.OutcomeTime, $"outcome '{outcome}' needs its time"));
            }
            if (time is null || row.Failed) continue;

            if (!patients.TryGetValue(id, out var patient))
            {
                patients[id] = patient = new Builder(id, age is { } a ? (int)a : null, string.IsNullOrWhiteSpace(outcome) ? null : outcome, outcomeAt, rowNumber);
            }
            else
            {
                var firstRow = patient.FirstRow;
                if (patient.Age != (age is { } a2 ? (int)a2 : null))
                    errors.Add(new ImportError(rowNumber, RiskCsvFormat.Age, $"differs from row {firstRow} of patient {id}"));
                if (patient.Outcome != (string.IsNullOrWhiteSpace(outcome) ? null : outcome) || patient.OutcomeAt != outcomeAt)
                    errors.Add(new ImportError(rowNumber, patient.Outcome != outcome ? RiskCsvFormat.Outcome : RiskCsvFormat.OutcomeTime,
                        $"differs from row {firstRow} of patient {id}"));
            }
            patient.Frames.Add(new TimedFrame(time.Value, vitals));
        }

        if (errors.Count > 0)
        {
            return new([], errors, rowNumber - 1);
        }
        var result = patients.Values.Select(b =>
        {
            var record = new PatientRecord { PatientId = b.Id, AgeYears = b.Age, Outcome = b.Outcome, OutcomeAtMs = b.OutcomeAt };
            record.Frames.AddRange(b.Frames.OrderBy(f => f.TimestampMs));
            return record;
        }).ToList();
        return new(result, errors, rowNumber - 1);
    }

    private sealed record Builder(string Id, int? Age, string? Outcome, long? OutcomeAt, int FirstRow)
    {
        public List<TimedFrame> Frames { get; } = [];
    }

    /// <summary>Reads the cells of one row, recording each problem with its column.</summary>
    private sealed class RowReader(string[] cells, Dictionary<string, int> index, int row, List<ImportError> errors)
    {
        public bool Failed { get; private set; }

        public string? Text(string column) => index.TryGetValue(column, out var i) ? cells[i].Trim() : null;

        public double? Number(string column, double min, double max, bool whole = false)
        {
            var text = Text(column);
            if (string.IsNullOrEmpty(text)) return null;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                return Fail<double?>(column, $"'{text}' is not a number");
            }
            if (whole && value != Math.Floor(value)) return Fail<double?>(column, $"'{text}' is not a whole number");
            if (value < min || value > max) return Fail<double?>(column, $"{text} is outside {min}–{max}");
            return value;
        }

        public long? Time(string column, bool required)
        {
            var text = Text(column);
            if (string.IsNullOrEmpty(text))
            {
                return required ? Fail<long?>(column, "must not be empty (ISO 8601 time, e.g. 2026-01-01T08:00:00Z)") : null;
            }
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                || !(text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 10))
            {
                return Fail<long?>(column, $"'{text}' is not an ISO 8601 time with Z or an offset");
            }
            return t.ToUnixTimeMilliseconds();
        }

        public Acvpu? Acvpu(string column)
        {
            var text = Text(column);
            if (string.IsNullOrEmpty(text)) return null;
            return text.Length == 1 && AcvpuCodes.TryParse(text[0], out var level)
                ? level
                : Fail<Acvpu?>(column, $"'{text}' is not one of A, C, V, P, U");
        }

        public bool? Flag(string column) => Text(column) switch
        {
            null or "" => null,
            "1" or "true" => true,
            "0" or "false" => false,
            var other => Fail<bool?>(column, $"'{other}' is not 0 or 1"),
        };

        public Spo2Scale? Scale(string column) => Text(column) switch
        {
            null or "" => null,
            "1" => Spo2Scale.Scale1,
            "2" => Spo2Scale.Scale2,
            var other => Fail<Spo2Scale?>(column, $"'{other}' is not 1 or 2"),
        };

        private T Fail<T>(string column, string problem)
        {
            Failed = true;
            errors.Add(new ImportError(row, column, problem));
            return default!;
        }
    }
}
