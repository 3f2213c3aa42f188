// One layer of a model as `export keras` and `export pytorch` see it: what it computes (its kind with
// every hyper-parameter), where it sits (its name and qualified path), its shapes and parameter count.
// Both script writers switch over `Kind`; a layer class with no kind is refused when the plan is made.

import TensorRuntime
import NeuralNet

/// A layer of the exported model, with its configuration read from the NeuralNet layer.
struct ExportedLayer {
    enum Kind {
        case dense(units: Int, activation: ActivationKind, regularizer: Regularizer?)
        case conv2d(filters: Int, kernel: Int, stride: Int, padding: Padding, activation: ActivationKind, regularizer: Regularizer?)
        case conv2dTranspose(filters: Int, kernel: Int, stride: Int, padding: Padding, activation: ActivationKind)
        case pool(max: Bool, size: Int, stride: Int)
        case globalAveragePool2D
        case flatten
        case reshape([Int])
        case dropout(Float)
        case batchNorm(momentum: Float, epsilon: Float)
        case layerNorm(epsilon: Float)
        case activation(ActivationKind)
        case embedding(vocabulary: Int, dimension: Int)
        case attention(heads: Int, keyDim: Int, causal: Bool, dropout: Float)
        case transformer(heads: Int, keyDim: Int, mlp: Int, causal: Bool, dropout: Float)
        case positional(PositionalKind)
        case patches(size: Int, dimension: Int)
        case classToken
        case tokenSelect(Int)
        case globalAveragePool1D
        case recurrent(cell: RecurrentCell, units: Int, activation: ActivationKind, returnSequences: Bool)
        case upsample(Int)
        case sampling
        /// x + body(x); the body's layers (a nested model's layers, or the one layer).
        case residual([ExportedLayer])
        /// A nested model's layers.
        case sequential([ExportedLayer])
    }

    /// The name inside its container (`conv2d_1`).
    let name: String
    /// The qualified name, as the weights are named (`residual_1.conv2d_1`).
    let path: String
    /// The Keras class, as `summary` prints it.
    let typeName: String
    let kind: Kind
    /// One example's shapes, no batch axis.
    let inputShape: [Int]
    let outputShape: [Int]
    /// Every weight value, trained or not (the summary's count).
    let parameters: Int
    /// False when frozen.
    let trainable: Bool
    /// The activation a logits pass leaves out (the model's last activation).
    var activation: ActivationKind {
        switch kind {
        case .dense(_, let a, _), .conv2d(_, _, _, _, let a, _), .conv2dTranspose(_, _, _, _, let a), .activation(let a): return a
        default: return .linear
        }
    }

    /// The layers inside a container (nested model or residual body), empty for plain layers.
    var inner: [ExportedLayer] {
        switch kind {
        case .residual(let body), .sequential(let body): return body
        default: return []
        }
    }

    /// This layer and every layer inside it, depth first.
    var flattened: [ExportedLayer] { [self] + inner.flatMap(\.flattened) }
}

/// Why a model cannot be exported: the layer and what to do.
struct UnexportableLayer: Error {
    let path: String
    let message: String
    let hint: String
}

extension ExportedLayer {
    /// The exported layers of `layers`, fed `inputShape`, named under `prefix` (`residual_1.` or empty).
    static func make(_ layers: [Layer], inputShape: [Int], prefix: String) throws -> [ExportedLayer] {
        var shape = inputShape
        var result: [ExportedLayer] = []
        for layer in layers {
            let out = try layer.outputShape(for: shape)
            result.append(try make(layer, inputShape: shape, outputShape: out, prefix: prefix))
            shape = out
        }
        return result
    }

    private static func make(_ layer: Layer, inputShape: [Int], outputShape: [Int], prefix: String) throws -> ExportedLayer {
        let path = prefix + layer.name
        let count = layer.parameters.reduce(0) { $0 + $1.tensor.count }
        func exported(_ kind: Kind) -> ExportedLayer {
            ExportedLayer(name: layer.name, path: path, typeName: layer.typeName, kind: kind, inputShape: inputShape,
                          outputShape: outputShape, parameters: count, trainable: layer.isTrainable)
        }
        switch layer {
        case let l as Dense: return exported(.dense(units: l.units, activation: l.activation, regularizer: l.regularizer))
        case let l as Conv2D:
            return exported(.conv2d(filters: l.filters, kernel: l.kernelSize, stride: l.stride, padding: l.padding,
                                    activation: l.activation, regularizer: l.regularizer))
        case let l as Conv2DTranspose:
            return exported(.conv2dTranspose(filters: l.filters, kernel: l.kernelSize, stride: l.stride, padding: l.padding, activation: l.activation))
        case let l as Pooling2D:
            guard l.padding == .valid else {
                throw UnexportableLayer(path: path, message: "\(path) pools with padding=same", hint: "only valid pooling is exported")
            }
            return exported(.pool(max: l.mode == .max, size: l.size, stride: l.stride))
        case is GlobalAveragePooling2D: return exported(.globalAveragePool2D)
        case is Flatten: return exported(.flatten)
        case let l as Reshape: return exported(.reshape(l.targetShape))
        case let l as Dropout: return exported(.dropout(l.rate))
        case let l as BatchNormalization: return exported(.batchNorm(momentum: l.momentum, epsilon: l.epsilon))
        case let l as LayerNormalization: return exported(.layerNorm(epsilon: l.epsilon))
        case let l as ActivationLayer: return exported(.activation(l.activation))
        case let l as Embedding: return exported(.embedding(vocabulary: l.vocabulary, dimension: l.dimension))
        case let l as MultiHeadAttention:
            return exported(.attention(heads: l.heads, keyDim: (l.query?.units ?? 0) / l.heads, causal: l.causal, dropout: l.dropout))
        case let l as TransformerBlock:
            let a = l.attention
            return exported(.transformer(heads: a.heads, keyDim: (a.query?.units ?? 0) / a.heads, mlp: l.mlpUnits, causal: a.causal, dropout: l.dropout))
        case let l as PositionalEncoding: return exported(.positional(l.kind))
        case let l as PatchEmbedding: return exported(.patches(size: l.size, dimension: l.dimension))
        case is ClassToken: return exported(.classToken)
        case let l as TokenSelect: return exported(.tokenSelect(l.index))
        case is GlobalAveragePooling1D: return exported(.globalAveragePool1D)
        case let l as RecurrentLayer:
            return exported(.recurrent(cell: l.cell, units: l.units, activation: l.activation, returnSequences: l.returnSequences))
        case let l as UpSampling2D: return exported(.upsample(l.size))
        case is Sampling: return exported(.sampling)
        case let l as Residual:
            let body = l.body is Sequential ? l.children : [l.body]
            return exported(.residual(try make(body, inputShape: inputShape, prefix: path + ".")))
        case let l as Sequential:
            return exported(.sequential(try make(l.layers, inputShape: inputShape, prefix: path + ".")))
        default:
            throw UnexportableLayer(path: path, message: "\(path) (\(layer.typeName)) has no equivalent in the exported script",
                                    hint: "remove or replace it (`remove \(layer.name)`), then export again")
        }
    }
}
