/// `quantize int8|off [per=channel|tensor] [calibrate=N]`: the model's int8 state, used by `evaluate`,
/// `predict` and `confusion`; `off` returns to the float weights.
public struct Quantize: CommandEntry {
    public static let spec = CommandSpec(
        "quantize", .model, "quantise the model's weights and activations to int8 (or return to float)",
        positionals: [ParameterSpec("mode", .choice(noun: "quantisation", words: QuantizeMode.words), "int8, or off for the float weights",
                                    required: true)],
        options: [
            ParameterSpec("per", .choice(noun: "scale granularity", words: QuantizeGranularity.words),
                          "one weight scale per output channel or one per tensor", default: "channel"),
            ParameterSpec("calibrate", .integer, "training examples whose activations set the input ranges",
                          default: "512", range: .between(1, 10_000)),
        ],
        example: "quantize int8 per=channel calibrate=256",
        details: "Post-training quantisation, symmetric: each dense and conv2d kernel becomes int8 with scale max|w|/127 per "
            + "output channel (per=channel) or per tensor; each such layer's input gets one scale, max|x|/127 over the first N "
            + "training examples run through the float model (min/max calibration, symmetric). `evaluate`, `predict` and "
            + "`confusion` then run those layers as int8 × int8 products summed in Int32 and scaled back; every other layer "
            + "(pooling, activations, normalisation, layers inside blocks) runs in float on those outputs. The float weights "
            + "are kept: `quantize off` returns to them. Training a quantised model is refused. `summary` shows each layer's "
            + "bytes; `save weights FILE dtype=int8` writes the int8 kernels with their scales.")
    public static let effect = CommandEffect.changesModel
    public static let runsModel = true
    /// One calibration batch.
    public func examplesAtOnce(_ session: Session) -> Int { Quantize.calibrationBatch }
    static let calibrationBatch = 256

    public var mode: Located<QuantizeMode>
    public var per: Located<QuantizeGranularity>
    public var calibrate: Located<Int>

    public init(_ a: Arguments) throws(Diagnostic) {
        mode = try a.required("mode")
        per = try a.required("per")
        calibrate = try a.required("calibrate")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.quantize(self, at: statement.verbRange)
    }
}
