import NeuralNet

/// `prune ... by=`: how values are ranked for pruning.
public enum PruneCriterion: String, LanguageWord, CustomStringConvertible {
    case magnitude
}

/// `quantize int8|off`.
public enum QuantizeMode: String, LanguageWord, CustomStringConvertible {
    case int8, off
}

/// `quantize ... per=`: one weight scale per output channel or per tensor.
public enum QuantizeGranularity: String, LanguageWord, CustomStringConvertible {
    case channel, tensor
    var engine: ModelQuantization.Granularity { self == .channel ? .channel : .tensor }
}

/// `save weights ... dtype=`.
public enum WeightsDtype: String, LanguageWord, CustomStringConvertible {
    case float32, float16, int8
    var storage: StorageType {
        switch self {
        case .float32: return .float32
        case .float16: return .float16
        case .int8: return .int8
        }
    }
}
