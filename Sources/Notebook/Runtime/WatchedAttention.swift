import TensorRuntime

/// The heat map `watch attention` keeps on the live panel, handed from the worker to a front end.
///
/// The interpreter publishes a fresh `AttentionView` at every refresh (or nil when the watch ends) on the
/// worker thread; a front end reads `snapshot` from its own thread and redraws when the version changed.
/// It lives beside the `TrainingMonitor` (training's numbers), which knows nothing of display values.
public final class WatchedAttention: Sendable {
    public struct Snapshot: Sendable, Equatable {
        /// Changes on every publish.
        public var version = 0
        /// The watched heat map, nil when nothing is watched.
        public var view: AttentionView?
        /// The watched decision boundary (`watch boundary`), nil when none is watched.
        public var boundary: PlaneBlock?
    }
    private let state = Locked(Snapshot())

    public init() {}

    /// Replaces the watched heat map, or clears it with nil (worker side).
    public func publish(_ view: AttentionView?) {
        state.withLock { s in
            s.view = view
            s.version += 1
        }
    }

    /// Replaces the watched decision boundary, or clears it with nil (worker side).
    public func publish(boundary: PlaneBlock?) {
        state.withLock { s in
            s.boundary = boundary
            s.version += 1
        }
    }

    /// The latest heat map and its version.
    public var snapshot: Snapshot { state.withLock { $0 } }
}
