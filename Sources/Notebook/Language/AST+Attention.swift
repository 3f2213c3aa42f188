// Values the sequence and attention commands share: the task word of `load sequences`, the heads and the
// payload of `show attention` and `watch attention`.

import Datasets

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

