// `show attention history [frames=N] [every=K]`: which of the heat maps `watch attention` drew to replay.

/// The frames `show attention history` replays: all kept, N evenly spread, or every K-th.
public struct AttentionHistoryChoice: Sendable, Equatable {
    /// Show this many frames, evenly spread from the first to the latest; nil: see `every`.
    public var frames: Located<Int>?
    /// Show every K-th frame (and the latest); nil with `frames` nil: every frame kept.
    public var every: Located<Int>?

    public init(frames: Located<Int>? = nil, every: Located<Int>? = nil) {
        self.frames = frames
        self.every = every
    }

    /// `frames=` and `every=`: `show attention history` only.
    static let options: [ParameterSpec] = [
        ParameterSpec("frames", .integer, "with history: show N frames evenly spread (the first and the latest among them)",
                      note: "every frame kept", range: .between(1, AttentionFrames.capacity)),
        ParameterSpec("every", .integer, "with history: show every K-th frame (and the latest)", note: "every frame kept",
                      range: .between(1, AttentionFrames.capacity)),
    ]

    /// The choice of `a` when its layer is `history`; nil for a layer (refusing `frames=`/`every=` then).
    init?(_ a: Arguments) throws(Diagnostic) {
        let layer: Located<LayerRef> = try a.required("layer")
        guard layer.value == .name("history") else {
            for key in ["frames", "every"] where a.has(key) {
                throw Diagnostic(.optionNotApplicable(key: key, requirement: "show attention history"), at: a.keyRanges[key] ?? layer.range)
            }
            return nil
        }
        for key in ["head", "sample", "from"] where a.has(key) {
            throw Diagnostic(.optionNotApplicable(key: key, requirement: "a layer (the history replays what watch attention drew)"),
                             at: a.keyRanges[key] ?? layer.range)
        }
        frames = a.optional("frames")
        every = a.optional("every")
        if let frames, every != nil {
            throw Diagnostic(.optionNotApplicable(key: "frames", requirement: "no every= (choose one)"), at: a.keyRanges["frames"] ?? frames.range)
        }
    }

    /// The indices of `count` kept frames to show, in order.
    public func pick(from count: Int) -> [Int] {
        guard count > 0 else { return [] }
        if let n = frames?.value, n < count {
            if n == 1 { return [count - 1] }
            // N points from 0 to count-1, evenly spread, rounded (distinct since n <= count).
            return (0..<n).map { ($0 * (count - 1) + (n - 1) / 2) / (n - 1) }
        }
        if let k = every?.value, k > 1 {
            let picked = Array(stride(from: 0, to: count, by: k))
            return picked.last == count - 1 ? picked : picked + [count - 1]
        }
        return Array(0..<count)
    }
}
