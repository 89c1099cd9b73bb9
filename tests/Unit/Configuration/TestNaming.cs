using System.Diagnostics.CodeAnalysis;

// Test names read as behaviour ("Subject_DoesThing"); the underscore is the separator, so CA1707 is
// switched off for this test namespace only.
[assembly: SuppressMessage(
    "Naming",
    "CA1707:Identifiers should not contain underscores",
    Justification = "Test names use Subject_Behaviour form",
    Scope = "namespaceanddescendants",
    Target = "~N:Citadel.Tests.Unit.Configuration")]
