// Payloads of the sequence and attention commands: `load sequences`, `show attention`, `watch`.

import Datasets

/// `load sequences TASK length=N vocab=V [count=N] [test=N] [shift=K] [seed=N]`
public struct SequencesSpec: Sendable, Equatable {
    public var task: Located<SequenceDataset.Task>
    public var length: Located<Int>
    public var vocabulary: Located<Int>
    public var count: Located<Int>
    public var test: Located<Int>
    public var shift: Located<Int>
    /// nil: the session seed.
    public var seed: Located<Int>?
}

extension SequenceDataset.Task: LanguageWord, CustomStringConvertible {}

/// Which heads `show attention` draws.
public enum HeadChoice: Sendable, Equatable {
    /// One head, 0-based.
    case one(Int)
    /// Every head of the layer, side by side.
    case all
}

/// `show attention LAYER|all [head=H|all] [sample=S] [from=test|train]`
public struct ShowAttentionSpec: Sendable, Equatable {
    /// The attention layer (index, name or path such as `transformer_1.attention`); nil: every attention
    /// layer of the model (`show attention all`, the model view).
    public var layer: Located<LayerRef>?
    public var head: Located<HeadChoice>
    public var sample: Located<Int>
    public var from: Located<DataSplit>
}

/// `watch attention LAYER [head=H] [sample=S] [every=N]` or `watch off`.
public enum WatchSpec: Sendable, Equatable {
    case attention(ShowAttentionSpec, every: Located<Int>?)
    case off
}
