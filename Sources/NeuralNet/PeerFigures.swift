import Foundation

/// Epoch times of the same models in other frameworks (PyTorch, Keras), measured in the same sitting, for
/// `gradbook bench --compare FILE.json`. The file is what `scripts/peers/compare-json.py` writes from the
/// peer scripts' `RESULT` lines (docs/performance.md describes it):
///
///     {"peers": [{"framework": "torch", "model": "cnn", "batch": 32, "epoch_seconds": 10.6,
///                 "test_accuracy": 0.905}]}
///
/// `framework`, `model`, `batch` (at least 1) and `epoch_seconds` (positive) are required in every entry;
/// `test_accuracy`, `peak_rss_mib` and `epoch` are optional; other keys are ignored.
public struct PeerFigures: Sendable, Equatable {
    /// One peer measurement.
    public struct Entry: Sendable, Equatable, Decodable {
        public var framework: String
        public var model: String
        public var batch: Int
        public var epochSeconds: Double
        public var testAccuracy: Double?
        public var peakRSSMiB: Double?
        public var epoch: Int?

        enum CodingKeys: String, CodingKey {
            case framework, model, batch, epoch
            case epochSeconds = "epoch_seconds"
            case testAccuracy = "test_accuracy"
            case peakRSSMiB = "peak_rss_mib"
        }

        public init(framework: String, model: String, batch: Int, epochSeconds: Double,
                    testAccuracy: Double? = nil, peakRSSMiB: Double? = nil, epoch: Int? = nil) {
            self.framework = framework
            self.model = model
            self.batch = batch
            self.epochSeconds = epochSeconds
            self.testAccuracy = testAccuracy
            self.peakRSSMiB = peakRSSMiB
            self.epoch = epoch
        }
    }

    private struct File: Decodable {
        var peers: [Entry]
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Reads and checks `path`. Every failure is a `PeerFiguresError` naming the file and, inside it,
    /// the entry and key at fault.
    public static func load(path: String) throws(PeerFiguresError) -> PeerFigures {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PeerFiguresError(path: path, location: nil, problem: "cannot be read (\(Self.reason(error)))")
        }
        return try parse(data, path: path)
    }

    /// Checks the JSON text of a peer file; `path` only names it in errors.
    public static func parse(_ data: Data, path: String) throws(PeerFiguresError) -> PeerFigures {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw PeerFiguresError(decoding: error, path: path)
        } catch {
            throw PeerFiguresError(path: path, location: nil, problem: "is not JSON (\(Self.reason(error)))")
        }
        for (i, entry) in file.peers.enumerated() {
            guard entry.batch >= 1 else {
                throw PeerFiguresError(path: path, location: "peers[\(i)].batch", problem: "must be at least 1, got \(entry.batch)")
            }
            guard entry.epochSeconds.isFinite, entry.epochSeconds > 0 else {
                throw PeerFiguresError(path: path, location: "peers[\(i)].epoch_seconds", problem: "must be a positive number of seconds, got \(entry.epochSeconds)")
            }
        }
        return PeerFigures(entries: file.peers)
    }

    /// The entries for `model` at `batch`, one per framework (the last one listed wins).
    public func figures(model: String, batch: Int) -> [Entry] {
        var byFramework: [String: Entry] = [:]
        var order: [String] = []
        for entry in entries where entry.model == model && entry.batch == batch {
            if byFramework[entry.framework] == nil { order.append(entry.framework) }
            byFramework[entry.framework] = entry
        }
        return order.compactMap { byFramework[$0] }
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedDescription
    }
}
