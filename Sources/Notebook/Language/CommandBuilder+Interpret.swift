extension CommandBuilder {
    /// `show saliency` and `show gradcam`.
    static func interpret(_ spec: CommandSpec, _ a: Arguments) throws(Diagnostic) -> Command {
        let gradcam = spec.id == .showGradCAM
        return .showAttribution(AttributionSpec(
            kind: gradcam ? .gradcam : .saliency,
            layer: gradcam ? try a.required(a.layer("layer"), "layer") : nil,
            index: try a.required(a.int("index"), "index"),
            count: try a.required(a.int("count"), "count"),
            classIndex: a.int("class"),
            from: try a.required(a.word("from", as: DataSplit.self), "from")))
    }
}
