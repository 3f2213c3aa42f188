import Foundation
import NeuralNet

extension Interpreter {
    /// `profile`: one training step of the current model on the first examples of the training split,
    /// timed layer by layer (`Profiler`); the model, optimiser and epoch position are left as they were.
    func profile(_ spec: ProfileSpec, at range: SourceRange) throws -> [OutputBlock] {
        let (m, t) = try requireTrainer(at: range)
        let data = try requireData(at: range)
        let batch = min(spec.batch?.value ?? t.batchSize, data.train.count)
        try checkBatchFits(m, batch: batch, at: spec.batch?.range ?? range)
        let profile = try guarded(at: range) {
            try Profiler.profile(t, on: data.train, batch: batch, steps: spec.steps.value)
        }
        let table = ProfileTable(profile)
        let title = "profile of '\(m.name)': one step of \(profile.batch) example\(profile.batch == 1 ? "" : "s"), "
            + "median of \(profile.steps)"
        return [.table(TableBlock(title: title, headers: ProfileTable.headers, rows: table.rows, footer: table.footer,
                                          alignments: ProfileTable.rightAligned.map { $0 ? .right : .left }))]
    }
}
