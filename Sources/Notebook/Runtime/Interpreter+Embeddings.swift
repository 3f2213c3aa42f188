import Foundation
import NeuralNet

// `show embeddings`: an embedding table in the plane of its two principal components.
extension Interpreter {
    func showEmbeddings(_ spec: ShowEmbeddings, at range: SourceRange) throws -> [OutputBlock] {
        let m = try requireModel(at: range)
        let embedding: Embedding
        if let ref = spec.layer {
            let index = try layerIndex(ref, in: m.model)
            guard let e = m.model.layers[index] as? Embedding else {
                throw NotebookError("\(m.model.layers[index].name) is not an embedding layer", at: ref.range,
                                    hint: "give the embedding layer, or leave layer= out for the first one")
            }
            embedding = e
        } else {
            guard let e = m.model.layers.first(where: { $0 is Embedding }) as? Embedding else {
                throw NotebookError("model '\(m.name)' has no embedding layer", at: range, hint: "token models start with `embedding vocab DIM`")
            }
            embedding = e
        }
        guard let table = embedding.table else {
            throw NotebookError("\(embedding.name) has no weights yet", at: range, hint: "add the layer to a model with an input shape")
        }
        let v = embedding.vocabulary, d = embedding.dimension
        guard d >= 2 else {
            throw NotebookError("\(embedding.name) has \(d)-value vectors: there is no plane to project to", at: range, hint: "use an embedding of 2 or more dimensions")
        }
        let codec = session.data?.source.codec
        let ids: [Int]
        if let tokens = spec.tokens {
            guard let codec else {
                throw NotebookError("the current data has no tokens to name", at: tokens.range, hint: "load token data, or leave tokens= out")
            }
            let encoded: [Int]
            do { encoded = try codec.encode(tokens.value) } catch { throw NotebookError(error.message, at: tokens.range, hint: error.hint) }
            var seen = Set<Int>()
            ids = encoded.filter { $0 < v && seen.insert($0).inserted }
            guard ids.count >= 1 else { throw NotebookError("no token of '\(tokens.value)' is in \(embedding.name)'s table", at: tokens.range) }
        } else {
            let frequent = codec?.mostFrequent(spec.count.value) ?? Array(0..<spec.count.value)
            ids = frequent.filter { $0 < v }
        }
        let pointer = table.buffer.pointer
        let rows = (0..<v).map { t in (0..<d).map { pointer[t * d + $0] } }
        let pca = PrincipalComponents(rows: rows, count: 2)
        let points = ids.map { id -> ScatterBlock.Point in
            let xy = pca.project(rows[id])
            return ScatterBlock.Point(x: xy[0], y: xy[1], label: codec.map { $0.decode([id]) } ?? String(id), group: 0)
        }
        let share = pca.totalVariance > 0 ? 100 * (pca.variances[0] + pca.variances[1]) / pca.totalVariance : 0
        let footer = [String(format: "%d of %d tokens; the two axes hold %.0f%% of the variance of the %d-value vectors", ids.count, v, share, d)]
        return [.scatter(ScatterBlock(title: "\(m.name): \(embedding.name) (\(v) x \(d)) in its first two principal components",
                                      points: points, footer: footer))]
    }
}
