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
        let emit = self.emit
        let profile = try guarded(at: range) {
            try Profiler.profile(t, on: data, batch: batch, steps: spec.steps.value) { warmUp in
                if let note = Self.profileEstimate(warmUp: warmUp, steps: spec.steps.value) { emit(.text(note, style: .note)) }
            }
        }
        let title = "profile of '\(m.name)': one step of \(profile.batch) example\(profile.batch == 1 ? "" : "s"), "
            + "median of \(profile.steps)"
        return [.table(TableBlock(profile, title: title))]
    }
}

extension Interpreter {
    /// Measured steps taking at least this long in all are announced before they run.
    public static let profileNoticeSeconds = 3.0

    /// The note `profile` shows after its warm-up step when the measured steps will take a while: how
    /// long, estimated from the warm-up step; nil for a short profile.
    public static func profileEstimate(warmUp: Double, steps: Int) -> String? {
        let total = warmUp * Double(steps)
        guard total >= profileNoticeSeconds else { return nil }
        return "profile: one step takes about \(Self.seconds(warmUp)); measuring \(steps) step\(steps == 1 ? "" : "s") "
            + "will take about \(Self.seconds(total)) (fewer steps= or a smaller batch= is quicker)"
    }

    /// `1.2 s`, `95 s`, `3.1 min`.
    private static func seconds(_ s: Double) -> String {
        if s >= 120 { return String(format: "%.1f min", s / 60) }
        return s >= 10 ? String(format: "%.0f s", s) : String(format: "%.1f s", s)
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
