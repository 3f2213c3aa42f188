import NeuralNet

/// What `watch attention` keeps showing: the heat map to compute and how often.
public struct AttentionWatch: Sendable, Equatable {
    public var spec: ShowAttentionSpec
    /// Also refresh every this many batches; nil: at epoch ends only.
    public var every: Int?
}

extension Interpreter {
    /// `watch attention ...` computes the heat map once (so a wrong layer or head fails now), publishes it
    /// to the live panel and keeps it refreshed while training.
    func watchAttention(_ command: WatchAttention, at range: SourceRange) throws -> [OutputBlock] {
        let view = try attentionView(command.attention, at: range)
        session.watch = AttentionWatch(spec: command.attention, every: command.every?.value)
        watched.publish(stamped(view))
        let when = command.every.map { "every \($0.value) batches and at each epoch end" } ?? "at each epoch end"
        return [.text("watching \(view.title.split(separator: ",").first ?? ""): the live panel redraws it \(when)", style: .note),
                .attention(AttentionBlock(view))]
    }

    /// `watch off`: the live panel's heat map is cleared and no longer refreshed.
    func watchOff() -> [OutputBlock] {
        session.watch = nil
        watched.publish(nil)
        return [.text("watch off: the live panel shows no heat map", style: .note)]
    }

    /// Recomputes the watched heat map on this (the worker) thread and publishes it; at an epoch end
    /// (`emitting`) it also streams it as a block, which a headless run prints. A watch that no longer
    /// fits the model (a layer removed) is dropped with a warning.
    func refreshWatch(emitting: Bool) {
        guard let watch = session.watch else { return }
        do {
            let view = stamped(try attentionView(watch.spec, at: watch.spec.sample.range))
            watched.publish(view)
            if emitting {
                var block = AttentionBlock(view)
                block.title = "epoch \(view.epoch): " + (block.title ?? "")
                emit(.attention(block))
            }
        } catch {
            session.watch = nil
            watched.publish(nil)
            emit(.text("watch off: \(NotebookError(error, at: watch.spec.sample.range).message)", style: .warning))
        }
    }

    /// `view` marked with the current model's place in training.
    private func stamped(_ view: AttentionView) -> AttentionView {
        var view = view
        if let t = session.modelEntry?.trainer {
            view.epoch = t.epochsDone
            view.batch = t.batchLosses.count
        }
        return view
    }

    /// Whether the batch just finished (1-based within its epoch) is one `every=N` refreshes at: only
    /// when a live panel shows the refreshed map (a headless run prints it at epoch ends only).
    func watchDue(batch: Int) -> Bool {
        guard livePanel, let every = session.watch?.every, every > 0 else { return false }
        return batch % every == 0
    }
}
