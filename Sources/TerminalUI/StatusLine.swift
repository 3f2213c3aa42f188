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
    public var facts: String {
        "data \(data ?? "-")  model \(model ?? "-")  epoch \(epoch)  threads \(threads)  mem \(Self.bytes(memory))"
    }

    /// The line drawn in reverse video `width` columns wide: facts left, keys right (dropped first).
    public func grid(width: Int, glyphs: Glyphs) -> Grid {
        var grid = Grid(width: max(1, width), height: 1, fill: Cell(" ", attributes: .reverse))
        let style = Style(attributes: .reverse)
        let keysWidth = TextWidth.of(keys)
        let factsWidth = TextWidth.of(facts)
        if factsWidth + 2 + keysWidth <= width {
            grid.put(" " + facts, in: grid.area, style: style, ellipsis: glyphs.ellipsis)
            grid.put(keys + " ", in: Rect(x: width - keysWidth - 1, y: 0, width: keysWidth + 1, height: 1), style: style)
        } else {
            grid.put(" " + keys + "  " + facts, in: grid.area, style: style, ellipsis: glyphs.ellipsis)
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
