import TensorRuntime

/// A peer-figures file (`gradbook bench --compare FILE.json`) that cannot be used: which file, where in it
/// (`peers[2].epoch_seconds`, or `line 3, column 2` for a syntax error), and what is wrong.
public struct PeerFiguresError: ReportableError, Equatable {
    public var path: String
    /// The JSON path of the bad value, or nil when the file as a whole is at fault.
    public var location: String?
    public var problem: String

    public init(path: String, location: String?, problem: String) {
        self.path = path
        self.location = location
        self.problem = problem
    }

    /// From a decoder's error: its coding path becomes the location.
    init(decoding error: DecodingError, path: String) {
        func place(_ codingPath: [CodingKey]) -> String? {
            var text = ""
            for key in codingPath {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? nil : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = place(context.codingPath)
            self.init(path: path, location: parent, problem: "missing key \"\(key.stringValue)\"")
        case .typeMismatch(let type, let context):
            self.init(path: path, location: place(context.codingPath), problem: "expected \(Self.noun(type))")
        case .valueNotFound(let type, let context):
            self.init(path: path, location: place(context.codingPath), problem: "null, expected \(Self.noun(type))")
        case .dataCorrupted(let context):
            self.init(path: path, location: place(context.codingPath), problem: context.debugDescription)
        @unknown default:
            self.init(path: path, location: nil, problem: "not a peer-figures file")
        }
    }

    private static func noun(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        default: return String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }

    /// `peers.json: peers[1].epoch_seconds: expected a positive number of seconds, got -2`.
    public var message: String {
        guard let location else { return "\(path): \(problem)" }
        return "\(path): \(location): \(problem)"
    }

    public var hint: String? {
        "write the file with scripts/peers/compare-json.py from the peer scripts' RESULT lines; "
            + "docs/performance.md describes its format"
    }
}
