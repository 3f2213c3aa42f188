import Foundation
import Canvas
import NeuralNet
import Notebook

/// The live training panel: a Keras-style progress line, the loss chart (every batch, smoothed, and
/// train/validation per epoch), the accuracy chart, the learning rate and the watched attention heat map.
/// Pure: it draws a monitor snapshot (and the watched view) into a grid.
public struct LivePanel: Sendable {
    public var snapshot: TrainingMonitor.Snapshot
    /// Seconds left in the epoch, when known.
    public var eta: Double?
    /// Plot the loss on a base-10 logarithmic axis (labelled 0.1, 0.01, 1e-4).
    public var logScale: Bool
    public var options: RenderOptions
    /// The current model, when the screen has room for it (read while the worker was idle).
    public var model: ModelTable?
    /// The heat map `watch attention` keeps here (`SessionRunner.watched`), nil when none is watched.
    public var attention: AttentionView?
    /// The decision boundary `watch boundary` keeps here, drawn when no heat map is watched.
    public var boundary: PlaneBlock?
    /// The colours the terminal shows (the watched heat map draws characters on 16 colours).
    public var colorDepth: ColorDepth = .truecolor
    /// Weight of the exponential smoothing of batch losses (TensorBoard's slider).
    public static let smoothing = 0.9

    public init(snapshot: TrainingMonitor.Snapshot, eta: Double?, logScale: Bool, options: RenderOptions, model: ModelTable? = nil) {
        self.snapshot = snapshot
        self.eta = eta
        self.logScale = logScale
        self.options = options
        self.model = model
    }

    /// Panels at least this tall have a title row above the progress line.
    public static let titledHeight = 12
    /// Smallest screen whose live panel shows the model table.
    public static let modelScreen = Size(width: 120, height: 40)
    /// Panels this wide put the model table beside the charts.
    public static let modelBesideWidth = 110
    /// Panels this tall put it below the charts.
    public static let modelBelowHeight = 30

    /// The panel drawn in a grid of the given size.
    public func grid(width: Int, height: Int) -> Grid {
        var grid = Grid(width: width, height: height)
        guard width > 0, height > 0 else { return grid }
        let barStyle = options.tint(Style(foreground: .cyan, attributes: .bold))
        // A short panel (the stacked one at 80x24) shows the progress line without the title above it: both
        // count the epoch and batch, and the running cell shows them a third time.
        let compact = height < Self.titledHeight && snapshot.lastBatch != nil
        if !compact {
            grid.put(title, in: Rect(x: 0, y: 0, width: width, height: 1), style: barStyle, ellipsis: options.glyphs.ellipsis)
        }
        let progressRow = compact ? 0 : 1
        guard height > progressRow else { return grid }
        if snapshot.lastBatch != nil {
            // Before the first batch there is nothing to count (an empty ProgressLine would draw a lone "0").
            grid.draw(progress, in: Rect(x: 0, y: progressRow, width: width, height: 1))
        }
        guard height > progressRow + 2 else { return grid }
        grid.put(footer, in: Rect(x: 0, y: height - 1, width: width, height: 1), style: .dim, ellipsis: options.glyphs.ellipsis)
        var charts = Rect(x: 0, y: progressRow + 1, width: width, height: height - progressRow - 2)
        if let model {
            charts = place(model, besideOrBelow: charts, into: &grid)
        }
        if let attention {
            charts = place(attention, besideOrBelow: charts, into: &grid)
            guard charts.width >= 20, charts.height >= 4 else { return grid }
        } else if let boundary {
            charts = place(boundary, besideOrBelow: charts, into: &grid)
            guard charts.width >= 20, charts.height >= 4 else { return grid }
        }
        let width = charts.width
        let accuracy = accuracySeries
        if accuracy.isEmpty {
            drawChart(lossTitle, lossSeries, logScale: logScale, into: &grid, area: charts)
        } else if width >= (model == nil ? 100 : 81) || (charts.height < 16 && width >= 60) {
            // Side by side when wide, or when too short to stack (80x24).
            let left = (width - 1) / 2
            drawChart(lossTitle, lossSeries, logScale: logScale, into: &grid, area: Rect(x: 0, y: charts.y, width: left, height: charts.height))
            drawChart("accuracy", accuracy, into: &grid, area: Rect(x: left + 1, y: charts.y, width: width - left - 1, height: charts.height))
        } else if charts.height >= 16 {
            let top = charts.height / 2
            drawChart(lossTitle, lossSeries, logScale: logScale, into: &grid, area: Rect(x: 0, y: charts.y, width: width, height: top))
            drawChart("accuracy", accuracy, into: &grid, area: Rect(x: 0, y: charts.y + top, width: width, height: charts.height - top))
        } else {
            drawChart(lossTitle, lossSeries, logScale: logScale, into: &grid, area: charts)
        }
        return grid
    }

