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
        let view = stamped(try attentionView(command.attention, at: range))
        session.watch = AttentionWatch(spec: command.attention, every: command.every?.value)
        watched.publish(view)
        // A new watch starts a new history: frames of another layer or example would not replay one formation.
        if let model = session.currentModel { session.attentionFrames[model] = AttentionFrames() }
        keep(view)
        let when = command.every.map { "every \($0.value) batches and at each epoch end" } ?? "at each epoch end"
        return [.text("watching \(view.title.split(separator: ",").first ?? ""): the live panel redraws it \(when)", style: .note),
                .attention(AttentionBlock(view))]
    }

    /// `watch off`: the live panel's heat map is cleared and no longer refreshed.
    func watchOff() -> [OutputBlock] {
        session.watch = nil
        watched.publish(nil)
        if session.boundaryWatch != nil {
            session.boundaryWatch = nil
            watched.publish(boundary: nil)
            return [.text("watch off: the live panel shows no heat map and no boundary", style: .note)]
        }
        return [.text("watch off: the live panel shows no heat map", style: .note)]
    }

    /// Recomputes the watched heat map on this (the worker) thread and publishes it; at an epoch end
    /// (`emitting`) it also streams it as a block, which a headless run prints. A watch that no longer
    /// fits the model (a layer removed) is dropped with a warning.
    func refreshWatch(emitting: Bool) {
        refreshBoundaryWatch(emitting: emitting)
        guard let watch = session.watch else { return }
        do {
            let view = stamped(try attentionView(watch.spec, at: watch.spec.sample.range))
            watched.publish(view)
            keep(view)
            if emitting {
                var block = AttentionBlock(view)
                block.title = view.when + ": " + (block.title ?? "")
                emit(.attention(block))
            }
        } catch {
            session.watch = nil
            watched.publish(nil)
            emit(.text("watch off: \(NotebookError(error, at: watch.spec.sample.range).message)", style: .warning))
        }
    }

    /// `view` marked with the current model's place in training, as the progress line numbers it: mid-epoch
    /// the epoch in progress and its batches done; between epochs the epoch last finished, all of its batches.
    private func stamped(_ view: AttentionView) -> AttentionView {
        var view = view
        guard let place = trainingPlace() else { return view }
        (view.epoch, view.batch, view.batches) = (place.epoch, place.batch, place.batches)
        return view
    }

    /// The current model's place in training as the progress line numbers it: mid-epoch the epoch in
    /// progress and its batches done; between epochs the epoch last finished, all of its batches.
    func trainingPlace() -> (epoch: Int, batch: Int, batches: Int)? {
        guard let t = session.modelEntry?.trainer, let data = session.data else { return nil }
        let (done, total) = t.epochPosition(dataCount: data.trainingSet.count)
        return (done > 0 ? t.epochsDone + 1 : t.epochsDone, done > 0 ? done : (t.epochsDone > 0 ? total : 0), total)
    }

    /// Keeps `view` in the current model's history of drawn heat maps (`show attention history`).
    private func keep(_ view: AttentionView) {
        guard let model = session.currentModel else { return }
        session.attentionFrames[model, default: AttentionFrames()].add(view)
    }

    /// Whether the batch just finished (1-based within its epoch) is one `every=N` refreshes at: only
    /// when a live panel shows the refreshed map (a headless run prints it at epoch ends only).
    func watchDue(batch: Int) -> Bool {
        guard livePanel else { return false }
        return [session.watch?.every, session.boundaryWatch?.every].contains { every in
            every.map { $0 > 0 && batch % $0 == 0 } ?? false
        }
    }
}

extension Interpreter {
    /// `show attention history`: the heat maps `watch attention` drew for the current model, oldest first,
    /// each titled with when it was drawn, after a line saying how many were drawn and kept.
    func showAttentionHistory(_ choice: AttentionHistoryChoice, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        guard let history = session.attentionFrames[m.name], !history.frames.isEmpty else {
            throw NotebookError("'\(m.name)' has no attention history: nothing was watched", at: range,
                                hint: "`watch attention LAYER every=N` before `train` keeps the heat maps it draws")
        }
        let picked = choice.pick(from: history.frames.count)
        let kept = history.frames.count == history.drawings
            ? "all \(history.drawings) kept"
            : "\(history.frames.count) kept (one in \(history.spacing) drawings, and the latest)"
        let note = "\(m.name): \(history.drawings) heat map\(history.drawings == 1 ? "" : "s") drawn, \(kept); "
            + "showing \(picked.count), oldest first"
        return [.text(note, style: .note)] + picked.map { index in
            let view = history.frames[index].view
            var block = AttentionBlock(view)
            block.title = view.when + ": " + (block.title ?? "")
            return .attention(block)
        }
    }
}
