import TensorRuntime

/// Attention of a patch model (`patches`, optionally `classtoken`, attention layers) as heat over the input
/// image, one map per head: how much the class token (or the average query) attends to each patch.
public enum PatchAttention {
    /// Whose attention is shown.
    public enum Query: Sendable, Equatable {
        /// The class token's row (token 0): what the classifier's summary looks at.
        case classToken
        /// The mean over every query's row: where attention goes on the whole.
        case mean
    }

    /// The patch grid (rows, columns) of `tokens` tokens over a `height` x `width` image, the patches
    /// square and in row-major order, token 0 being a class token when `classToken`; nil when no grid of
    /// square patches fits.
    public static func grid(tokens: Int, height: Int, width: Int, classToken: Bool) -> (rows: Int, columns: Int)? {
        let patches = tokens - (classToken ? 1 : 0)
        guard patches > 0, height > 0, width > 0 else { return nil }
        for rows in 1...min(patches, height) where patches % rows == 0 {
            let columns = patches / rows
            if height % rows == 0, width % columns == 0, height / rows == width / columns { return (rows, columns) }
        }
        return nil
    }

    /// One heat map per head over a `height` x `width` image.
    ///
    /// - Parameters:
    ///   - attention: weights [batch, heads, T, T] (an `AttentionSource`'s `lastAttention`); rows are queries.
    ///   - example: which example of the batch.
    ///   - grid: patch rows and columns; T must be rows * columns (+ 1 with a class token).
    /// - Returns: per head, [height, width] values in [0, 1] (divided by the head's largest patch weight),
    ///   each patch's weight filling its block of pixels.
    /// - Throws: `AttributionError.attentionShape` when the weights do not match the grid, or `classToken`
    ///   is asked for without one.
    public static func heatMaps(_ attention: Tensor, example: Int = 0, grid: (rows: Int, columns: Int), classToken: Bool,
                                query: Query, height: Int, width: Int) throws -> [[Float]] {
        let patches = grid.rows * grid.columns
        let tokens = patches + (classToken ? 1 : 0)
        guard attention.rank == 4, attention.shape[2] == tokens, attention.shape[3] == tokens,
              (0..<attention.shape[0]).contains(example), grid.rows > 0, grid.columns > 0,
              height >= grid.rows, width >= grid.columns, query == .mean || classToken else {
            throw AttributionError.attentionShape(shape: attention.shape, tokens: tokens, classToken: classToken)
        }
        let heads = attention.shape[1]
        let values = attention.array
        return (0..<heads).map { head in
            let base = (example * heads + head) * tokens * tokens
            var patchHeat = [Float](repeating: 0, count: patches)
            let queries = query == .classToken ? 0..<1 : 0..<tokens
            for q in queries {
                for p in 0..<patches {
                    patchHeat[p] += values[base + q * tokens + p + (classToken ? 1 : 0)] / Float(queries.count)
                }
            }
            var map = [Float](repeating: 0, count: height * width)
            for y in 0..<height {
                for x in 0..<width {
                    map[y * width + x] = patchHeat[(y * grid.rows / height) * grid.columns + x * grid.columns / width]
                }
            }
            return AttributionMap.normalized(map)
        }
    }
}
