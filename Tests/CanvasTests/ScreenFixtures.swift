@testable import Canvas

/// Inputs shared by the widget screen tests: three models' loss per epoch (plain
/// overfits, dropout and L2 less), a progress line, a table of class names and counts,
/// and small images.
enum ScreenFixtures {
    static let plain: [Double] = [1.2, 0.8, 0.6, 0.45, 0.35, 0.3, 0.25, 0.2]
    static let dropout: [Double] = [1.4, 1.0, 0.85, 0.7, 0.62, 0.55, 0.5, 0.46]
    static let l2: [Double] = [1.6, 1.2, 0.95, 0.8, 0.72, 0.66, 0.62, 0.6]

    static func series(_ name: String, _ values: [Double]) -> ChartSeries {
        ChartSeries(name: name, points: values.enumerated().map { (x: Double($0.offset + 1), y: $0.element) })
    }

    static func models(options: RenderOptions, logScale: Bool = false) -> LineChart {
        LineChart(series: [series("plain", plain), series("dropout", dropout), series("l2", l2)],
                  logScale: logScale, options: options)
    }

    static func progress(options: RenderOptions) -> ProgressLine {
        ProgressLine(label: "epoch 2/10", done: 143, total: 1875, eta: 12.4,
                     fields: [.init("loss", "0.4123"), .init("acc", "0.8512")], rate: 1234.4, options: options)
    }

    static let classTable = (headers: ["class", "images", "correct"],
                             rows: [["T-shirt/top", "1,000", "855"], ["Ankle boot", "1,000", "975"],
                                    ["Bag", "12,345", "9"]])

    static func table(options: RenderOptions) -> Table {
        Table(headers: classTable.headers, rows: classTable.rows, options: options)
    }

    /// A 4×4 image: a bright frame around a dark centre.
    static let frame = PixelImage(grayscale: [1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1], width: 4, height: 4)

    static func images(options: RenderOptions) -> ImageGrid {
        ImageGrid(items: ["Ankle boot", "Bag", "Coat", "Dress", "Shirt"].map { ImageGrid.Item(image: frame, caption: $0) },
                  options: options)
    }
}
