import Foundation

/// Gradbook's epoch times beside the peers' (`--compare FILE.json`): per model and batch, one row per
/// framework with the ratio Gradbook / peer (above 1: Gradbook is slower), a row saying so where the file
/// has no figure, and a note naming the file's figures for runs this bench did not make.
struct PeerComparison {
    struct Row {
        var model: String
        var batch: Int
        var gradbookSeconds: Double
        /// nil: the file has no figure for this model and batch.
        var peer: PeerFigures.Entry?
        var ratio: Double? { peer.map { gradbookSeconds / $0.epochSeconds } }
    }

    var rows: [Row] = []
    /// `torch vit@128`: figures of the file for runs not made here.
    var notRun: [String] = []

    init(runs: [ModelRun], figures: PeerFigures) {
        for run in runs {
            let peers = figures.figures(model: run.model, batch: run.batch)
            if peers.isEmpty {
                rows.append(Row(model: run.model, batch: run.batch, gradbookSeconds: run.epochSeconds, peer: nil))
            }
            for peer in peers {
                rows.append(Row(model: run.model, batch: run.batch, gradbookSeconds: run.epochSeconds, peer: peer))
            }
        }
        for entry in figures.entries where !runs.contains(where: { $0.model == entry.model && $0.batch == entry.batch }) {
            let name = "\(entry.framework) \(entry.model)@\(entry.batch)"
            if !notRun.contains(name) { notRun.append(name) }
        }
    }

    static let headers = ["model", "batch", "gradbook s", "peer", "peer s", "ratio"]

    var tableRows: [[String]] {
        rows.map { row in
            [row.model, String(row.batch), String(format: "%.2f", row.gradbookSeconds),
             row.peer?.framework ?? "-", row.peer.map { String(format: "%.2f", $0.epochSeconds) } ?? "missing",
             row.ratio.map { String(format: "%.2fx", $0) } ?? "-"]
        }
    }

    var footer: [String] {
        var lines = ["seconds per epoch (60,000 images; gpt and lstm: every training window of the corpus); "
                     + "ratio = gradbook / peer (above 1: Gradbook is slower)"]
        if rows.contains(where: { $0.peer == nil }) {
            lines.append("missing: the file has no figure for that model and batch (run its peer script)")
        }
        if !notRun.isEmpty {
            lines.append("in the file but not run here: " + notRun.joined(separator: ", "))
        }
        return lines
    }

    var json: [[String: Any]] {
        rows.map { row in
            var object: [String: Any] = ["model": row.model, "batch": row.batch, "gradbook_epoch_seconds": round2(row.gradbookSeconds)]
            if let peer = row.peer {
                object["framework"] = peer.framework
                object["peer_epoch_seconds"] = peer.epochSeconds
            }
            if let ratio = row.ratio { object["ratio"] = round2(ratio) }
            return object
        }
    }
}
