import NeuralNet

extension Interpreter {
    /// `summary formulas=on`: layer, output shape (without the batch axis), Param # and the count as a
    /// formula with the numbers filled in (`3*3*1*8 + 8`), in 78 columns: a formula wider than its column
    /// goes on in the rows below, broken after a `+`; so does a name.
    func summaryFormulaBlock(of m: ModelEntry, at range: SourceRange) throws -> OutputBlock {
        let model = m.model
        let s = model.summary
        let rows = try s.rows.indices.map { i -> [String] in
            let r = s.rows[i]
            let formula = try guarded(at: range) {
                try (model.layers[i] as? any LayerMath)?.formula(inputShape: model.inputShape(ofLayer: i)).numeric ?? "?"
            }
            return [r.name + (r.trainable ? "" : " (frozen)"), ModelSummary.describe(r.outputShape).replacingOccurrences(of: "None, ", with: ""),
                    ModelSummary.grouped(r.parameters), formula == "0" ? "" : formula]
        }
        let headers = ["Layer", "Output", "Param #", "Formula"]
        let widths = headers.indices.map { c in max(headers[c].count, rows.map { $0[c].count }.max() ?? 0) }
        // 78 columns less the borders (3 a column and 1) and the output and count columns.
        let nameRoom = min(widths[0], 24)
        let formulaRoom = max(16, 78 - 13 - nameRoom - widths[1] - widths[2])
        let wrapped = rows.flatMap { row -> [[String]] in
            let names = Self.nameLines(row[0], width: nameRoom)
            let formulas = Help.wrap(row[3], width: formulaRoom)
            return (0..<max(names.count, formulas.count)).map { k in
                [k < names.count ? names[k] : "", k == 0 ? row[1] : "", k == 0 ? row[2] : "", k < formulas.count ? formulas[k] : ""]
            }
        }
        return .table(TableBlock(title: "Model: \"\(m.name)\" - input \(ModelSummary.describe(s.inputShape))", headers: headers, rows: wrapped,
                                 footer: ["Total params: \(ModelSummary.grouped(s.total)) (\(ModelSummary.memory(s.bytes)))",
                                          "Shapes without the batch dimension; explain LAYER writes a formula out with its letters."],
                                 alignments: [.left, .left, .right, .left]))
    }
}
