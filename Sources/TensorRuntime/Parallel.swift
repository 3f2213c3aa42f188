/// Memory-bound loops over large arrays, split on the shared pool in fixed chunks.
enum Parallel {
    /// Elements per task for elementwise passes: big enough to amortise a task, small enough to balance.
    static let chunk = 16_384

    /// Runs `body` on consecutive ranges covering 0..<count; serially when the array is small.
    @inline(__always)
    static func chunks(_ count: Int, _ body: (Range<Int>) -> Void) {
        if count <= chunk { body(0..<count); return }
        ThreadPool.shared.parallelBlocks(count, blockSize: chunk, body)
    }

    /// Runs `body(row)` for each of `rows` rows, grouping rows so each task touches about `chunk` elements.
    @inline(__always)
    static func rows(_ rows: Int, width: Int, _ body: (Range<Int>) -> Void) {
        let perTask = max(1, chunk / max(width, 1))
        if rows <= perTask { body(0..<rows); return }
        ThreadPool.shared.parallelBlocks(rows, blockSize: perTask, body)
    }
}
