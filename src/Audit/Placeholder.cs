namespace Citadel.Audit;
internal static class Placeholder;
