/// `prune LAYER|all P% [by=magnitude]`: zero the smallest weights of a layer (or of every layer) and keep
/// them at zero through later training.
public struct Prune: CommandEntry {
    public static let spec = CommandSpec(
        "prune", .model, "zero a layer's smallest weights and keep them zero through later training",
        positionals: [
            Catalog.layerRef("the layer, or all: every layer", placeholder: "LAYER|all"),
            ParameterSpec("percent", .percent, "the share of each weight tensor to zero", required: true, range: .between(0.0, 100.0)),
        ],
        options: [ParameterSpec("by", .choice(noun: "pruning criterion", words: PruneCriterion.words), "how weights are ranked",
                                default: "magnitude")],
        example: "prune all 80%",
        details: "Per weight tensor, as Keras's prune_low_magnitude: each kernel (dense, conv2d, inside blocks and attention) "
            + "and embedding table loses round(n·P/100) of its values, the smallest |w| first, ties by position. "
            + "Biases and normalisation weights are not pruned (few, and a zero there shifts every output). "
            + "A mask keeps pruned values at zero after every training step, so `train` afterwards fine-tunes the rest; "
            + "pruning again only adds zeros. `stats weights` shows each tensor's share of zeros. Masks are not saved: "
            + "`load weights` drops the masks of the weights it reads (their zeros stay; `prune` again re-makes them). "
            + "A quantised model cannot be pruned: `quantize off` first.")
    public static let effect = CommandEffect.changesModel

    public var layer: Located<LayerRef>
    public var percent: Located<Double>
    public var by: Located<PruneCriterion>

    public init(_ a: Arguments) throws(Diagnostic) {
        layer = try a.required("layer")
        percent = try a.required("percent")
        by = try a.required("by")
    }

    /// `all`, unless the model has a layer of that name.
    func isAll(_ session: Session) -> Bool {
        guard case .name(let n) = layer.value, n.lowercased() == "all" else { return false }
        return session.modelEntry?.model.layers.contains { $0.name == n } != true
    }

    public func check(_ session: Session, at range: SourceRange) throws {
        guard let m = session.modelEntry else { throw Interpreter.noModel(at: range) }
        if m.model.quantization != nil {
            throw NotebookError("model '\(m.name)' is quantised to int8", at: range,
                                hint: "`quantize off` returns to the float weights; prune those, then quantise again")
        }
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.prune(self, at: statement.verbRange)
    }
}
