using System.Diagnostics.CodeAnalysis;

// Test names read as behaviour ("TornLastRecord_IsDiscardedOnOpen"); the underscore separates subject and outcome.
[assembly: SuppressMessage(
    "Naming",
    "CA1707:Identifiers should not contain underscores",
    Justification = "Test names state behaviour as Subject_Outcome.",
    Scope = "namespaceanddescendants",
    Target = "~N:Citadel.Tests.Unit.Wal")]
