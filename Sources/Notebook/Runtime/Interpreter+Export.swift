import Canvas
import Datasets
import Foundation
import NeuralNet

extension Interpreter {
    /// Most pixels an exported picture may have (4096 x 4096).
    static let maximumExportPixels = 4096 * 4096
    /// The side an image grid or heat map is enlarged to, about, when no `scale=` is given.
    static let exportTargetSide = 400

    /// `export WHAT FILE.png`: the latest chart, heat map or image grid of the session drawn into
    /// pixels and written as a PNG (libpng), replacing the file atomically.
    func export(_ spec: Export, at range: SourceRange) throws -> [OutputBlock] {
        let path = spec.file.value
        guard path.lowercased().hasSuffix(".png") else {
            throw NotebookError("export writes PNG files; '\(path)' does not end in .png", at: spec.file.range,
                                hint: "name the file like out/loss.png")
        }
        guard let block = lastShown(spec.what.value) else {
            let what = spec.what.value == .last ? "chart, heat map or image grid" : spec.what.value.noun
            throw NotebookError("no \(what) has been shown yet", at: spec.what.range,
                                hint: spec.what.value.firstDrawHint)
        }
        let canvas: PixelCanvas
        let kind: String
        switch block {
        case .chart(let chart):
            canvas = ChartRaster.render(BlockRenderer().lineChart(chart), width: spec.width.value, height: spec.height.value)
            kind = "chart"
        case .heatmap(let heatmap):
            let rows = heatmap.values.count
            let columns = heatmap.values.map(\.count).max() ?? 0
            let scale = try exportScale(spec, natural: (max(1, columns), max(1, rows)))
            canvas = ImageRaster.heatmap(heatmap.values, ramp: heatmap.centeredAtZero ? .diverging : .viridis,
                                         centeredAtZero: heatmap.centeredAtZero, scale: scale)
            kind = "heat map"
        case .images, .overlay:
            let images = Self.exportPictures(block)
            let columns = Self.exportColumns(images.count)
            let side = (images.map { max($0.width, $0.height) }.max() ?? 1)
            let natural = (columns * (side + ImageRaster.spacing), ((images.count + columns - 1) / columns) * (side + ImageRaster.spacing))
            let scale = try exportScale(spec, natural: natural)
            canvas = ImageRaster.grid(images, columns: columns, scale: scale)
            kind = spec.what.value == .last ? (block.isOverlay ? "heat overlay" : "image grid") : spec.what.value.noun
        case .attention(let attention):
            // The heads side by side, one blank (NaN) column between them.
            let matrices = attention.panels.map(\.weights)
            let rows = matrices.map(\.count).max() ?? 0
            let values = (0..<rows).map { r in
                matrices.enumerated().flatMap { i, m in (i == 0 ? [] : [Double.nan]) + (r < m.count ? m[r] : []) }
            }
            let columns = values.map(\.count).max() ?? 0
            let scale = try exportScale(spec, natural: (max(1, columns), max(1, rows)))
            canvas = ImageRaster.heatmap(values, ramp: .viridis, centeredAtZero: false, scale: scale)
            kind = "attention heat map"
        default:
            throw NotebookError("nothing to export", at: spec.what.range)
        }
        let bytes: [UInt8]
        do {
            bytes = try ImageEncoder.png(try DecodedImage(width: canvas.width, height: canvas.height, channels: 3, pixels: canvas.pixels))
        } catch {
            throw NotebookError("cannot encode the picture: \(error.message)", at: range, hint: error.hint)
        }
        do { try AtomicFile.write(Data(bytes), to: path) } catch { throw NotebookError(error, at: spec.file.range) }
        return [.text("wrote the \(kind) as a \(canvas.width)x\(canvas.height) PNG (\(bytes.count >> 10) KB) to \(path)", style: .success)]
    }

    /// The latest block of the session of the kind asked for (the blocks of this command excluded).
    func lastShown(_ kind: ExportKind) -> OutputBlock? {
        for cell in session.cells.reversed() {
            for block in cell.blocks.reversed() {
                switch (kind, block) {
                case (.last, .chart), (.last, .heatmap), (.last, .images), (.last, .overlay), (.chart, .chart), (.heatmap, .heatmap), (.images, .images),
                     (.last, .attention), (.attention, .attention):
                    return block
                case (.saliency, .overlay(let overlay)) where overlay.kind == .saliency:
                    return block
                case (.gradcam, .overlay(let overlay)) where overlay.kind == .gradcam:
                    return block
                default:
                    continue
                }
            }
        }
        return nil
    }

    /// Tiles per row of an exported image grid: about square.
    static func exportColumns(_ count: Int) -> Int {
        var columns = 1
        while columns * columns < count { columns += 1 }
        return columns
    }

    /// `scale=` or the factor that brings `natural` (pixels at scale 1) to about ``exportTargetSide``;
    /// a picture past ``maximumExportPixels`` is refused.
    private func exportScale(_ spec: Export, natural: (width: Int, height: Int)) throws -> Int {
        let longest = max(1, natural.width, natural.height)
        let scale = spec.scale?.value ?? max(1, Self.exportTargetSide / longest)
        let (wide, o1) = natural.width.multipliedReportingOverflow(by: scale)
        let (tall, o2) = natural.height.multipliedReportingOverflow(by: scale)
        let (area, o3) = wide.multipliedReportingOverflow(by: tall)
        guard !o1, !o2, !o3, area <= Self.maximumExportPixels, wide <= 8192, tall <= 8192 else {
            throw NotebookError("scale=\(scale) would make a \(wide)x\(tall) picture, more than \(Self.maximumExportPixels >> 20) million pixels",
                                at: spec.scale?.range ?? spec.what.range, hint: "use a smaller scale=")
        }
        return scale
    }
}

extension ExportKind {
    /// The kind in words, for messages.
    var noun: String {
        switch self {
        case .last: "picture"
        case .chart: "chart"
        case .heatmap: "heat map"
        case .images: "image grid"
        case .attention: "attention heat map"
        case .saliency: "saliency map"
        case .gradcam: "Grad-CAM"
        }
    }

    /// How to draw a block of this kind first.
    var firstDrawHint: String {
        switch self {
        case .saliency: "draw one first, e.g. `show saliency 0 count=4`"
        case .gradcam: "draw one first, e.g. `show gradcam conv2d_2 0 count=4`"
        case .attention: "draw one first, e.g. `show attention all sample=0`"
        default: "draw one first, e.g. `chart loss`, `confusion` or `show samples 8`"
        }
    }
}
