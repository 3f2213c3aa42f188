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
            if let fn = node.backwardFn, node.grad != nil { fn(node) }
        }
        for node in order where node.backwardFn != nil {
            node.backwardFn = nil
            node.inputs = []
            node.grad = nil
        }
    }
}
