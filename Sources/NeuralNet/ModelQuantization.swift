import TensorRuntime

/// A model's int8 state (`quantize int8`): for each top-level dense and convolution layer its kernel in
/// symmetric int8 and the scale of its input, calibrated from float activations. Evaluation and prediction
/// run those layers as int8 × int8 products accumulated in Int32 (`Tensor.int8Linear`, `Tensor.int8Conv2d`);
/// the other layers run in float on the dequantised outputs. The float weights stay as they were, so
/// `quantize off` returns to them exactly.
public struct ModelQuantization: Sendable, Equatable {
    /// Per output channel (one scale per unit or filter) or per tensor (one scale per kernel).
    public enum Granularity: String, Sendable, CaseIterable { case channel, tensor }

    /// One quantised layer.
    public struct LayerState: Sendable, Equatable {
        /// The kernel in int8 with its scales.
        public let weights: Int8Weights
        /// The input's scale: the largest |input| seen in calibration / 127 (1 when all were zero).
        public let inputScale: Float
        public init(weights: Int8Weights, inputScale: Float) { self.weights = weights; self.inputScale = inputScale }
    }

    public let granularity: Granularity
    /// How many training examples calibrated the input ranges (0 when read from a file).
    public let calibrationExamples: Int
    /// By top-level layer name.
    public let layers: [String: LayerState]

    public init(granularity: Granularity, calibrationExamples: Int, layers: [String: LayerState]) {
        self.granularity = granularity; self.calibrationExamples = calibrationExamples; self.layers = layers
    }

    /// The input scale from the largest magnitude seen: symmetric, max/127.
    public static func inputScale(largest: Float) -> Float { largest > 0 && largest.isFinite ? largest / 127 : 1 }
}
