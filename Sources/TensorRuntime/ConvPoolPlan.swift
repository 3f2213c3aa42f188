// How a convolution fused with the max pooling after it cuts its work (see Tensor.conv2dMaxPool).

/// The work of y = maxpool(act(conv(x, w) + b)) for pooling windows of `pool` x `pool` that tile the
/// convolution's output (stride = size, no padding), from the shape alone.
///
/// A *band* is the `pool` convolution rows that one row of windows covers, in one image; bands are
/// numbered through the batch (band = image · PH + pooled row). Only the convolution outputs some window
/// uses are computed: the `segment` = PW · pool first columns of each of a band's rows, so rows and
/// columns past the last whole window (e.g. the 11th of 11 for a 2x2 pool) are skipped.
/// Chunks are runs of whole images, one pool task each (col2im never crosses a task); a chunk walks its
/// bands in blocks small enough that a block's im2col rows and convolution outputs sit in L2, where they
/// are pooled before they leave: the full convolution output never goes to memory.
struct ConvPoolPlan {
    let g: ConvGeometry
    let pool: Int
    /// Pooled output height and width.
    let ph: Int, pw: Int
    /// Convolution outputs used per convolution row: PW · pool.
    let segment: Int
    /// Convolution outputs per band: pool · segment.
    let bandRows: Int
    let imagesPerChunk: Int
    let bandsPerBlock: Int

    /// Rows (convolution outputs) per full block.
    var blockRows: Int { bandsPerBlock * bandRows }
    var chunks: Int { (g.n + imagesPerChunk - 1) / imagesPerChunk }
    /// Convolution outputs used in the whole batch: N · PH · bandRows.
    var usedRows: Int { g.n * ph * bandRows }

    init(_ g: ConvGeometry, pool: Int, filters: Int) {
        self.g = g
        self.pool = pool
        ph = g.oh / pool
        pw = g.ow / pool
        segment = pw * pool
        bandRows = pool * segment
        imagesPerChunk = max(1, g.n / 8 + (g.n % 8 == 0 ? 0 : 1))   // ceil(n / 8) without overflow
        let target = 32 * 1024    // floats of the wider of a block's im2col rows and outputs: 128 KB
        bandsPerBlock = max(1, target / max(Shape.saturatingProduct(bandRows, max(g.patch, filters)), 1))
    }

    /// Bands of chunk `i`.
    func bands(ofChunk i: Int) -> Range<Int> {
        let lo = i * imagesPerChunk, hi = min(g.n, lo + imagesPerChunk)
        return lo * ph ..< hi * ph
    }

    /// Calls body for each block of `bands`, in order.
    @inline(__always)
    func blocks(_ bands: Range<Int>, _ body: (Range<Int>) -> Void) {
        ConvPlan.pieces(of: bands, size: bandsPerBlock, body)
    }

    /// Calls body(first row in the block, convolution output rows of the batch) for each used segment of
    /// the block's bands, in block order: a segment is one convolution row's first `segment` outputs.
    @inline(__always)
    func segments(_ block: Range<Int>, _ body: (Int, Range<Int>) -> Void) {
        var row = 0
        for band in block {
            let image = band / ph, pooledRow = band % ph
            for i in 0..<pool {
                let start = image * g.pixels + (pooledRow * pool + i) * g.ow
                body(row, start ..< start + segment)
                row += segment
            }
        }
    }
}