    /// Draws the model table beside (wide panels) or below (tall panels) the charts; returns the charts' area.
    private func place(_ model: ModelTable, besideOrBelow charts: Rect, into grid: inout Grid) -> Rect {
        if charts.width >= Self.modelBesideWidth, charts.height >= 5 {
            let tableWidth = min(model.naturalWidth, charts.width / 3)
            let area = Rect(x: charts.maxX - tableWidth, y: charts.y, width: tableWidth, height: charts.height)
            model.draw(into: &grid, area: area, options: options)
            return Rect(x: charts.x, y: charts.y, width: charts.width - tableWidth - 2, height: charts.height)
        }
        if charts.height >= Self.modelBelowHeight - 3 {
            let rows = min(model.naturalHeight, charts.height / 3)
            let area = Rect(x: charts.x, y: charts.maxY - rows, width: charts.width, height: rows)
            model.draw(into: &grid, area: area, options: options)
            return Rect(x: charts.x, y: charts.y, width: charts.width, height: charts.height - rows - 1)
        }
        return charts
    }

    /// Draws the watched attention heat map beside the charts (when both fit), else below them, else in
    /// their place; returns the charts' area.
    private func place(_ view: AttentionView, besideOrBelow charts: Rect, into grid: inout Grid) -> Rect {
        let panels = zip(view.captions, view.weights).map { caption, weights in
            AttentionPanel(caption: caption, weights: weights, queryLabels: view.queryLabels, keyLabels: view.keyLabels)
        }
        let widget = AttentionGrid(panels: panels, options: options, colorDepth: colorDepth)
        let perRow = widget.columns(width: charts.width)
        let natural = min(charts.width, perRow * (widget.panelWidth + AttentionGrid.gap) - AttentionGrid.gap)
        // When it was taken comes first; the title wraps over up to three rows at the heat map's width.
        let title = "\(view.when): \(view.title)"
        if charts.width - natural - 2 >= 40 {
            let area = Rect(x: charts.maxX - natural, y: charts.y, width: natural, height: charts.height)
            let rows = drawTitle(title, into: &grid, at: area)
            grid.draw(widget, in: area.inset(top: rows))
            return Rect(x: charts.x, y: charts.y, width: charts.width - natural - 2, height: charts.height)
        }
        let titleRows = Self.titleLines(title, width: charts.width).count
        let rows = widget.height(width: charts.width) + titleRows
        if charts.height - rows - 1 >= 8 {
            let area = Rect(x: charts.x, y: charts.maxY - rows, width: charts.width, height: rows)
            drawTitle(title, into: &grid, at: area)
            grid.draw(widget, in: area.inset(top: titleRows))
            return Rect(x: charts.x, y: charts.y, width: charts.width, height: charts.height - rows - 1)
        }
        let used = drawTitle(title, into: &grid, at: charts)
        grid.draw(widget, in: charts.inset(top: used))
        return Rect(x: charts.x, y: charts.y, width: 0, height: 0)
    }

    /// The heat map's title in bold over the top rows of `area`; returns the rows it took.
    @discardableResult
    private func drawTitle(_ title: String, into grid: inout Grid, at area: Rect) -> Int {
        let lines = Self.titleLines(title, width: area.width)
        for (i, line) in lines.enumerated() {
            grid.put(line, in: Rect(x: area.x, y: area.y + i, width: area.width, height: 1), style: .bold, ellipsis: options.glyphs.ellipsis)
        }
        return lines.count
    }

    /// `title` wrapped at word boundaries to `width`, at most three rows (the third cut with an ellipsis
    /// by the caller when more would follow).
    static func titleLines(_ title: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in title.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if TextWidth.of(candidate) <= max(width, 1) || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > 3 else { return lines.isEmpty ? [""] : lines }
        return Array(lines.prefix(2)) + [lines[2...].joined(separator: " ")]
    }

