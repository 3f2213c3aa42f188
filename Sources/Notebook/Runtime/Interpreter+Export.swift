import Canvas
import Datasets
import Foundation
import NeuralNet

extension Interpreter {
    /// `export WHAT FILE.png`: a chart, heat map or image grid of the session drawn into pixels with its
    /// words (``BlockPicture``) and written as a PNG (libpng), replacing the file atomically. The picture
    /// is the latest of its kind, or with `index=N` the N-th of its kind in the latest cell that drew one.
    func export(_ spec: Export, at range: SourceRange) throws -> [OutputBlock] {
        let path = spec.file.value
        guard path.lowercased().hasSuffix(".png") else {
            throw NotebookError("export writes PNG files; '\(path)' does not end in .png", at: spec.file.range,
                                hint: "name the file like out/loss.png")
        }
        let shown = latestShown(spec.what.value)
        guard let last = shown.last else {
            let what = spec.what.value == .last ? "chart, heat map or image grid" : spec.what.value.noun
            throw NotebookError("no \(what) has been shown yet", at: spec.what.range,
                                hint: spec.what.value.firstDrawHint)
        }
        var block = last
        var which = ""
        if let index = spec.index {
            guard index.value <= shown.count else {
                let noun = spec.what.value == .last ? "picture" : spec.what.value.noun
                throw NotebookError("the latest cell with a \(noun) drew \(shown.count) of them; there is no \(noun) \(index.value)",
                                    at: index.range, hint: shown.count == 1 ? "leave index= out" : "use index=1...\(shown.count)")
            }
            block = shown[index.value - 1]
            which = " \(index.value) of \(shown.count)"
        }
        var picture = BlockPicture(chartWidth: spec.width.value, chartHeight: spec.height.value, scale: spec.scale?.value)
        if let natural = BlockPicture.natural(block) {
            let scale = picture.resolvedScale(natural: natural)
            let check = BlockPicture.fits(natural: natural, scale: scale)
            guard check.fits else {
                throw NotebookError("scale=\(scale) would make a \(check.width)x\(check.height) picture, more than \(BlockPicture.maximumPixels >> 20) million pixels",
                                    at: spec.scale?.range ?? spec.what.range, hint: "use a smaller scale=")
            }
            picture.scale = scale
        }
        guard let canvas = picture.canvas(block) else { throw NotebookError("nothing to export", at: spec.what.range) }
        let bytes: [UInt8]
        do {
            bytes = try BlockPicture.png(canvas)
        } catch {
            throw NotebookError("cannot encode the picture: \(error.message)", at: range, hint: error.hint)
        }
        do { try AtomicFile.write(Data(bytes), to: path) } catch { throw NotebookError(error, at: spec.file.range) }
        return [.text("wrote the \(block.pictureKind(asked: spec.what.value))\(which) as a \(canvas.width)x\(canvas.height) PNG (\(bytes.count >> 10) KB) to \(path)",
                      style: .success)]
    }

    /// The blocks of the kind asked for in the latest cell that has one (this command excluded), in the
    /// order drawn; empty when none has been shown.
    func latestShown(_ kind: ExportKind) -> [OutputBlock] {
        for cell in session.cells.reversed() {
            let matching = cell.blocks.filter { kind.matches($0) }
            if !matching.isEmpty { return matching }
        }
        return []
    }
}

extension OutputBlock {
    /// What `export` calls the picture of this block.
    func pictureKind(asked: ExportKind) -> String {
        switch self {
        case .chart: "chart"
        case .heatmap: "heat map"
        case .attention: "attention heat map"
        case .images: asked == .last ? "image grid" : asked.noun
        case .overlay: asked == .last ? "heat overlay" : asked.noun
        default: "picture"
        }
    }
}

extension ExportKind {
    /// Whether `block` is a picture of this kind.
    func matches(_ block: OutputBlock) -> Bool {
        switch (self, block) {
        case (.last, .chart), (.last, .heatmap), (.last, .images), (.last, .overlay), (.last, .attention),
             (.chart, .chart), (.heatmap, .heatmap), (.images, .images), (.attention, .attention):
            return true
        case (.saliency, .overlay(let overlay)):
            return overlay.kind == .saliency
        case (.gradcam, .overlay(let overlay)):
            return overlay.kind == .gradcam
        default:
            return false
        }
    }

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
