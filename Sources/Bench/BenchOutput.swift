import Foundation
import NeuralNet
import Notebook

/// What `gradbook bench` prints: as text, each figure as soon as it is measured (a run takes minutes);
/// as JSON, one object at the end (`--json`) whose keys are the text's `key value` lines plus `models`
/// and `compare`.
struct BenchOutput {
    let json: Bool
    private var values: [(String, Any)] = []
    private var models: [[String: Any]] = []
    private var compare: [[String: Any]]?
    private let renderer = BlockRenderer(options: .unicodeMonochrome, width: 80)

    init(json: Bool) {
        self.json = json
    }

    /// A `key value` figure.
    mutating func add(_ key: String, _ value: Any) {
        values.append((key, value))
        if !json { print(key.padding(toLength: max(36, key.count + 2), withPad: " ", startingAt: 0) + "\(value)") }
    }

    /// A figure for the JSON object only (text mode prints it its own way).
    mutating func addJSON(_ key: String, _ value: Any) {
        values.append((key, value))
    }

    /// Free text (text mode only).
    func lines(_ text: [String]) {
        if !json { for line in text { print(line) } }
    }

    /// A model's section: epoch figures, page faults, memory split, profile.
    mutating func model(_ run: ModelRun, title: String, fullCount: Int) {
        models.append(Self.object(run))
        guard !json else { return }
        let m = run.memory
        func mb(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1e6) }
        let scaled = run.images == fullCount ? "" : String(format: " (%.2f s for %d images, scaled)", run.measuredSeconds, run.images)
        print("")
        print("== \(run.model) batch \(run.batch): \(title)")
        if let perplexity = run.validationPerplexity {
            print(String(format: "epoch %.2f s per %d windows of %d tokens, %.0f tokens/s, validation perplexity %.2f",
                         run.epochSeconds, run.images, run.tokensPerExample, run.tokensPerSecond, perplexity))
        } else {
            print(String(format: "epoch %.2f s per %d images", run.epochSeconds, fullCount) + scaled
                  + String(format: ", %.0f images/s, test accuracy %.4f", run.imagesPerSecond, run.testAccuracy))
        }
        print("minor page faults per epoch after warm-up: \(run.minorFaultsPerEpoch)"
              + String(format: " (%.1f per batch)", run.minorFaultsPerBatch))
        print("peak RSS \(mb(m.peak)) MB: data \(mb(m.data)), weights+optimizer \(mb(m.weights)), activations+gradients "
              + "\(mb(m.activations)), scratch \(mb(m.scratch)), buffer cache \(mb(m.cache)), other \(mb(m.other))")
        if let profile = run.profile {
            print(renderer.render(.table(TableBlock(profile, title: "one step of \(profile.batch), median of \(profile.steps)"))))
        }
    }

    /// The peer comparison table.
    mutating func comparison(_ comparison: PeerComparison, file: String) {
        compare = comparison.json
        guard !json else { return }
        print("")
        print(renderer.render(.table(TableBlock(title: "compared with \(file)", headers: PeerComparison.headers,
                                                rows: comparison.tableRows, footer: comparison.footer))))
    }

    /// Prints the JSON object (JSON mode).
    func finish() throws {
        guard json else { return }
        var object = Dictionary(uniqueKeysWithValues: values)
        object["models"] = models
        if let compare { object["compare"] = compare }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// One model run as JSON.
    static func object(_ run: ModelRun) -> [String: Any] {
        let m = run.memory
        func mib(_ bytes: Int) -> Double { round2(Double(bytes) / 1_048_576) }
        var object: [String: Any] = [
            "model": run.model, "batch": run.batch, "images": run.images,
            "epoch_seconds": round2(run.epochSeconds), "measured_seconds": round2(run.measuredSeconds),
            "images_per_second": Int(run.imagesPerSecond), "test_accuracy": round4(run.testAccuracy),
            "minor_faults_per_epoch": run.minorFaultsPerEpoch, "minor_faults_per_batch": round2(run.minorFaultsPerBatch),
            "peak_rss_mb": mib(m.peak),
            "memory_mb": ["data": mib(m.data), "weights_optimizer": mib(m.weights), "activations_gradients": mib(m.activations),
                          "scratch": mib(m.scratch), "buffer_cache": mib(m.cache), "other": mib(m.other)],
        ]
        if let perplexity = run.validationPerplexity {
            object["windows"] = run.images
            object["tokens_per_second"] = Int(run.tokensPerSecond)
            object["validation_perplexity"] = round2(perplexity)
            object["test_accuracy"] = nil
            object["images"] = nil
            object["images_per_second"] = nil
        }
        if let profile = run.profile {
            object["step_ms"] = round2(profile.stepSeconds * 1000)
            object["profile"] = profile.rows.map { row -> [String: Any] in
                var r: [String: Any] = ["name": row.name, "type": row.type,
                                        "forward_ms": round4(row.forwardSeconds * 1000), "backward_ms": round4(row.backwardSeconds * 1000),
                                        "share": round4(profile.share(of: row))]
                if let work = row.work {
                    r["mflop"] = round2(Double(work.trainingFLOPs) / 1e6)
                    r["mb_moved"] = round2(Double(work.bytes) / 1e6)
                }
                if let gflops = row.gflops { r["gflops"] = round2(gflops) }
                return r
            }
        }
        return object
    }
}