    private func drawChart(_ title: String, _ series: [ChartSeries], logScale: Bool = false, into grid: inout Grid, area: Rect) {
        guard area.height >= 2 else { return }
        grid.put(title, in: Rect(x: area.x, y: area.y, width: area.width, height: 1), style: .bold, ellipsis: options.glyphs.ellipsis)
        guard !series.isEmpty else { return }
        let chart = LineChart(series: series, logScale: logScale, options: options)
        grid.draw(chart, in: Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1))
    }

    /// `training 'cnn'  epoch 3  batch 45/94` or what ran last: the panel shows that model only.
    var title: String {
        let state = (snapshot.running ? "training" : "last training") + (snapshot.model.map { " '\($0)'" } ?? "")
        guard let batch = snapshot.lastBatch else {
            return snapshot.running ? "training: starting" + options.glyphs.ellipsis : "no training yet - train N starts one"
        }
        return "\(state)  epoch \(batch.epoch)  batch \(batch.batch)/\(batch.batches)"
    }

    /// The Keras-style line (the same widget `gradbook run` draws): counter, bar, ETA, running loss and
    /// metrics, images/s.
    var progress: ProgressLine {
        guard let batch = snapshot.lastBatch else {
            return ProgressLine(label: "", done: 0, total: nil, options: options)
        }
        var fields = [ProgressLine.Field("loss", NumberFormat.fixed(batch.runningLoss, decimals: 4))]
        for name in batch.runningMetrics.keys.sorted() {
            if let value = batch.runningMetrics[name] {
                fields.append(.init(name == "accuracy" ? "acc" : name, NumberFormat.fixed(value, decimals: 4)))
            }
        }
        let left = eta.flatMap { $0.isFinite && snapshot.running ? $0 : nil }
        return ProgressLine(label: "epoch \(batch.epoch)", done: batch.batch, total: batch.batches, eta: left, fields: fields,
                            rate: batch.samplesPerSecond, maximumBarWidth: 40, options: options)
    }

    var footer: String {
        var parts: [String] = []
        if let rate = snapshot.epochs.last?.learningRate {
            parts.append("lr " + NumberFormat.compact(Double(rate)))
        }
        parts.append("smoothing \(Self.smoothing)")
        parts.append(logScale ? "log scale (F3: linear)" : "linear (F3: log scale)")
        parts.append("F2 hides")
        return parts.joined(separator: "  ")
    }

    var lossTitle: String { logScale ? "loss per batch (log scale)" : "loss per batch" }

    /// Raw and smoothed batch losses, then train and validation loss per epoch at the epoch's last batch.
    /// The x axis counts batches; a long run's curve holds means of `stride` batches each, drawn at the
    /// middle of their batches and smoothed with the per-batch weight raised to the stride.
    var lossSeries: [ChartSeries] {
        let curve = snapshot.batchLosses
        let losses = curve.values
        guard !losses.isEmpty else { return [] }
        let xs = losses.indices.map(curve.batchPosition)
        let smoothed = ChartSeries.smoothed(losses, weight: pow(Self.smoothing, Double(curve.stride)))
        let perEpoch = Double(max(1, snapshot.lastBatch?.batches ?? curve.count))
        var series = [
            ChartSeries(name: "batch", points: zip(xs, losses).map { ($0, $1) }, color: .brightBlack),
            ChartSeries(name: "smoothed", points: zip(xs, smoothed).map { ($0, $1) }, color: .cyan),
        ]
        let ends = snapshot.epochs.indices.map { Double($0 + 1) * perEpoch - 1 }
        if !snapshot.epochs.isEmpty {
            series.append(ChartSeries(name: "train", points: zip(ends, snapshot.epochs).map { ($0, $1.loss) },
                                      color: .yellow))
        }
        let validation = zip(ends, snapshot.epochs).compactMap { x, e in e.validationLoss.map { (x: x, y: $0) } }
        if !validation.isEmpty {
            series.append(ChartSeries(name: "val", points: validation, color: .magenta))
        }
        return series
    }

    /// Accuracy per epoch (train, validation), the train line ending at the running accuracy.
    var accuracySeries: [ChartSeries] {
        var train = snapshot.epochs.compactMap { e in e.metrics["accuracy"].map { (x: Double(e.epoch), y: $0) } }
        if snapshot.running, let batch = snapshot.lastBatch, let running = batch.runningMetrics["accuracy"] {
            train.append((x: Double(batch.epoch - 1) + Double(batch.batch) / Double(max(1, batch.batches)), y: running))
        }
        guard !train.isEmpty else { return [] }
        var series = [ChartSeries(name: "train", points: train, color: .yellow)]
        let validation = snapshot.epochs.compactMap { e in e.validationMetrics["accuracy"].map { (x: Double(e.epoch), y: $0) } }
        if !validation.isEmpty {
            series.append(ChartSeries(name: "val", points: validation, color: .magenta))
        }
        return series
    }

    /// `1:05`, `12:40`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(max(0, min(seconds, 359_999)).rounded())
        let h = total / 3600
        let m = total / 60 % 60
        let s = total % 60
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 {
            return "\(h):" + (m < 10 ? "0\(m)" : "\(m)") + ":" + ss
        }
        return "\(m):" + ss
    }
}
