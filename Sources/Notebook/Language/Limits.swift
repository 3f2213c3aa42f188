// Upper bounds on the numbers of the language. Every integer and number
// parameter in the catalog has a range built from these, checked where the
// value is parsed, so that no size reaching the engine can overflow `Int`
// arithmetic (a product of two bounds stays far below 2^63).

public enum Limits {
    /// dense units, conv2d filters, embedding dimension, attention key_dim, transformer MLP width.
    public static let units = 65_536
    /// Attention heads (`attention`, `transformer`).
    public static let heads = 256
    /// Side of an image patch (`patches`).
    public static let patch = 4_096
    /// conv2d kernel side, pool window side.
    public static let kernel = 1_024
    /// conv2d and pool strides.
    public static let stride = 1_024
    /// Each dimension of a shape (`reshape`, `model input=`).
    public static let dimension = 1 << 20
    /// The number of elements of a shape (its product).
    public static let elements = 1 << 28
    /// embedding vocabulary size.
    public static let vocabulary = 1 << 24
    /// embedding table size, vocabulary x dimension.
    public static let embeddingElements = 1 << 28
    /// Mini-batch size.
    public static let batch = 1 << 20
    /// Epochs of one `train`, and epoch counts of schedules and early stopping.
    public static let epochs = 1 << 20
    /// Example counts and indices (`subset`, `count`, `predict INDEX`, `step N batches`...).
    public static let count = 1 << 24
    /// CPU threads.
    public static let threads = 1_024
    /// tokens one `generate` writes.
    public static let generatedTokens = 10_000
    /// Largest learning rate.
    public static let learningRate = 10.0
    /// Largest L1/L2 factor and weight decay.
    public static let penalty = 1.0
}

extension NumericRange {
    /// `[lower, upper]` for integers.
    public static func between(_ lower: Int, _ upper: Int) -> NumericRange {
        NumericRange(lower: Double(lower), upper: Double(upper))
    }

    /// `[lower, upper]` for numbers.
    public static func between(_ lower: Double, _ upper: Double) -> NumericRange {
        NumericRange(lower: lower, upper: upper)
    }
}
