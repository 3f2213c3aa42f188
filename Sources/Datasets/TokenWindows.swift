/// The examples of a language model: windows of `context` consecutive tokens of one text, each with the
/// next `context` tokens as its targets (token t's target is token t + 1).
///
/// Window `i` starts at token `i * stride`: with `stride == context` the windows tile the text and an
/// epoch sees each token once; a smaller stride makes overlapping windows. Only windows whose targets fit
/// are made, so `count` is `(tokens - context - 1) / stride + 1` (0 when there are at most `context` tokens).
public struct TokenWindows: Sendable, Equatable {
    /// Human-readable name, e.g. "fortunes/train".
    public let name: String
    /// The split's token ids, in text order.
    public let tokens: [Int32]
    /// Tokens per window (T).
    public let context: Int
    /// Tokens between the starts of two windows.
    public let stride: Int

    /// - Precondition: `context >= 1`, `stride >= 1` (the command checks the numbers it reads first).
    public init(name: String, tokens: [Int32], context: Int, stride: Int) {
        precondition(context >= 1 && stride >= 1, "a window needs a context and a stride of at least 1")
        self.name = name
        self.tokens = tokens
        self.context = context
        self.stride = stride
    }

    /// Number of windows (N).
    public var count: Int { tokens.count > context ? (tokens.count - context - 1) / stride + 1 : 0 }

    /// The input tokens of window `index`; empty for an index out of range.
    public func input(at index: Int) -> ArraySlice<Int32> { window(index, offset: 0) }

    /// The target tokens of window `index` (the input shifted by one); empty for an index out of range.
    public func target(at index: Int) -> ArraySlice<Int32> { window(index, offset: 1) }

    private func window(_ index: Int, offset: Int) -> ArraySlice<Int32> {
        guard index >= 0, index < count else { return [] }
        let start = index * stride + offset
        return tokens[start ..< start + context]
    }
}
