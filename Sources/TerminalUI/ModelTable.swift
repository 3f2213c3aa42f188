import Canvas
import NeuralNet

/// The live panel's compact model summary: one row per layer (name, output shape, parameters) under
/// the model's name and total. Pure.
public struct ModelTable: Sendable, Equatable {
    /// The model's name.
    public var name: String
    public var summary: ModelSummary

    public init(name: String, summary: ModelSummary) {
        self.name = name
        self.summary = summary
    }

    /// Columns the table wants: the widest row, at most 48.
    public var naturalWidth: Int {
        let widths = summary.rows.map { row in
            // Columns are at least as wide as their headers and sit 3 apart (" | ").
            max(5, TextWidth.of(layerName(row))) + 3 + max(6, TextWidth.of(Self.shape(row.outputShape))) + 3
                + max(6, TextWidth.of(ModelSummary.grouped(row.parameters)))
        }
        return min(48, max(TextWidth.of(title), widths.max() ?? 0))
    }

    /// Rows the table wants: title, header, rule and one per layer.
    public var naturalHeight: Int { 3 + max(1, summary.rows.count) }

    var title: String { "model '\(name)' - \(ModelSummary.grouped(summary.total)) params" }

    /// `26x26x8` for a batch of (None, 26, 26, 8).
    static func shape(_ shape: [Int]) -> String {
        shape.map(String.init).joined(separator: "x")
    }

    private func layerName(_ row: ModelSummary.Row) -> String {
        row.trainable ? row.name : row.name + " (frozen)"
    }

    /// Draws the table into `area` of `grid`; layers that do not fit end in "N more".
    public func draw(into grid: inout Grid, area: Rect, options: RenderOptions) {
        guard area.height >= 1, area.width >= 8 else { return }
        grid.put(title, in: Rect(x: area.x, y: area.y, width: area.width, height: 1), style: .bold, ellipsis: options.glyphs.ellipsis)
        guard area.height >= 4 else { return }
        var rows = summary.rows.map { [layerName($0), Self.shape($0.outputShape), ModelSummary.grouped($0.parameters)] }
        if rows.isEmpty {
            rows = [["no layers yet", "", ""]]
        }
        let room = area.height - 3
        if rows.count > room {
            let hidden = rows.count - room + 1
            rows = Array(rows.prefix(room - 1)) + [["\(options.glyphs.ellipsis) \(hidden) more", "", ""]]
        }
        let table = Table(headers: ["layer", "output", "params"], rows: rows, alignments: [.left, .left, .right],
                          borders: false, headerStyle: Style(attributes: .dim), options: options)
        grid.draw(table, in: Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1))
    }
}
