/// A dot raster over a rectangle of cells: 2×4 dots per cell for braille, or
/// 1×1 for ASCII markers. Each cell remembers the last series that drew in it.
struct DotRaster {
    let columns: Int
    let rows: Int
    let dotsPerColumn: Int
    let dotsPerRow: Int
    private(set) var masks: [UInt8]
    private(set) var owners: [Int]

    /// Bit of a braille dot at (column `sx`, row `sy`) inside one cell.
    static let brailleBits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    init(columns: Int, rows: Int, braille: Bool) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        dotsPerColumn = braille ? 2 : 1
        dotsPerRow = braille ? 4 : 1
        masks = Array(repeating: 0, count: self.columns * self.rows)
        owners = Array(repeating: -1, count: self.columns * self.rows)
    }

    /// Dots across.
    var dotWidth: Int { columns * dotsPerColumn }
    /// Dots down.
    var dotHeight: Int { rows * dotsPerRow }

    /// Sets the dot at (`x`, `y`); out-of-range dots are ignored.
    mutating func set(x: Int, y: Int, series: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cx = x / dotsPerColumn, cy = y / dotsPerRow
        let index = cy * columns + cx
        let bit = dotsPerColumn == 2 ? Self.brailleBits[y % 4][x % 2] : 1
        masks[index] |= bit
        owners[index] = series
    }

    /// Sets the dots of a straight line (Bresenham), both ends included.
    mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), series: Int) {
        var x = start.x, y = start.y
        let dx = abs(end.x - x), dy = -abs(end.y - y)
        let stepX = x < end.x ? 1 : -1, stepY = y < end.y ? 1 : -1
        var error = dx + dy
        while true {
            set(x: x, y: y, series: series)
            if x == end.x && y == end.y { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += stepX }
            if doubled <= dx { error += dx; y += stepY }
        }
    }

    /// Sets the dots of a straight line (Bresenham) that follow `pattern`.
    ///
    /// `step` counts the dots along a series' whole path and carries over from one
    /// segment to the next, so a dotted polyline keeps its rhythm. Both ends (data
    /// points) are always set. With `skipStart` the first dot is left alone: it
    /// ended the previous segment.
    mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), series: Int,
                       pattern: LinePattern, step: inout Int, skipStart: Bool) {
        var x = start.x, y = start.y
        let dx = abs(end.x - x), dy = -abs(end.y - y)
        let stepX = x < end.x ? 1 : -1, stepY = y < end.y ? 1 : -1
        var error = dx + dy
        var first = true
        while true {
            let isEnd = (x == start.x && y == start.y) || (x == end.x && y == end.y)
            if !(first && skipStart) {
                if isEnd || pattern.isOn(step) { set(x: x, y: y, series: series) }
                step += 1
            }
            first = false
            if x == end.x && y == end.y { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += stepX }
            if doubled <= dx { error += dx; y += stepY }
        }
    }

    /// The braille character for a cell, or `nil` when no dot is set.
    func brailleCharacter(column: Int, row: Int) -> Character? {
        let mask = masks[row * columns + column]
        guard mask != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(mask)) else { return nil }
        return Character(scalar)
    }

    /// The last series that drew into a cell, or `nil`.
    func owner(column: Int, row: Int) -> Int? {
        let owner = owners[row * columns + column]
        return owner >= 0 ? owner : nil
    }
}
