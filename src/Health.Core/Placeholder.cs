namespace Health.Core; internal static class Placeholder;
