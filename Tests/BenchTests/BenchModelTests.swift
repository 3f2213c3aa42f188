import Testing
import NeuralNet
@testable import Bench

// The models `gradbook bench` trains and the `--models` list that picks them.

@Suite struct BenchModelTests {
    @Test func eachTitleStatesTheModelsWeightCount() throws {
        #expect(BenchModel.all.map(\.name) == ["cnn", "cnn4", "mlp", "vit", "gpt", "lstm"])
        for model in BenchModel.imageModels {
            let build = try #require(model.images)
            let built = try build()
            let count = built.parameterCount(trainable: true) + built.parameterCount(trainable: false)
            #expect(model.title.hasSuffix("(\(grouped(count)) weights)"), "\(model.name): \(model.title), built \(count)")
        }
    }

    /// The language models are the peer script's (shared/peers/torch_lm.py): on tang300's 2,533 characters,
    /// embedding V*128 + positions 64*128 + 4 blocks of (2*128 norm + 4*(128*128+128) attention + 2*128 norm
    /// + 128*512+512 + 512*128+128) + 2*128 + 128*V+V for the GPT; V*64 + 4*(64*256+256*256+256) + 256*V+V for the LSTM.
    @Test func theLanguageModelsHaveThePeerScriptsWeightCounts() throws {
        let vocabulary = 2_533
        let block = 2 * 128 + 4 * (128 * 128 + 128) + 2 * 128 + (128 * 512 + 512) + (512 * 128 + 128)
        let gpt = vocabulary * 128 + 64 * 128 + 4 * block + 2 * 128 + 128 * vocabulary + vocabulary
        let lstm = vocabulary * 64 + 4 * (64 * 256 + 256 * 256 + 256) + 256 * vocabulary + vocabulary
        for (name, expected) in [("gpt", gpt), ("lstm", lstm)] {
            let model = try #require(BenchModel.all.first { $0.name == name })
            #expect(model.images == nil && model.batches == [64])
            let built = try TextBench.build(model)
            #expect(built.parameterCount(trainable: true) == expected, "\(name)")
        }
    }

    @Test func aNameRunsEveryDefaultBatchAndModelAtBatchOnlyThatOne() throws {
        let runs = try BenchModel.runs("cnn, mlp,,cnn4@64")
        #expect(runs.map { "\($0.model.name)@\($0.batch)" } == ["cnn@32", "cnn@128", "mlp@128", "cnn4@64"])
        #expect(BenchModel.summary.hasPrefix("cnn (seed CNN (225,034 weights), batch 32 and 128); cnn4 ("))
    }

    @Test(arguments: [
        ("bert", "unknown model 'bert' in --models - choose from cnn, cnn4, mlp, vit, gpt, lstm"),
        ("cnn@0", "batch '0' of 'cnn@0' is not a whole number in 1...65536 - write MODEL@BATCH"),
        ("mlp@65537", "batch '65537' of 'mlp@65537' is not a whole number in 1...65536"),
        ("vit@", "batch '' of 'vit@' is not a whole number in 1...65536"),
        (" , ", "--models names no model - e.g. --models cnn,cnn4,mlp"),
    ])
    func aBadListIsABenchErrorWithAHint(list: String, expected: String) {
        do {
            let runs = try BenchModel.runs(list)
            Issue.record("\(list) gave \(runs.count) runs")
        } catch {
            #expect(error is BenchError)
            #expect("\(error)".hasPrefix(expected), "\(error)")
        }
    }
}

/// `225034` as `225,034`.
private func grouped(_ n: Int) -> String {
    var digits = Array(String(n))
    var index = digits.count - 3
    while index > 0 {
        digits.insert(",", at: index)
        index -= 3
    }
    return String(digits)
}
