import TensorRuntime

/// One pruned weight: which of its values stay (`keep[i]`) and which are held at zero. The mask holds the
/// tensor itself, so it follows the weight through renames; `Sequential.applyPruneMasks` zeroes the
/// pruned values again after every optimiser step, so fine-tuning keeps the sparsity.
public struct PruneMask {
    /// The qualified name when the mask was made (`conv2d_1.kernel`).
    public let name: String
    /// The weight.
    public let tensor: Tensor
    /// One flag per value: true for a value that is trained, false for one held at zero.
    public let keep: [Bool]
    /// How many values are held at zero.
    public var prunedCount: Int { keep.reduce(0) { $0 + ($1 ? 0 : 1) } }
}

/// What `prune` did to one weight.
public struct PruneResult: Sendable, Equatable {
    public let name: String
    public let count: Int
    public let zeroed: Int
    public init(name: String, count: Int, zeroed: Int) { self.name = name; self.count = count; self.zeroed = zeroed }
}

extension Sequential {
    /// Whether magnitude pruning applies to a weight: kernels (dense, convolution, those inside attention
    /// and blocks) and embedding tables. Biases, normalisation scales/shifts and statistics are left dense,
    /// as TensorFlow Model Optimization does: they are few and a zero there shifts every output.
    public static func isPrunable(_ parameter: Parameter) -> Bool {
        parameter.trainable && (parameter.name == "kernel" || parameter.name == "embeddings")
    }

    /// The prunable weights of the top-level layers `indices` (nested weights included), with qualified names.
    public func prunableWeights(layers indices: [Int]) -> [(name: String, tensor: Tensor)] {
        indices.flatMap { i in
            layers[i].parameterTree.filter { Sequential.isPrunable($0.parameter) }
                .map { (name: "\(layers[i].name).\($0.name)", tensor: $0.parameter.tensor) }
        }
    }

    /// Zeroes the `percent`% smallest-magnitude values of each prunable weight of the top-level layers
    /// `indices`, per weight (as Keras's `prune_low_magnitude`): round(n · percent / 100) values, the
    /// smallest |w| first, ties broken by position (lower index first). The mask is combined with any
    /// earlier one, so a weight already sparser stays as sparse. `percent` in [0, 100].
    @discardableResult
    public func prune(layers indices: [Int], percent: Double) -> [PruneResult] {
        precondition(percent >= 0 && percent <= 100, "percent \(percent) outside [0, 100]")
        var results: [PruneResult] = []
        for (name, tensor) in prunableWeights(layers: indices) {
            let n = tensor.count
            let target = min(n, Int((Double(n) * percent / 100).rounded()))
            let p = tensor.buffer.pointer
            let order = (0..<n).sorted { (abs(p[$0]), $0) < (abs(p[$1]), $1) }
            var keep = pruneMasks.first { $0.tensor === tensor }?.keep ?? [Bool](repeating: true, count: n)
            for i in order.prefix(target) { keep[i] = false }
            pruneMasks.removeAll { $0.tensor === tensor }
            let mask = PruneMask(name: name, tensor: tensor, keep: keep)
            pruneMasks.append(mask)
            results.append(PruneResult(name: name, count: n, zeroed: mask.prunedCount))
        }
        applyPruneMasks()
        return results
    }

    /// Sets every pruned value to zero again (after an optimiser step or a load).
    public func applyPruneMasks() {
        for mask in pruneMasks where mask.tensor.count == mask.keep.count {
            let p = mask.tensor.buffer.pointer
            for (i, k) in mask.keep.enumerated() where !k { p[i] = 0 }
        }
    }

    /// Forgets every mask (the weights keep their values; training may then revive pruned ones).
    public func clearPruneMasks() { pruneMasks = [] }

    /// The mask of `tensor`, if it was pruned.
    public func pruneMask(of tensor: Tensor) -> PruneMask? { pruneMasks.first { $0.tensor === tensor } }

    /// The fraction of exact zeros in `tensor` (pruned or not: an L1 penalty makes zeros too).
    public static func zeroFraction(_ tensor: Tensor) -> Double {
        guard tensor.count > 0 else { return 0 }
        let p = tensor.buffer.pointer
        var zeros = 0
        for i in 0..<tensor.count where p[i] == 0 { zeros += 1 }
        return Double(zeros) / Double(tensor.count)
    }
}
