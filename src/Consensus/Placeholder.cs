namespace Citadel.Consensus;
internal static class Placeholder;
