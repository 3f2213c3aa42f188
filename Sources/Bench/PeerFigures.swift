import Foundation

/// Epoch times of the same models in other frameworks (PyTorch, Keras), measured in the same sitting, for
/// `gradbook bench --compare FILE.json`. The file is what `scripts/peers/compare-json.py` writes from the
/// peer scripts' `RESULT` lines (docs/performance.md describes it):
///
///     {"peers": [{"framework": "torch", "model": "cnn", "batch": 32, "epoch_seconds": 10.6,
///                 "test_accuracy": 0.905}]}
///
/// `framework`, `model`, `batch` (a whole number, at least 1) and `epoch_seconds` (positive) are required in every entry;
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

        /// Reads an entry, checking that the batch is a whole number of at least 1 and the seconds positive.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            framework = try c.decode(String.self, forKey: .framework)
            model = try c.decode(String.self, forKey: .model)
            let rawBatch = try c.decode(Double.self, forKey: .batch)
            guard let whole = Int(exactly: rawBatch), whole >= 1 else {
                throw DecodingError.dataCorruptedError(forKey: .batch, in: c,
                                                       debugDescription: "expected a whole number of at least 1, got \(PeerFigures.describe(rawBatch))")
            }
            batch = whole
            epochSeconds = try c.decode(Double.self, forKey: .epochSeconds)
            guard epochSeconds.isFinite, epochSeconds > 0 else {
                throw DecodingError.dataCorruptedError(forKey: .epochSeconds, in: c,
                                                       debugDescription: "expected a positive number of seconds, got \(PeerFigures.describe(epochSeconds))")
            }
            testAccuracy = try c.decodeIfPresent(Double.self, forKey: .testAccuracy)
            peakRSSMiB = try c.decodeIfPresent(Double.self, forKey: .peakRSSMiB)
            epoch = try c.decodeIfPresent(Double.self, forKey: .epoch).flatMap { Int(exactly: $0) }
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
        do {
            // The syntax first: its error says where (the decoder's does not).
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? Self.reason(error)
            throw PeerFiguresError(path: path, location: position(in: data, detail: detail), problem: "not JSON (\(detail))")
        }
        do {
            return PeerFigures(entries: try JSONDecoder().decode(File.self, from: data).peers)
        } catch let error as DecodingError {
            throw PeerFiguresError(decoding: error, path: path)
        } catch {
            throw PeerFiguresError(path: path, location: nil, problem: "not usable (\(Self.reason(error)))")
        }
    }

    /// `line 3, column 2` for a parser message `... around character 26.`, else nil.
    static func position(in data: Data, detail: String) -> String? {
        guard let range = detail.range(of: "character ") else { return nil }
        let digits = detail[range.upperBound...].prefix { $0.isNumber }
        guard let offset = Int(digits), offset >= 0, offset <= data.count else { return nil }
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return "line \(line), column \(column)"
    }

    /// `0`, `1.5`, `-2`: whole numbers without a fraction.
    static func describe(_ x: Double) -> String {
        if let whole = Int(exactly: x) { return String(whole) }
        return String(x)
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
