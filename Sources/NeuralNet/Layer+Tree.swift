import TensorRuntime

/// One weight found by walking a layer tree.
public struct TreeParameter {
    /// Qualified name relative to the layer walked (`conv2d_1.kernel`, or `kernel` for a plain layer).
    public let name: String
    public let parameter: Parameter
    /// The plain layer that holds the weight.
    public let owner: Layer
    /// True when the owner and every container above it are trainable (not frozen).
    public let layerTrainable: Bool
    /// True when an optimiser updates it: a trainable weight of an unfrozen layer.
    public var isTrained: Bool { layerTrainable && parameter.trainable }
}

// The layer tree (MLX's Module pattern): containers list their children, and everything that needs the
// weights (optimisers, regularisation, freezing, summaries, checkpoints) walks the tree. Names are unique
// among the children of one container, so a qualified path (`residual_1.conv2d_1`) is unique in a model.
extension Layer {
    /// Every weight of this layer's tree, depth first in child order, with qualified names.
    public var parameterTree: [TreeParameter] {
        var found: [TreeParameter] = []
        collectParameters(prefix: "", enclosingTrainable: true, into: &found)
        return found
    }

    private func collectParameters(prefix: String, enclosingTrainable: Bool, into found: inout [TreeParameter]) {
        let trainable = enclosingTrainable && isTrainable
        let kids = children
        if !isContainer {
            for p in parameters {
                found.append(TreeParameter(name: prefix + p.name, parameter: p, owner: self, layerTrainable: trainable))
            }
            return
        }
        for child in kids {
            child.collectParameters(prefix: prefix + child.name + ".", enclosingTrainable: trainable, into: &found)
        }
    }

    /// A container's `parameters`: its children's weights named `child.weight`.
    public var childParameters: [Parameter] {
        parameterTree.map { Parameter($0.name, $0.parameter.tensor, trainable: $0.parameter.trainable, regularizer: $0.parameter.regularizer) }
    }

    /// Number of values in weights an optimiser updates (`trainable: true`) or not (frozen layers' weights
    /// and statistics such as batch norm's moving mean), over the whole tree.
    public func parameterCount(trainable: Bool) -> Int {
        parameterTree.filter { $0.isTrained == trainable }.reduce(0) { Shape.saturatingSum($0, $1.parameter.tensor.count) }
    }

    /// Every layer below this one, depth first, with its path relative to this layer (`residual_1.conv2d_1`).
    public var descendants: [(path: String, layer: Layer)] {
        children.flatMap { child in [(child.name, child)] + child.descendants.map { (child.name + "." + $0.path, $0.layer) } }
    }

    /// This layer and every layer below it (containers count as one each).
    public var treeSize: Int {
        children.reduce(1) { Shape.saturatingSum($0, $1.treeSize) }
    }

    /// How many containers deep the tree goes: 0 for a plain layer, 1 for a block of plain layers, one
    /// more for each block inside a block.
    public var nestingDepth: Int {
        isContainer ? 1 + (children.map(\.nestingDepth).max() ?? 0) : 0
    }
}

extension Tensor {
    /// A copy of a weight for a cloned layer: same values and `requiresGrad`, no gradient, no history.
    func parameterCopy() -> Tensor {
        let copy = detached()
        copy.requiresGrad = requiresGrad
        return copy
    }
}

extension Optional where Wrapped == Tensor {
    /// `parameterCopy()` of a weight that may not be built yet.
    func parameterCopy() -> Tensor? { map { $0.parameterCopy() } }
}

extension Sequential {
    /// The layer at a qualified path: a top-level name (`dense_1`) or a nested one (`residual_1.conv2d_1`).
    public func layer(atPath path: String) throws -> Layer {
        let all = descendants
        guard let found = all.first(where: { $0.path == path }) else {
            throw ModelError.unknownLayer(path, known: all.map(\.path))
        }
        return found.layer
    }
}
