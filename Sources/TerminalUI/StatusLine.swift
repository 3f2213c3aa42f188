import Canvas

/// The bottom line: data set, model, epoch, threads, memory, and the keys that matter now. Pure.
public struct StatusLine: Sendable, Equatable {
    public var data: String?
    public var model: String?
    public var epoch: Int
    public var threads: Int
    /// Resident memory in bytes.
    public var memory: Int
    /// `Ctrl-C stop  F2 panel`, chosen by the screen for what it is doing.
    public var keys: String

    public init(data: String?, model: String?, epoch: Int, threads: Int, memory: Int, keys: String) {
        self.data = data
        self.model = model
        self.epoch = epoch
        self.threads = threads
        self.memory = memory
        self.keys = keys
    }

    /// The facts on the left.
    public var facts: String { factFields.map(\.text).joined(separator: "  ") }

    /// The facts, each with the rank it is dropped in when the line is too narrow (nil: never dropped).
    private var factFields: [(text: String, dropRank: Int?)] {
        [("data \(data ?? "-")", 2), ("model \(model ?? "-")", nil), ("epoch \(epoch)", nil),
         ("threads \(threads)", 0), ("mem \(Self.bytes(memory))", 1)]
    }

    /// What fits `width` columns (a blank at each end, two between facts and keys): all facts and the
    /// keys, else without threads, then memory, then the data set, then the last keys one by one (keys
    /// are listed most useful first, two spaces apart). Model and epoch stay (only a line too narrow for
    /// them alone is cut, at its end).
    func fitted(width: Int) -> (facts: String, keys: String) {
        var fields = factFields
        var keys = self.keys
        func line() -> Int {
            let factsWidth = TextWidth.of(fields.map(\.text).joined(separator: "  "))
            return 1 + factsWidth + (keys.isEmpty ? 0 : 2 + TextWidth.of(keys)) + 1
        }
        for rank in 0...2 where line() > width {
            fields.removeAll { $0.dropRank == rank }
        }
        var groups = keys.components(separatedBy: "  ")
        while line() > width, !groups.isEmpty {
            groups.removeLast()
            keys = groups.joined(separator: "  ")
        }
        return (fields.map(\.text).joined(separator: "  "), keys)
    }

    /// The line drawn in reverse video `width` columns wide: facts left, keys right (see ``fitted(width:)``).
    public func grid(width: Int, glyphs: Glyphs) -> Grid {
        var grid = Grid(width: max(1, width), height: 1, fill: Cell(" ", attributes: .reverse))
        let style = Style(attributes: .reverse)
        let (facts, keys) = fitted(width: width)
        grid.put(" " + facts, in: grid.area, style: style, ellipsis: glyphs.ellipsis)
        if !keys.isEmpty {
            let keysWidth = TextWidth.of(keys)
            grid.put(keys + " ", in: Rect(x: width - keysWidth - 1, y: 0, width: keysWidth + 1, height: 1), style: style)
        }
        return grid
    }

    /// `512 KB`, `87 MB`, `1.2 GB`.
    public static func bytes(_ count: Int) -> String {
        let mb = Double(count) / 1_048_576
        if mb < 1 { return "\(count / 1024) KB" }
        if mb < 1024 { return "\(Int(mb.rounded())) MB" }
        return NumberFormat.fixed(mb / 1024, decimals: 1) + " GB"
    }
}
