import NeuralNet

/// What `watch boundary` keeps showing: which split's points and how often.
public struct BoundaryWatch: Sendable, Equatable {
    public var from: Located<DataSplit>
    /// Also refresh every this many batches; nil: at epoch ends only.
    public var every: Int?
    /// Draw at every this many epoch ends (1: each).
    public var epochs: Int = 1
}

extension Interpreter {
    /// `watch boundary ...` draws the boundary once (so data that are not points fail now), publishes it to
    /// the live panel and keeps it refreshed while training.
    func watchBoundary(_ command: WatchBoundary, at range: SourceRange) throws -> [OutputBlock] {
        let block = stampedBoundary(try boundaryBlock(from: command.from, at: range))
        session.boundaryWatch = BoundaryWatch(from: command.from, every: command.every?.value, epochs: command.epochs.value)
        watched.publish(boundary: block)
        let k = command.epochs.value
        let ends = k == 1 ? "at each epoch end" : "at the end of epochs \(k), \(2 * k), ..."
        let when = command.every.map { "every \($0.value) batches and \(ends)" } ?? ends
        return [.text("watching the decision boundary: the live panel redraws it \(when)", style: .note), .plane(block)]
    }

    /// Redraws the watched boundary on this (the worker) thread and publishes it; at an epoch end
    /// (`emitting`) a run without a live panel (headless) also gets it as a block, which it prints. A watch that no longer
    /// fits (other data made current) is dropped with a warning.
    func refreshBoundaryWatch(emitting: Bool) {
        guard let watch = session.boundaryWatch else { return }
        if emitting, watch.epochs > 1, (session.modelEntry?.trainer?.epochsDone ?? 0) % watch.epochs != 0 { return }
        do {
            let block = stampedBoundary(try boundaryBlock(from: watch.from, at: watch.from.range))
            watched.publish(boundary: block)
            // The notebook's live panel shows it; only a run without one prints it into the transcript.
            if emitting && !livePanel { emit(.plane(block)) }
        } catch {
            session.boundaryWatch = nil
            watched.publish(boundary: nil)
            emit(.text("watch off: \(NotebookError(error, at: watch.from.range).message)", style: .warning))
        }
    }

    /// `block` titled with the current model's place in training, as the progress line numbers it.
    private func stampedBoundary(_ block: PlaneBlock) -> PlaneBlock {
        guard let place = trainingPlace() else { return block }
        var block = block
        block.title = "epoch \(place.epoch), batch \(place.batch)/\(place.batches): " + block.title
        return block
    }
}
