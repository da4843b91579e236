using Xunit.Abstractions;
using Xunit.Sdk;

namespace Emergency.EndToEnd.Tests.Security;

/// <summary>Table cases in their order, then the audit check (its name starts with <c>Zz_</c>), which reads what they left.</summary>
public sealed class AuditLastOrderer : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(c => c.TestMethod.Method.Name.StartsWith("Zz_", StringComparison.Ordinal) ? 1 : 0);
}
