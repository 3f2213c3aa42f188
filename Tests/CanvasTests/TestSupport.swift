@testable import Canvas

/// Draws `widget` into a fresh grid of the given size and returns its trimmed lines.
func render(_ widget: some Widget, width: Int, height: Int) -> [String] {
    var grid = Grid(width: width, height: height)
    grid.draw(widget)
    return grid.lines()
}

/// Draws `widget` into a fresh grid of the given size.
func grid(_ widget: some Widget, width: Int, height: Int) -> Grid {
    var grid = Grid(width: width, height: height)
    grid.draw(widget)
    return grid
}
