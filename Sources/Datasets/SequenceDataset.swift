import TensorRuntime

/// Toy sequence tasks whose correct attention pattern is known, generated from a seed.
///
/// Every example is a sequence of `length` tokens drawn uniformly from `0..<vocabulary`, and its target
/// is one token per position (a class index), so a model predicts a [length, vocabulary] distribution:
/// - `reverse`: target[t] = input[length - 1 - t] (the attention pattern is the anti-diagonal);
/// - `sort`: the input's tokens in ascending order (each output position looks up its rank);
/// - `shift`: the input rotated right by `shift` positions, target[t] = input[(t - shift) mod length]
///   (a diagonal `shift` places below the main one, wrapping round).
///
/// Tokens and targets are kept as `Int32`, row-major: example `i` is `tokens[i * length ..< (i + 1) * length]`.
public struct SequenceDataset: Sendable, Equatable {
    /// The task that maps an input sequence to its target sequence.
    public enum Task: String, CaseIterable, Sendable {
        case reverse, sort, shift

        /// One line saying what the model must learn.
        public var summary: String {
            switch self {
            case .reverse: return "reverse the sequence"
            case .sort: return "sort the tokens in ascending order"
            case .shift: return "copy the sequence rotated right"
            }
        }
    }

    /// Allowed sequence lengths (T).
    public static let lengthRange = 2...64
    /// Allowed vocabulary sizes (tokens are `0..<vocabulary`).
    public static let vocabularyRange = 2...256
    /// The most tokens one split may hold (16 Mi), with its targets 128 MiB.
    public static let maximumTokens = 1 << 24

    /// Human-readable name, e.g. "reverse/train".
    public let name: String
    public let task: Task
    /// Tokens per sequence (T).
    public let length: Int
    /// Number of distinct tokens.
    public let vocabulary: Int
    /// How far `shift` rotates (0 for the other tasks).
    public let shift: Int
    /// Input tokens, `count * length`, row-major.
    public let tokens: [Int32]
    /// Target tokens (class indices), `count * length`, row-major.
    public let targets: [Int32]

    /// Number of sequences (N).
    public var count: Int { tokens.count / max(length, 1) }

    /// Generates `count` sequences of `task`.
    ///
    /// Sequence `i` is drawn from its own stream, `SeededGenerator.derived(seed: seed, stream: i + 1)`, so
    /// the result is identical for the same arguments. O(count * length * log length).
    ///
    /// Throws `DatasetError.invalidArgument` for `length` outside `lengthRange`, `vocabulary` outside
    /// `vocabularyRange`, a negative `count`, `shift` outside `0..<length`, or more than `maximumTokens` tokens.
    public static func make(_ task: Task, length: Int, vocabulary: Int, count: Int, shift: Int = 1,
                            seed: UInt64 = 0, name: String? = nil) throws(DatasetError) -> SequenceDataset {
        try check(length: length, vocabulary: vocabulary, count: count, shift: shift)
        let rotation = task == .shift ? shift : 0
        var tokens = [Int32]()
        var targets = [Int32]()
        tokens.reserveCapacity(count * length)
        targets.reserveCapacity(count * length)
        for i in 0..<count {
            var generator = SeededGenerator.derived(seed: seed, stream: UInt64(i) &+ 1)
            let sequence = (0..<length).map { _ in Int32(truncatingIfNeeded: generator.next() % UInt64(vocabulary)) }
            tokens.append(contentsOf: sequence)
            targets.append(contentsOf: target(of: sequence, task: task, shift: rotation))
        }
        return SequenceDataset(name: name ?? task.rawValue, task: task, length: length, vocabulary: vocabulary,
                               shift: rotation, tokens: tokens, targets: targets)
    }

    /// The target of one input sequence.
    public static func target(of sequence: [Int32], task: Task, shift: Int) -> [Int32] {
        let n = sequence.count
        switch task {
        case .reverse:
            return Array(sequence.reversed())
        case .sort:
            return sequence.sorted()
        case .shift:
            return (0..<n).map { t in sequence[((t - shift) % n + n) % n] }
        }
    }

    /// Checks the arguments of `make`, naming the one out of range.
    static func check(length: Int, vocabulary: Int, count: Int, shift: Int) throws(DatasetError) {
        guard lengthRange.contains(length) else {
            throw .invalidArgument("sequence length \(length) must be in \(lengthRange.lowerBound)...\(lengthRange.upperBound)")
        }
        guard vocabularyRange.contains(vocabulary) else {
            throw .invalidArgument("sequence vocabulary \(vocabulary) must be in \(vocabularyRange.lowerBound)...\(vocabularyRange.upperBound)")
        }
        guard count >= 0 else { throw .invalidArgument("sequence count \(count) must not be negative") }
        guard shift >= 0, shift < length else {
            throw .invalidArgument("shift \(shift) must be in 0...\(length - 1) for sequences of length \(length)")
        }
        guard count <= maximumTokens / length else {
            throw .invalidArgument("\(count) sequences of \(length) tokens exceed \(maximumTokens >> 20) Mi tokens; "
                + "use at most \(maximumTokens / length) sequences")
        }
    }

    /// The input tokens of sequence `index`; empty for an index out of range.
    public func input(at index: Int) -> [Int32] {
        guard index >= 0, index < count else { return [] }
        return Array(tokens[index * length ..< (index + 1) * length])
    }

    /// The target tokens of sequence `index`; empty for an index out of range.
    public func target(at index: Int) -> [Int32] {
        guard index >= 0, index < count else { return [] }
        return Array(targets[index * length ..< (index + 1) * length])
    }
}
