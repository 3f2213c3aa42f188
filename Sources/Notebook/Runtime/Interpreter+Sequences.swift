import Datasets
import NeuralNet

extension Interpreter {
    /// `load sequences TASK ...`: generates the training, validation and test sequences.
    func loadSequences(_ s: LoadSequences, binding: Located<String>?, at range: SourceRange) throws -> DataEntry {
        let seed = s.seed.map { UInt64($0.value) } ?? session.seed
        guard s.shift.value < s.length.value else {
            throw NotebookError("shift \(s.shift.value) must be less than the length \(s.length.value)", at: s.shift.range,
                                hint: "use shift=1...\(s.length.value - 1)")
        }
        let most = SequenceDataset.maximumTokens / s.length.value
        for option in [s.count, s.validation, s.test] where option.value > most {
            throw NotebookError("\(option.text) sequences of \(s.length.value) tokens exceed \(SequenceDataset.maximumTokens >> 20) Mi tokens",
                                at: option.range, hint: "use at most \(most) sequences of length \(s.length.value), or a shorter length")
        }
        let task = s.task.value
        let count = min(s.count.value, subsetMax ?? Int.max)
        let name = binding?.value ?? task.rawValue
        let train = try datasets(at: range) { () throws(DatasetError) in
            try SequenceDataset.make(task, length: s.length.value, vocabulary: s.vocabulary.value, count: count,
                                     shift: s.shift.value, seed: seed, name: name + "/train") }
        let validation = try datasets(at: range) { () throws(DatasetError) in
            try SequenceDataset.make(task, length: s.length.value, vocabulary: s.vocabulary.value, count: s.validation.value,
                                     shift: s.shift.value, seed: seed &+ 0x7A11D, name: name + "/validation") }
        let test = try datasets(at: range) { () throws(DatasetError) in
            try SequenceDataset.make(task, length: s.length.value, vocabulary: s.vocabulary.value, count: s.test.value,
                                     shift: s.shift.value, seed: seed &+ 0x7E57, name: name + "/test") }
        return DataEntry(name: name, source: SequenceSplits(train: train, validation: validation, test: test))
    }

    /// `reverse: 2000 training sequences, 200 validation, 200 test - 8 tokens of 10, reverse the sequence`.
    func sequenceLine(_ name: String, _ s: SequenceSplits) -> String {
        let t = s.train
        let shift = t.task == .shift ? " by \(t.shift)" : ""
        return "\(name): \(t.count) training sequences, \(s.validation.count) validation, \(s.test.count) test - \(t.length) tokens of \(t.vocabulary), \(t.task.summary)\(shift)"
    }

    /// `info` of a sequence set: the task, the shapes and the splits.
    func sequenceInfo(_ name: String, _ s: SequenceSplits) -> [OutputBlock] {
        let t = s.train
        let rows = [
            ["task", t.task.rawValue + " (" + t.task.summary + (t.task == .shift ? " by \(t.shift)" : "") + ")"],
            ["inputs", "\(t.length) token ids in 0...\(t.vocabulary - 1), as floats"],
            ["targets", "\(t.length) class indices (one per token)"],
            ["train", String(t.count)],
            ["validation", String(s.validation.count)],
            ["test", String(s.test.count)],
        ]
        return [.table(TableBlock(title: "\(name) - token sequences", headers: ["", ""], rows: rows))]
    }

    /// `show samples N` of a sequence set: an input row and a target row per sequence.
    func showSequenceSamples(_ spec: ShowSamples, entry: DataEntry, _ s: SequenceSplits) throws -> [OutputBlock] {
        let data = try examples(entry, spec.from)
        guard let set = data as? SequenceDataset else { return [] }
        let n = min(spec.count.value, set.count)
        var rows: [[String]] = []
        for i in 0..<n {
            rows.append([String(i), "input"] + set.input(at: i).map(String.init))
            rows.append(["", "target"] + set.target(at: i).map(String.init))
        }
        let headers = ["#", ""] + (0..<set.length).map(String.init)
        return [.table(TableBlock(title: "\(n) \(spec.from.value.rawValue) sequences of \(entry.name) (\(set.task.summary))",
                                  headers: headers, rows: rows))]
    }
}
