/// What a command returns: structured data, rendered by the plain-text transcript today and by the TUI's
/// panes later. Commands never print.
public enum OutputBlock: Sendable, Equatable {
    /// Lines of text. `style` lets a renderer colour errors, successes and notes.
    case text(String, style: TextStyle = .normal)
    /// An aligned table.
    case table(TableBlock)
    /// Line series over a shared x axis (epochs or batches).
    case chart(ChartBlock)
    /// A grid of images with captions.
    case images(ImageGridBlock)
    /// A matrix drawn as colours (confusion matrices, weights, attention).
    case heatmap(HeatmapBlock)
    /// Heat maps over the pictures they explain (saliency, Grad-CAM).
    case overlay(OverlayBlock)
    /// A progress bar (transient while training; the transcript keeps only final lines).
    case progress(ProgressBlock)
    /// Attention weights as query x key heat maps, one per head (or per layer and head).
    case attention(AttentionBlock)
    /// Text produced piece by piece (`generate`).
    case stream(StreamBlock)
    /// Labelled points in the plane (`show embeddings`).
    case scatter(ScatterBlock)
    /// The plane of 2-D points: the points, the model's prediction over it, or a layer's units (`show boundary`).
    case plane(PlaneBlock)

    public enum TextStyle: Sendable, Equatable { case normal, note, success, warning, error }
}

public struct TableBlock: Sendable, Equatable {
    /// How a column's cells sit in their width.
    public enum Alignment: Sendable, Equatable { case left, right, center }
    public var title: String?
    public var headers: [String]
    public var rows: [[String]]
    /// Lines under the table (totals, notes).
    public var footer: [String]
    /// Per-column alignment; `nil` entries (or a short array) let the renderer decide
    /// (numbers right, text left).
    public var alignments: [Alignment?]
    /// Fractions in [0, 1], one per row, drawn as bars in a last column (block glyphs, or `#` and `.` in
    /// ASCII); empty: no bar column.
    public var bars: [Double]
    public init(title: String? = nil, headers: [String], rows: [[String]], footer: [String] = [],
                alignments: [Alignment?] = [], bars: [Double] = []) {
        self.title = title
        self.headers = headers
        self.rows = rows
        self.footer = footer
        self.alignments = alignments
        self.bars = bars
    }
}

public struct ChartBlock: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        public var name: String
        /// (x, y) points; non-finite y values are skipped by renderers.
        public var points: [Point]
        public init(name: String, points: [Point]) { self.name = name; self.points = points }
        public init(name: String, values: [Double], firstX: Double = 1) {
            self.name = name
            self.points = values.enumerated().map { Point(x: firstX + Double($0.offset), y: $0.element) }
        }
    }
    public struct Point: Sendable, Equatable { public var x: Double, y: Double; public init(x: Double, y: Double) { self.x = x; self.y = y } }
    public var title: String
    public var xLabel: String
    public var series: [Series]
    /// Plot y on a base-10 logarithmic scale (values <= 0 are left out).
    public var logScale: Bool
    public init(title: String, xLabel: String, series: [Series], logScale: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.series = series
        self.logScale = logScale
    }
}

public struct ImageGridBlock: Sendable, Equatable {
    public struct Image: Sendable, Equatable {
        /// Row-major pixels in [0, 1], `channels` interleaved (1 grayscale, 3 RGB).
        public var pixels: [Float]
        public var width: Int, height: Int, channels: Int
        public var caption: String
        /// Whether the caption reports a right or wrong prediction (coloured green/red; a wrong one is
        /// marked with a symbol when there is no colour).
        public var verdict: Verdict
        public init(pixels: [Float], width: Int, height: Int, channels: Int, caption: String, verdict: Verdict = .none) {
            self.pixels = pixels; self.width = width; self.height = height; self.channels = channels; self.caption = caption
            self.verdict = verdict
        }
    }
    /// How a caption is marked.
    public enum Verdict: Sendable, Equatable { case none, right, wrong }
    public var title: String?
    public var images: [Image]
    public init(title: String?, images: [Image]) { self.title = title; self.images = images }
}

public struct HeatmapBlock: Sendable, Equatable {
    public var title: String?
    /// values[row][column].
    public var values: [[Double]]
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Signed data (weights): a diverging ramp centred on zero.
    public var centeredAtZero: Bool
    /// Also print the numbers (confusion matrices) when rendering as text.
    public var showValues: Bool
    public init(title: String?, values: [[Double]], rowLabels: [String] = [], columnLabels: [String] = [],
                centeredAtZero: Bool = false, showValues: Bool = false) {
        self.title = title; self.values = values; self.rowLabels = rowLabels; self.columnLabels = columnLabels
        self.centeredAtZero = centeredAtZero; self.showValues = showValues
    }
}

/// Progress of a long command. Built with ``init(label:done:total:eta:metrics:rate:)`` it renders as a
/// Keras-style line (`epoch 2/10  143/1875 [====>....] ETA 0:12  loss 0.4123  1,234 img/s`); built with
/// ``init(fraction:label:suffix:)`` as `label [====>....]  50% suffix`.
public struct ProgressBlock: Sendable, Equatable {
    /// A running metric shown after the bar.
    public struct Metric: Sendable, Equatable {
        public var name: String
        public var value: Double
        public init(_ name: String, _ value: Double) {
            self.name = name
            self.value = value
        }
    }
    public var fraction: Double
    public var label: String
    public var suffix: String
    /// Steps done (batches), when counted.
    public var done: Int?
    /// Steps in all, when known.
    public var total: Int?
    /// Seconds left, when estimated.
    public var eta: Double?
    /// Running metrics, most important first (the renderer drops the last ones when narrow).
    public var metrics: [Metric]
    /// Examples per second, when measured.
    public var rate: Double?
    public init(fraction: Double, label: String, suffix: String) {
        self.fraction = fraction
        self.label = label
        self.suffix = suffix
        self.metrics = []
    }
    /// A counted step: `done` of `total` batches, with what is known about speed and metrics.
    public init(label: String, done: Int, total: Int, eta: Double? = nil, metrics: [Metric] = [], rate: Double? = nil) {
        self.fraction = total > 0 ? min(1, max(0, Double(done) / Double(total))) : 0
        self.label = label
        self.suffix = ""
        self.done = done
        self.total = total
        self.eta = eta
        self.metrics = metrics
        self.rate = rate
    }
}
