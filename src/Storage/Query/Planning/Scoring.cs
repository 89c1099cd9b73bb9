using Citadel.Storage.Search;

namespace Citadel.Storage.Query.Planning;

/// <summary>A query variant with every referenced vector resolved and preprocessed: what a plan node scores by.</summary>
internal abstract record Scoring;

/// <summary>Scores by a vector objective (nearest, recommend, discover, context) on vector <see cref="Using"/>.</summary>
internal sealed record VectorScoring(string Using, IVectorScorer Scorer) : Scoring;

/// <summary>Orders by a payload field.</summary>
internal sealed record OrderByScoring(OrderBy OrderBy) : Scoring;

/// <summary>Fuses the sources.</summary>
internal sealed record FusionScoring(FusionQuery Fusion) : Scoring;

/// <summary>Picks random points.</summary>
internal sealed record SampleScoring : Scoring;
