import Canvas

/// Where each part of the notebook screen goes for a terminal size. Pure.
///
/// Top to bottom: the notebook pane (the cells), the live panel when shown, a message line (queued
/// commands, completions, questions), the input line and the status line. From 160x48 up the live
/// panel sits to the right of the notebook instead of under it.
public struct ScreenLayout: Hashable, Sendable {
    public var notebook: Rect
    /// Nil when the live panel is hidden or the screen is too small for it.
    public var live: Rect?
    public var message: Rect
    public var input: Rect
    public var status: Rect

    /// Smallest size that shows notebook and live panel side by side.
    public static let sideBySideSize = Size(width: 160, height: 48)
    /// Rows the stacked live panel takes at most.
    public static let stackedLiveRows = 16

    /// Where the cells go: the notebook pane less its last row when the live panel is stacked under it
    /// (that row holds the rule above the panel; the cells must not be drawn under it).
    public var cells: Rect {
        guard let live, !sideBySide, notebook.maxY == live.y, notebook.height > 0 else { return notebook }
        return Rect(x: notebook.x, y: notebook.y, width: notebook.width, height: notebook.height - 1)
    }

    /// True when notebook and live panel are side by side.
    public var sideBySide: Bool { live.map { $0.y == notebook.y && $0.x > notebook.x } ?? false }

    /// The layout for a `width` x `height` screen.
    public init(width: Int, height: Int, liveVisible: Bool) {
        let width = max(1, width)
        let height = max(1, height)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        input = Rect(x: 0, y: max(0, height - 2), width: width, height: height >= 2 ? 1 : 0)
        message = Rect(x: 0, y: max(0, height - 3), width: width, height: height >= 5 ? 1 : 0)
        let top = max(0, height - 1 - input.height - message.height)
        notebook = Rect(x: 0, y: 0, width: width, height: top)
        live = nil
        guard liveVisible, width >= 30, top >= 8 else { return }
        if width >= Self.sideBySideSize.width, height >= Self.sideBySideSize.height {
            let liveWidth = max(60, width * 2 / 5)
            notebook = Rect(x: 0, y: 0, width: width - liveWidth - 1, height: top)
            live = Rect(x: width - liveWidth, y: 0, width: liveWidth, height: top)
        } else {
            let rows = min(Self.stackedLiveRows, max(7, top / 2))
            notebook = Rect(x: 0, y: 0, width: width, height: top - rows)
            live = Rect(x: 0, y: top - rows, width: width, height: rows)
        }
    }
}
