/// `load weights PATH [layers=NAME,...|matching]`: weights read into the current model from a safetensors
/// file: all of them, those of the named layers, or every one whose name and shape the file has.
public struct LoadWeights: CommandEntry {
    public static let spec = CommandSpec(
        "load weights", .persistence, "read weights into the current model from a safetensors file",
        positionals: [ParameterSpec("path", .path, "the file to read", required: true)],
        options: [ParameterSpec("layers", .name, "only these layers' weights, or matching: every weight whose name and shape the file has",
                                note: "every weight", list: true, placeholder: "NAME|matching")],
        example: "load weights out/fashion.safetensors",
        details: "Without layers= every weight of the model must be in the file with its shape. With layers=NAME,... only those "
            + "layers are read (each weight must be there). layers=matching reads every weight whose name and shape the file holds "
            + "and lists the ones it leaves as they were: a model pre-trained on one corpus and fine-tuned on another keeps its "
            + "blocks while an embedding or output of another vocabulary size starts fresh. Nothing changes when a required weight is "
            + "missing or misshapen. F16 tensors (`save weights ... dtype=float16`) are read as float32; int8 kernels "
            + "(dtype=int8) restore the quantised state of their layers, float ones return them to float; the pruning masks "
            + "of the weights read are dropped (their zeros stay).")
    public static let effect = CommandEffect.changesModel

    public var path: Located<String>
    /// Top-level layer names; empty: every weight. `matching` alone: every weight the file fits.
    public var layers: [Located<String>]

    public init(_ a: Arguments) throws(Diagnostic) {
        path = try a.required("path")
        layers = a.list("layers")
    }

    /// `layers=matching` (unless the model has a layer called that).
    func isMatching(_ session: Session) -> Bool {
        guard layers.count == 1, layers[0].value.lowercased() == "matching" else { return false }
        return session.modelEntry?.model.layers.contains { $0.name == layers[0].value } != true
    }

    public func check(_ session: Session, at range: SourceRange) throws {
        guard let model = session.modelEntry?.model, !layers.isEmpty, !isMatching(session) else { return }
        let names = model.layers.map(\.name)
        for layer in layers where !names.contains(layer.value) {
            let near = Suggestions.best(for: layer.value, among: names).map { "did you mean '\($0)'? " } ?? ""
            throw NotebookError("model '\(session.modelEntry?.name ?? "")' has no layer '\(layer.value)'", at: layer.range,
                                hint: near + "its layers are " + names.joined(separator: ", ") + "; or layers=matching")
        }
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.loadWeights(self, at: statement.verbRange)
    }
}
