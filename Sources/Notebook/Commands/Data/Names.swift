import Datasets
import NeuralNet

/// `names`: every model and data set the session holds, bound or made, with its shapes; `*` marks the
/// current ones.
public struct Names: CommandEntry {
    public static let spec = CommandSpec(
        "names", .data, "list the session's models and data sets with their shapes",
        example: "names",
        details: "Models show their input and output shapes, parameter count and whether they are compiled; data sets what they hold, the shape of one example, their splits and classes. The current model and data set are marked with *; `use NAME` switches. A last line lists the text corpora `load text corpus NAME` reads and which of them are not installed.")
    public static let effect = CommandEffect.readsSession

    public init(_ a: Arguments) throws(Diagnostic) {}

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        let session = context.session
        guard !session.models.isEmpty || !session.datasets.isEmpty else {
            return [.text("no models or data sets yet - load data with `load fashion-mnist` or start a model with `model`", style: .note),
                    Self.corpora()]
        }
        var rows: [[String]] = []
        for name in session.datasets.keys.sorted() {
            guard let entry = session.datasets[name] else { continue }
            let source = entry.source
            // Short words, so a row fits 80 columns: `20 train, 2 val, 4 test, 3 classes`.
            let splits = [(DataSplit.train, "train"), (.validation, "val"), (.test, "test")].compactMap { split, word in
                source.examples(split).map { "\($0.count) \(word)" }
            }
            let classes = source.targetsAreClasses ? "\(source.classNames.count) classes" : "\(source.classNames.count) tokens"
            rows.append([mark(name == session.currentData), name, source.exampleNoun, ModelFit.dimensions(source.sampleShape),
                         (splits + [classes]).joined(separator: ", ")])
        }
        for name in session.models.keys.sorted() {
            guard let entry = session.models[name] else { continue }
            let model = entry.model
            let shape = model.layers.isEmpty
                ? ModelFit.dimensions(model.inputShape) + " -> (no layers)"
                : ModelFit.dimensions(model.inputShape) + " -> " + ModelFit.dimensions(model.outputShape)
            let layers = "\(model.layers.count) layer\(model.layers.count == 1 ? "" : "s")"
            let parameters = "\(ModelSummary.grouped(model.parameterCount(trainable: true) + model.parameterCount(trainable: false))) params"
            let compiled = entry.trainer == nil ? "not compiled" : "compiled"
            rows.append([mark(name == session.currentModel), name, "model", shape, [layers, parameters, compiled].joined(separator: ", ")])
        }
        return [.table(TableBlock(title: "names in this session (* current)", headers: ["", "name", "what", "shape", "details"],
                                  rows: rows, alignments: [.left, .left, .left, .left, .left])), Self.corpora()]
    }

    /// The corpora of `load text corpus NAME`, and the packages of those not installed.
    static func corpora() -> OutputBlock {
        let names = TextCorpus.allCases.map(\.rawValue).joined(separator: ", ")
        let missing = TextCorpus.allCases.filter { (try? $0.files()) == nil }
        let packages = Array(Set(missing.map(\.package))).sorted()
        let note = missing.isEmpty ? "" : "; not installed: \(missing.map(\.rawValue).joined(separator: ", ")) (sudo apt-get install \(packages.joined(separator: " ")))"
        return .text("text corpora (load text corpus NAME): \(names)\(note)", style: .note)
    }

    private func mark(_ current: Bool) -> String { current ? "*" : "" }
}
