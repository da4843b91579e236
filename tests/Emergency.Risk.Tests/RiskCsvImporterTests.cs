using Emergency.Risk.Training.Cohort;
using Emergency.Risk.Training.Records;

namespace Emergency.Risk.Tests;

public sealed class RiskCsvImporterTests
{
    private const string Header = "patient_id,time,hr,rr,spo2,sbp,dbp,temp,acvpu,o2,spo2_scale,age,outcome,outcome_time";

    private static ImportResult Import(params string[] lines) => RiskCsvImporter.Import(new StringReader(string.Join('\n', lines)));

    [Fact]
    public void A_bad_value_is_reported_with_its_row_and_column_and_nothing_is_imported()
    {
        var result = Import(Header,
            "P1,2026-01-01T08:00:00Z,88,16,97,120,80,36.8,A,0,1,70,,",
            "P1,2026-01-01T08:00:30Z,90,16,9x,,,,,0,1,70,,");

        Assert.False(result.Ok);
        Assert.Empty(result.Patients);
        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Row);
        Assert.Equal("spo2", error.Column);
        Assert.Equal("row 3, column spo2: '9x' is not a number", error.ToString());
    }

    [Theory]
    [InlineData("P1,2026-01-01T08:00:00Z,88,16,97,120,80,36.8,X,0,1,70,,", "acvpu", "'X' is not one of A, C, V, P, U")]
    [InlineData("P1,2026-01-01T08:00:00Z,400,16,97,120,80,36.8,A,0,1,70,,", "hr", "400 is outside 0–350")]
    [InlineData("P1,yesterday,88,16,97,120,80,36.8,A,0,1,70,,", "time", "'yesterday' is not an ISO 8601 time with Z or an offset")]
    [InlineData("P1,2026-01-01T08:00:00Z,88,16,97,120,80,36.8,A,2,1,70,,", "o2", "'2' is not 0 or 1")]
    [InlineData("P1,2026-01-01T08:00:00Z,88,16,97,120,80,36.8,A,0,1,70.5,,", "age", "'70.5' is not a whole number")]
    [InlineData("P1,2026-01-01T08:00:00Z,88,16,97,120,80,36.8,A,0,1,70,septic-shock,", "outcome_time", "outcome 'septic-shock' needs its time")]
    [InlineData(",2026-01-01T08:00:00Z,88,16,97,120,80,36.8,A,0,1,70,,", "patient_id", "must not be empty")]
    public void Each_kind_of_problem_names_the_column(string row, string column, string problem)
    {
        var error = Assert.Single(Import(Header, row).Errors);
        Assert.Equal(new ImportError(2, column, problem), error);
    }

    [Fact]
    public void A_patient_whose_rows_disagree_on_the_outcome_is_refused()
    {
        var result = Import(Header,
            "P1,2026-01-01T08:00:00Z,88,16,97,120,80,36.8,A,0,1,70,septic-shock,2026-01-01T09:00:00Z",
            "P1,2026-01-01T08:00:30Z,90,16,97,,,,,0,1,70,septic-shock,2026-01-01T09:10:00Z");

        var error = Assert.Single(result.Errors);
        Assert.Equal("row 3, column outcome_time: differs from row 2 of patient P1", error.ToString());
    }

    [Fact]
    public void Missing_required_and_unknown_columns_are_reported_on_the_header_row()
    {
        var result = Import("patient_id,hr,heartrate", "P1,80,80");

        Assert.Contains(new ImportError(1, "time", "required column is missing"), result.Errors);
        Assert.Contains(result.Errors, e => e.Row == 1 && e.Column == "heartrate" && e.Problem.StartsWith("unknown column", StringComparison.Ordinal));
    }

    [Fact]
    public void A_short_row_is_reported()
    {
        var error = Assert.Single(Import(Header, "P1,2026-01-01T08:00:00Z,88").Errors);
        Assert.Equal("row 2, column (row): has 3 values, the header has 14 columns", error.ToString());
    }

    [Fact]
    public void A_written_cohort_imports_back_to_the_same_patients()
    {
        var cohort = new CohortGenerator(seed: 5).Generate(30).ToList();
        var csv = new StringWriter();
        RiskCsvWriter.Write(csv, cohort);

        var result = RiskCsvImporter.Import(new StringReader(csv.ToString()));

        Assert.True(result.Ok, string.Join("; ", result.Errors));
        var back = result.Patients.ToDictionary(p => p.PatientId);
        Assert.Equal(cohort.Count, back.Count);
        foreach (var p in cohort)
        {
            var q = back[p.PatientId];
            Assert.Equal(p.AgeYears, q.AgeYears);
            Assert.Equal(p.Outcome, q.Outcome);
            Assert.Equal(p.OutcomeAtMs, q.OutcomeAtMs);
            Assert.Equal(p.Frames, q.Frames);
        }
    }
}
