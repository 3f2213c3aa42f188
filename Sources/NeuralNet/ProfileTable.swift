import Foundation

/// A `StepProfile` as table text, shared by the notebook's `profile` and `gradbook bench`: seven columns
/// that fit 80 columns with borders (layer, forward and backward milliseconds, share of the step, the
/// estimated MFLOP of forward and backward, the GFLOP/s achieved, the MB moved), and two footer lines.
public struct ProfileTable: Sendable, Equatable {
    public static let headers = ["layer", "fwd ms", "bwd ms", "share", "MFLOP", "GFLOP/s", "MB"]
    /// One row per profile row; `-` where a figure does not apply.
    public var rows: [[String]]
    /// The totals and the whole step's time and rate.
    public var footer: [String]

    public init(_ profile: StepProfile) {
        rows = profile.rows.map { row in
            if row.fusedInto != nil { return [row.name, "fused", "fused", "-", "-", "-", "-"] }
            return [row.name,
             row.part == .optimizer || row.part == .other ? "-" : Self.milliseconds(row.forwardSeconds),
             row.part == .data ? "-" : Self.milliseconds(row.backwardSeconds),
             String(format: "%.1f%%", profile.share(of: row) * 100),
             row.work.map { Self.decimal(Double($0.trainingFLOPs) / 1e6) } ?? "-",
             row.gflops.map { Self.decimal($0) } ?? "-",
             row.work.map { Self.decimal(Double($0.bytes) / 1e6) } ?? "-"]
        }
        let work = profile.work
        let layerSeconds = profile.rows.filter { $0.part == .layer }.reduce(0) { $0 + $1.seconds }
        let rate = profile.stepSeconds > 0 ? Double(profile.batch) / profile.stepSeconds : 0
        footer = [
            "step \(Self.milliseconds(profile.stepSeconds)) ms (median; the rows' medians add up to "
                + "\(Self.milliseconds(profile.totalSeconds))), \(Int(rate.rounded())) examples/s",
            "layers: \(Self.decimal(Double(work.trainingFLOPs) / 1e9)) GFLOP "
                + "(fwd \(Self.decimal(Double(work.forwardFLOPs) / 1e9))) at "
                + "\(Self.decimal(layerSeconds > 0 ? Double(work.trainingFLOPs) / layerSeconds / 1e9 : 0)) GFLOP/s; "
                + "FLOP and MB estimated",
        ]
        let fused = profile.rows.compactMap { row in row.fusedInto.map { "\($0) + \(row.name)" } }
        if !fused.isEmpty {
            footer.append("one op each (times and work on the first row): " + fused.joined(separator: ", "))
        }
    }

    /// `0.123`, `12.35`, `123.5`, `1235`: about four significant digits.
    static func milliseconds(_ seconds: Double) -> String {
        decimal(seconds * 1000)
    }

    /// Four significant digits without an exponent, at most three decimals.
    static func decimal(_ x: Double) -> String {
        guard x.isFinite else { return "-" }
        let a = abs(x)
        if a >= 1000 { return String(format: "%.0f", x) }
        if a >= 100 { return String(format: "%.1f", x) }
        if a >= 10 { return String(format: "%.2f", x) }
        return String(format: "%.3f", x)
    }
}
