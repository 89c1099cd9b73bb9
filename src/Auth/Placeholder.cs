namespace Citadel.Auth;
internal static class Placeholder;
