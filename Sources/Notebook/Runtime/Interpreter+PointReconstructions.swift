import Canvas
import Foundation

extension Interpreter {
    /// Points and their reconstructions on one plane: each point in its class's mark, each reconstruction
    /// in a mark of its own, so a class sees where a 1-value code puts the points (a curve through them).
    func pointReconstructions(_ spec: ShowReconstructions, _ m: ModelEntry, _ name: String, _ p: PointSplits,
                              at range: SourceRange) throws -> [OutputBlock] {
        try requireOwnShape(m, [2], at: range)
        let set = p.points(spec.from.value)
        let n = min(spec.count.value, set.count, Self.maximumPlotted)
        let inputs = (0..<n).map { [set.coordinates[2 * $0], set.coordinates[2 * $0 + 1]] }
        let outputs = try reconstruct(m, inputs, shape: [2])
        let total = zip(inputs, outputs).reduce(0.0) { $0 + Self.meanSquaredError($1.0, $1.1) } / Double(max(n, 1))
        let classes = p.classNames.count
        var marks: [RegionPlot.Point] = (0..<n).map { i in
            RegionPlot.Point(x: Double(inputs[i][0]), y: Double(inputs[i][1]), group: Int(set.labels[i]))
        }
        marks += outputs.map { RegionPlot.Point(x: Double($0[0]), y: Double($0[1]), group: classes) }
        let largest = outputs.reduce(p.extent) { max($0, Double(abs($1[0])) * 1.05, Double(abs($1[1])) * 1.05) }
        let extent = largest.isFinite ? min(largest, 10) : p.extent
        return [.plane(PlaneBlock(title: "\(m.name): \(n) \(spec.from.value.rawValue) points of \(name) and their reconstructions, mean squared error \(String(format: "%.4f", total))",
                                  panels: [PlaneBlock.Panel(field: .none, points: marks)], extent: extent,
                                  classNames: p.classNames + ["reconstruction"],
                                  footer: ["each point in its class's mark, each reconstruction in the last mark of the legend"])) ]
    }
}
