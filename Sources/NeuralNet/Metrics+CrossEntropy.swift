import Foundation
import TensorRuntime

extension Metric {
    /// Sum over examples of each example's mean -ln p(target) over its tokens.
    ///
    /// output (N, K) with one class per example, or (N, T, K) with per-token targets (N, T); rows of K
    /// scores, logits or probabilities. A target outside 0..<K scores as the clipped probability 1e-7.
    func crossEntropy(_ output: Tensor, targets: Targets, logits: Bool) -> Double {
        let k = output.shape.last ?? 0
        let labels: [Int32]
        if case .values(let t) = targets {
            let p = t.buffer.pointer
            labels = (0..<t.count).map { Int32(exactly: p[$0].rounded()) ?? -1 }
        } else {
            labels = targets.classIndices
        }
        guard k > 0, !labels.isEmpty, output.count == labels.count * k, let n = output.shape.first, n > 0 else { return 0 }
        let tokens = labels.count / n
        let out = output.buffer.pointer
        let floor = Double(Tensor.probabilityEpsilon)
        var total = 0.0
        for e in 0..<n {
            var sum = 0.0
            for t in 0..<tokens {
                let r = e * tokens + t, row = out + r * k, label = Int(labels[r])
                guard label >= 0 && label < k else { sum -= Foundation.log(floor); continue }
                if logits {
                    // -ln softmax(row)[label] = logsumexp(row) - row[label]
                    var top = row[0]
                    for j in 1..<k where row[j] > top { top = row[j] }
                    var z = 0.0
                    for j in 0..<k { z += Foundation.exp(Double(row[j] - top)) }
                    sum += Foundation.log(z) + Double(top) - Double(row[label])
                } else {
                    let p = min(max(Double(row[label]), floor), 1 - floor)
                    sum -= Foundation.log(p)
                }
            }
            total += sum / Double(max(tokens, 1))
        }
        return total
    }
}
