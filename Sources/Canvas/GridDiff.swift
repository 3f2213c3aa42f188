/// The cells that changed between two frames of a screen, as horizontal runs.
///
/// A terminal backend keeps the grid it last wrote and asks for the runs that turn it into the next
/// one, so only changed cells are written. Pure: no terminal involved.
///
/// Rules: a run never starts on the right half of a wide character (it starts one cell earlier, at
/// the character itself), and a run that ends on a wide character includes its right half. When the
/// grids differ in size (or there is no previous frame) every row is one run of its whole width.
public struct GridDiff: Hashable, Sendable {
    /// One changed stretch of a row: `cells` replace the cells from (`x`, `y`) to the right.
    public struct Run: Hashable, Sendable {
        public var x: Int
        public var y: Int
        public var cells: [Cell]
        public init(x: Int, y: Int, cells: [Cell]) {
            self.x = x
            self.y = y
            self.cells = cells
        }
    }

    /// The runs, top to bottom, left to right.
    public private(set) var runs: [Run]

    /// True when nothing changed.
    public var isEmpty: Bool { runs.isEmpty }

    /// Cells written in all runs.
    public var cellCount: Int { runs.reduce(0) { $0 + $1.cells.count } }

    /// The runs turning `previous` into `next`.
    ///
    /// - Parameter mergeGap: unchanged cells between two changed stretches of a row up to this many
    ///   are rewritten to make one run (cheaper than moving the cursor); 0 never merges.
    /// - Complexity: O(width × height).
    public init(from previous: Grid?, to next: Grid, mergeGap: Int = 2) {
        var runs: [Run] = []
        guard let previous, previous.width == next.width, previous.height == next.height else {
            for y in 0..<next.height {
                runs.append(Run(x: 0, y: y, cells: Self.row(next, y: y, from: 0, to: next.width)))
            }
            self.runs = runs
            return
        }
        let width = next.width
        for y in 0..<next.height {
            var x = 0
            while x < width {
                guard previous[x, y] != next[x, y] else {
                    x += 1
                    continue
                }
                var start = x
                if next[start, y].isContinuation || previous[start, y].isContinuation, start > 0 {
                    start -= 1
                }
                var end = x + 1
                var gap = 0
                var scan = end
                while scan < width {
                    if previous[scan, y] != next[scan, y] {
                        end = scan + 1
                        gap = 0
                    } else {
                        gap += 1
                        if gap > mergeGap {
                            break
                        }
                    }
                    scan += 1
                }
                if end < width, next[end, y].isContinuation {
                    end += 1
                }
                if let last = runs.last, last.y == y, last.x + last.cells.count >= start {
                    let merged = Self.row(next, y: y, from: last.x, to: max(end, last.x + last.cells.count))
                    runs[runs.count - 1] = Run(x: last.x, y: y, cells: merged)
                } else {
                    runs.append(Run(x: start, y: y, cells: Self.row(next, y: y, from: start, to: end)))
                }
                x = end
            }
        }
        self.runs = runs
    }

    /// Applies the runs to `grid` (the previous frame), giving the next frame. Each run is written
    /// right to left, so a wide character's half is written before the character itself.
    public func apply(to grid: inout Grid) {
        for run in runs {
            for (offset, cell) in run.cells.enumerated().reversed() {
                grid[run.x + offset, run.y] = cell
            }
        }
    }

    private static func row(_ grid: Grid, y: Int, from start: Int, to end: Int) -> [Cell] {
        guard start < end else { return [] }
        return (start..<end).map { grid[$0, y] }
    }
}
