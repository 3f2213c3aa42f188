import Foundation
import Canvas
import NeuralNet
import Notebook
import TerminalUI

/// What the notebook screen costs training: the same seed-CNN epoch on the session runner's worker,
/// once with nobody watching (headless) and once with the main thread doing what the screen does while
/// training runs: every 50 ms read the monitor's snapshot and, when its version changed, draw the live
/// panel at 120x40, diff it against the last frame and render the changed runs as terminal text
/// (written nowhere: the terminal's own cost is not Gradbook's).
enum NotebookOverhead {
    struct Result {
        var headlessSeconds: Double
        var watchedSeconds: Double
        var frames: Int
        /// Terminal text the frames would have written, in bytes.
        var bytes: Int
        /// watched / headless - 1.
        var overhead: Double { watchedSeconds / max(headlessSeconds, 1e-9) - 1 }
    }

    /// Trains one epoch of `images` Fashion-MNIST images, headless then watched, from the same seed.
    static func measure(dataDirectory: String, images: Int) -> Result? {
        let setup = """
            load fashion-mnist dir="\(dataDirectory)" subset=\(images)
            model
            conv2d 32 3 relu
            maxpool 2
            conv2d 64 3 relu
            maxpool 2
            flatten
            dense 128 relu
            dense 10 softmax
            compile
            """
        guard let headless = epochSeconds(setup: setup, watch: false),
              let watched = epochSeconds(setup: setup, watch: true) else { return nil }
        return Result(headlessSeconds: headless.seconds, watchedSeconds: watched.seconds, frames: watched.drawn.frames,
                      bytes: watched.drawn.bytes)
    }

    /// The epoch's own seconds (as its epoch line reports them) and the frames drawn meanwhile.
    private static func epochSeconds(setup: String, watch: Bool) -> (seconds: Double, drawn: (frames: Int, bytes: Int))? {
        let runner = SessionRunner(options: .init(livePanel: watch))
        let prepared = runner.run(RunRequest(source: setup))
        guard case .finished(let outcome)? = prepared.last, outcome.failures == 0 else { return nil }
        let handle = runner.submit(RunRequest(source: "train 1"))
        var drawn = (frames: 0, bytes: 0)
        if watch {
            drawn = drawUntilFinished(handle, monitor: runner.monitor)
        } else {
            _ = handle.wait()
        }
        let seconds = runner.perform { $0.session.modelEntry?.trainer?.history.last?.seconds }
        return seconds.map { ($0, drawn) }
    }

    /// The screen's loop without a terminal; returns the frames drawn and the bytes they would write.
    private static func drawUntilFinished(_ handle: RunHandle, monitor: TrainingMonitor) -> (frames: Int, bytes: Int) {
        let text = TextRenderer(mode: .ansi, colorDepth: .palette256)
        var previous: Grid?
        var version = -1
        var frames = 0
        var written = 0
        while true {
            let events = handle.poll()
            if events.contains(where: { if case .finished = $0 { true } else { false } }) {
                break
            }
            let snapshot = monitor.snapshot
            if snapshot.version != version {
                version = snapshot.version
                let panel = LivePanel(snapshot: snapshot, eta: nil, logScale: false, options: .unicode)
                let frame = panel.grid(width: 120, height: 40)
                let diff = GridDiff(from: previous, to: frame)
                for run in diff.runs {
                    var line = Grid(width: run.cells.count, height: 1)
                    for (i, cell) in run.cells.enumerated() {
                        line[i, 0] = cell
                    }
                    written += text.render(line).utf8.count
                }
                previous = frame
                frames += 1
            }
            usleep(50_000)
        }
        return (frames, written)
    }
}
