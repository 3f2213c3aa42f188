/// Where the time of one training step goes, part by part: each top-level layer of the model (forward
/// and backward), then the loss, the optimiser's update, the loading of the batch and the rest of the
/// step (zeroing gradients, walking and releasing the graph). Made by `Profiler.profile`; every time is
/// the median over the measured steps.
///
/// Loading the batch counts as forward time (it happens before the forward pass), the optimiser's update
/// and the rest as backward time (after it). A layer's backward time is the sum of the backward closures of the graph
/// nodes its forward pass recorded (nested layers count in their top-level layer).
public struct StepProfile: Sendable, Equatable {
    /// What a row measures.
    public enum Part: Sendable, Equatable {
        case layer, loss, optimizer, data, other
    }

    /// One part of the step.
    public struct Row: Sendable, Equatable {
        /// The layer's name (`conv2d_1`), or `loss`, `optimizer`, `data`, `other`.
        public var name: String
        /// The layer's type (`Conv2D`), the loss, the optimiser kind, `BatchLoader`, or `Step`.
        public var type: String
        public var part: Part
        public var forwardSeconds: Double
        public var backwardSeconds: Double
        /// The estimated arithmetic and traffic, when known (layers).
        public var work: LayerWork?
        /// For a layer that runs fused into the one before it (one op, see `LayerFusion`), that layer's
        /// name: this row then has no time or work of its own, the first layer's row has them all.
        public var fusedInto: String?

        public init(name: String, type: String, part: Part, forwardSeconds: Double, backwardSeconds: Double, work: LayerWork? = nil) {
            self.name = name
            self.type = type
            self.part = part
            self.forwardSeconds = forwardSeconds
            self.backwardSeconds = backwardSeconds
            self.work = work
        }

        /// Forward and backward together.
        public var seconds: Double { forwardSeconds + backwardSeconds }

        /// Achieved billions of floating-point operations per second over the row's time (nil without
        /// an estimate, or under 10 µs: a clock tick would decide the figure).
        public var gflops: Double? {
            guard let work, seconds >= 1e-5 else { return nil }
            return Double(work.trainingFLOPs) / seconds / 1e9
        }
    }

    /// Examples in the profiled batch.
    public var batch: Int
    /// Steps measured (after one warm-up step).
    public var steps: Int
    /// Layers in model order, then loss, optimizer, data, other.
    public var rows: [Row]
    /// The median wall time of a whole step.
    public var stepSeconds: Double

    public init(batch: Int, steps: Int, rows: [Row], stepSeconds: Double) {
        self.batch = batch
        self.steps = steps
        self.rows = rows
        self.stepSeconds = stepSeconds
    }

    /// The rows' times added up.
    public var totalSeconds: Double { rows.reduce(0) { $0 + $1.seconds } }

    /// The row's part of `totalSeconds`, 0...1 (0 when nothing was measured).
    public func share(of row: Row) -> Double {
        totalSeconds > 0 ? row.seconds / totalSeconds : 0
    }

    /// The layers' estimated work added up.
    public var work: LayerWork {
        rows.compactMap(\.work).reduce(LayerWork(), +)
    }
}
