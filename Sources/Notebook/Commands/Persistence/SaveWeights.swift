/// `save weights PATH [dtype=float32|float16|int8]`: the current model's weights as a safetensors file.
public struct SaveWeights: CommandEntry {
    public static let spec = CommandSpec(
        "save weights", .persistence, "write the current model's weights to a safetensors file",
        positionals: [ParameterSpec("path", .path, "the file to write", required: true)],
        options: [ParameterSpec("dtype", .choice(noun: "weight type", words: WeightsDtype.words), "how values are stored", default: "float32")],
        example: "save weights out/fashion.safetensors",
        details: "dtype=float16 halves the file (F16; `load weights` reads it back as float32; values beyond ±65504 are refused). "
            + "dtype=int8 needs a quantised model (`quantize int8`): its int8 kernels are written as I8 with their scales as F32 "
            + "beside them (`dense_1.kernel.scale`, one per output channel or one; `dense_1.input_scale`), the rest as F32; "
            + "`load weights` of that file restores the quantised state.")
    public static let effect = CommandEffect.writesFiles

    public var path: Located<String>
    public var dtype: Located<WeightsDtype>

    public init(_ a: Arguments) throws(Diagnostic) {
        path = try a.required("path")
        dtype = try a.required("dtype")
    }

    public func check(_ session: Session, at range: SourceRange) throws {
        guard dtype.value == .int8, let m = session.modelEntry, m.model.quantization == nil else { return }
        throw NotebookError("dtype=int8 needs a quantised model; '\(m.name)' holds float weights", at: dtype.range,
                            hint: "run `quantize int8` first, or save as dtype=float16 or float32")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.saveWeights(path, dtype: dtype.value, at: statement.verbRange)
    }
}
