#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether ops record the graph for backward. On by default; `GradMode.off { ... }` for evaluation.
public enum GradMode {
    @TaskLocal static var enabled = true

    /// True when ops record their inputs for backward.
    public static var isEnabled: Bool { enabled }

    /// Runs `body` with recording off (evaluation, prediction, weight updates).
    public static func off<R>(_ body: () throws -> R) rethrows -> R {
        try $enabled.withValue(false) { try body() }
    }
}

extension Tensor {
    /// Reverse-mode autodiff from this scalar: fills `grad` of every tensor that requires one and led here.
    ///
    /// Leaf tensors (parameters) keep their accumulated gradients; the graph and the intermediate
    /// gradients are released afterwards so the buffers return to the cache for the next batch.
    /// - Complexity: O(nodes + edges) besides the ops' own backward kernels.
    public func backward(seed: Float = 1) {
        runBackward(seed: seed, profile: nil)
    }

    /// `backward(seed:)` that also times every node's backward and adds it to the part of the model
    /// `profile` says recorded the node (see `GraphProfile.claim`). Same gradients as `backward(seed:)`.
    public func backward(seed: Float = 1, profile: GraphProfile) {
        runBackward(seed: seed, profile: profile)
    }

    private func runBackward(seed: Float, profile: GraphProfile?) {
        precondition(count == 1, "backward() needs a scalar, got shape \(shape)")
        var order: [Tensor] = []
        var seen = Set<ObjectIdentifier>()
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded { order.append(node); continue }
            guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for input in node.inputs where input.requiresGrad && !seen.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        gradPointer()[0] += seed
        for node in order.reversed() {
            guard let fn = node.backwardFn, node.grad != nil else { continue }
            if let profile {
                let start = GraphProfile.now()
                fn(node)
                profile.add(GraphProfile.now() - start, for: node)
            } else {
                fn(node)
            }
        }
        for node in order where node.backwardFn != nil {
            node.backwardFn = nil
            node.inputs = []
            node.grad = nil
        }
    }
}

/// Backward time per part of a model (a layer, the loss), for profiling one training step.
///
/// Opt-in and outside the ops: after a part's forward pass, `claim(output, part:)` marks every recorded
/// node that led to its output and has no part yet as that part's; `backward(profile:)` then adds each
/// node's backward time to its part. Nodes no part claimed count under `unclaimed`. The marked nodes are
/// held until `finish()` so no identity is reused while the graph lives. Costs nothing when not used.
public final class GraphProfile {
    /// The part of nodes nobody claimed.
    public static let unclaimed = -1
    /// Seconds of backward per part.
    public private(set) var backwardSeconds: [Int: Double] = [:]
    private var parts: [ObjectIdentifier: Int] = [:]
    private var held: [Tensor] = []

    public init() {}

    /// Marks the recorded nodes that led to `output` (stopping at nodes already claimed) as `part`'s.
    /// - Complexity: O(nodes newly claimed + their edges).
    public func claim(_ output: Tensor, part: Int) {
        var stack = [output]
        while let node = stack.popLast() {
            guard node.backwardFn != nil, parts[ObjectIdentifier(node)] == nil else { continue }
            parts[ObjectIdentifier(node)] = part
            held.append(node)
            stack.append(contentsOf: node.inputs)
        }
    }

    /// The part that claimed `node`, or `unclaimed`.
    public func part(of node: Tensor) -> Int { parts[ObjectIdentifier(node)] ?? Self.unclaimed }

    /// Forgets the claimed nodes and the times (between steps).
    public func finish() {
        parts = [:]
        held = []
        backwardSeconds = [:]
    }

    func add(_ seconds: Double, for node: Tensor) {
        backwardSeconds[part(of: node), default: 0] += seconds
    }

    /// Monotonic seconds.
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
