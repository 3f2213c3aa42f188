// What `show attention` and `watch attention` share: their options and the typed reading of the layer,
// `head=`, `sample=` and `from=` (watch has no `from=`: it reads the test split).

extension ShowAttentionSpec {
    /// `head=`, `sample=` and `from=` (watch attention leaves out `from=`).
    static let options: [ParameterSpec] = [
        ParameterSpec("head", .indexOrPath, "0-based head, or all", default: "0", range: .between(0, 4096), placeholder: "H|all"),
        ParameterSpec("sample", .integer, "0-based example", default: "0", range: .between(0, Limits.count)),
        Catalog.splitChoice("from", "the split the example comes from", default: "test"),
    ]

    /// The layer (`all`: every attention layer, the model view), head, sample and split of `a`.
    init(_ a: Arguments) throws(Diagnostic) {
        let layer: Located<LayerRef> = try a.required("layer")
        let all = layer.value == .name("all")
        let head = try Self.head(a)
        // The model view shows every head unless one is asked for.
        self.layer = all ? nil : layer
        self.head = all && head.isDefault ? head.map { _ in .all } : head
        sample = try a.required("sample")
        let from: Located<DataSplit>? = a.spec.parameter(named: "from") == nil ? nil : a.optional("from")
        self.from = from ?? Located(.test, range: a.anchor, text: "test", isDefault: true)
    }

    /// `head=H` (0-based) or `head=all`.
    private static func head(_ a: Arguments) throws(Diagnostic) -> Located<HeadChoice> {
        let given = try a.required(a.value("head"), "head")
        switch given.value {
        case .integer(let i):
            return given.map { _ in .one(i) }
        case .text(let text) where text.lowercased() == "all":
            return given.map { _ in .all }
        case .text(let text):
            if let i = Int(text), i >= 0 { return given.map { _ in .one(i) } }
            throw Diagnostic(.wrongType(expected: "a head number (0, 1...) or all", parameter: "head", found: given.text), at: given.range)
        default:
            throw Diagnostic(.wrongType(expected: "a head number (0, 1...) or all", parameter: "head", found: given.text), at: given.range)
        }
    }
}
