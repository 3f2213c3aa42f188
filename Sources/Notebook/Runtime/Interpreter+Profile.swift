import Foundation
import NeuralNet

extension Interpreter {
    /// `profile`: one training step of the current model on the first examples of the training split,
    /// timed layer by layer (`Profiler`); the model, optimiser and epoch position are left as they were.
    func profile(_ spec: Profile, at range: SourceRange) throws -> [OutputBlock] {
        let (m, t) = try requireTrainer(at: range)
        let data = try requireData(at: range).trainingSet
        let batch = min(spec.batch?.value ?? t.batchSize, data.count)
        try checkBatchFits(m, batch: batch, at: spec.batch?.range ?? range)
        let profile = try guarded(at: range) {
            try Profiler.profile(t, on: data, batch: batch, steps: spec.steps.value)
        }
        let title = "profile of '\(m.name)': one step of \(profile.batch) example\(profile.batch == 1 ? "" : "s"), "
            + "median of \(profile.steps)"
        return [.table(TableBlock(profile, title: title))]
    }
}

extension TableBlock {
    /// A step profile as a table (`ProfileTable`'s columns, figures right-aligned), for `profile` and `gradbook bench`.
    public init(_ profile: StepProfile, title: String) {
        let table = ProfileTable(profile)
        self.init(title: title, headers: ProfileTable.headers, rows: table.rows, footer: table.footer,
                  alignments: [.left] + Array(repeating: .right, count: ProfileTable.headers.count - 1))
    }
}
