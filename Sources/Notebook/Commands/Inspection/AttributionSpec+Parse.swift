// What `show saliency` and `show gradcam` share: the first example, its options and their typed reading.

extension AttributionSpec {
    /// Most examples one `show saliency` or `show gradcam` draws.
    static let maximumCount = 16

    /// `N`: the first example.
    static let index = ParameterSpec("index", .integer, "0-based index of the first example", required: true,
                                     range: .between(0, Limits.count), placeholder: "N")

    /// `count=`, `class=` and `from=`.
    static let options: [ParameterSpec] = [
        ParameterSpec("count", .integer, "how many examples from N on", default: "1", range: .between(1, maximumCount)),
        ParameterSpec("class", .integer, "the class explained (0-based)", note: "the predicted class", range: .between(0, Limits.count)),
        Catalog.splitChoice("from", "the split the examples come from", default: "test"),
    ]

    /// The arguments of `show saliency` (`kind: .saliency`, no layer) or `show gradcam` (a layer).
    init(_ a: Arguments, kind: AttributionKind) throws(Diagnostic) {
        self.kind = kind
        if kind == .gradcam {
            layer = try a.required("layer")
        } else {
            layer = nil
        }
        index = try a.required("index")
        count = try a.required("count")
        classIndex = a.optional("class")
        from = try a.required("from")
    }
}
