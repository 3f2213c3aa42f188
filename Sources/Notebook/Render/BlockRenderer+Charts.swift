import Canvas

// The layout of charts and progress lines.
extension BlockRenderer {
    // MARK: - Chart

    /// The Canvas chart for a block: series in order, colours and (without colour) dash patterns by position.
    func lineChart(_ block: ChartBlock) -> LineChart {
        let series = block.series.map { s in
            ChartSeries(name: s.name, points: s.points.map { (x: $0.x, y: $0.y) })
        }
        return LineChart(series: series, logScale: block.logScale, options: options)
    }

    func chartGrid(_ block: ChartBlock, width: Int) -> Grid {
        var stack = GridStack(width: width)
        if !block.title.isEmpty { stack.appendWrapped(block.title, style: titleStyle) }
        let chart = lineChart(block)
        let hasData = chart.series.contains { s in
            s.points.contains { $0.x.isFinite && chart.plotted($0.y).isFinite }
        }
        guard hasData else {
            let why = block.logScale && !block.series.isEmpty ? "(no positive data for a log scale)" : "(no data)"
            stack.appendLine(why, style: .dim, ellipsis: ellipsis)
            return stack.grid
        }
        // chartHeight counts one legend row; a legend wrapped onto more rows adds them.
        let legendRows = chart.legendHeight(width: width)
        stack.append(chart, height: Self.chartHeight + max(0, legendRows - 1))
        if !block.xLabel.isEmpty {
            var line = Grid(width: width, height: 1)
            let label = block.logScale ? block.xLabel + " (log scale)" : block.xLabel
            line.put(label, in: line.area, alignment: .center, ellipsis: ellipsis)
            stack.append(line)
        }
        return stack.grid
    }

    // MARK: - Progress

    /// A counted block as a Keras-style ``ProgressLine``; an uncounted one as a ``ProgressBar``
    /// with its label, percentage and suffix.
    func progressGrid(_ block: ProgressBlock, width: Int) -> Grid {
        var grid = Grid(width: width, height: 1)
        if let done = block.done {
            let fields = block.metrics.map { ProgressLine.Field($0.name, NumberFormat.fixed($0.value, decimals: 4)) }
            grid.draw(ProgressLine(label: block.label, done: done, total: block.total, eta: block.eta,
                                   fields: fields, rate: block.rate, maximumBarWidth: Self.maximumProgressBarWidth,
                                   options: options))
        } else {
            grid.draw(ProgressBar(fraction: block.fraction, label: block.label, suffix: block.suffix,
                                  barWidth: Self.maximumProgressBarWidth, options: options))
        }
        return grid
    }
}
