import Canvas
import Notebook

/// The browsable help (`help` or F1 in the notebook): the command list grouped as `help` groups it,
/// and one command's page. Pure: keys change the state (``handle(_:)``), ``grid(width:height:)`` draws it.
///
/// List: Up/Down or j/k move, PgUp/PgDn move a screen, letters jump to the first command that starts
/// with what was typed, Enter opens the page. Page: Up/Down, PgUp/PgDn and Space scroll, Backspace
/// goes back to the list. Esc or q closes.
public struct HelpView: Sendable, Equatable {
    /// A row of the command list.
    public enum Row: Sendable, Equatable {
        case group(String)
        case command(name: String, summary: String, syntax: String)

        var name: String? {
            if case .command(let name, _, _) = self { return name }
            return nil
        }
    }

    /// Every group heading and command, in `help`'s order.
    public static let rows: [Row] = CommandGroup.allCases.flatMap { group in
        [Row.group(group.rawValue)] + Catalog.commands.filter { $0.group == group }.map {
            Row.command(name: $0.name, summary: $0.summary, syntax: $0.syntax)
        }
    }

    /// The selected row (always a command).
    public private(set) var selected: Int
    /// The first list row shown.
    public private(set) var top = 0
    /// The page shown, or nil for the list.
    public private(set) var page: HelpPage?
    /// The first page line shown.
    public private(set) var pageTop = 0
    /// Letters typed to jump.
    public private(set) var prefix = ""
    /// A short note for the bottom row (a jump that found nothing).
    public private(set) var notice: String?
    /// The size the view was last drawn at: PgUp/PgDn move by it.
    public var size = Size(width: 80, height: 24)

    /// The list, or `topic`'s page when given.
    public init(topic: String? = nil) {
        selected = Self.rows.firstIndex { $0.name != nil } ?? 0
        if let topic, !topic.isEmpty {
            open(HelpPage(topic: topic))
        }
    }

    /// Rows of the list (or lines of the page) that fit under the title.
    var visibleRows: Int { max(1, size.height - (page == nil ? 2 : 1)) }

    /// Applies `key`; false when the view closes.
    public mutating func handle(_ key: Key) -> Bool {
        notice = nil
        if key == .escape || (key == .character("q") && prefix.isEmpty) {
            return false
        }
        if page != nil {
            handlePage(key)
        } else {
            handleList(key)
        }
        return true
    }

    private mutating func handleList(_ key: Key) {
        if case .character(let c) = key, !(prefix.isEmpty && (c == "j" || c == "k")), c != " " {
            jump(with: c)
            return
        }
        if key == .backspace {
            if !prefix.isEmpty {
                prefix.removeLast()
            }
            return
        }
        prefix = ""
        switch key {
        case .up, .character("k"), .wheelUp: move(by: key == .wheelUp ? -KeyMap.wheelRows : -1)
        case .down, .character("j"), .wheelDown: move(by: key == .wheelDown ? KeyMap.wheelRows : 1)
        case .pageUp: move(by: -visibleRows)
        case .pageDown: move(by: visibleRows)
        case .home: move(by: -Self.rows.count)
        case .end: move(by: Self.rows.count)
        case .enter, .right:
            if let name = Self.rows[selected].name {
                open(HelpPage(topic: name))
            }
        default: break
        }
    }

    private mutating func handlePage(_ key: Key) {
        switch key {
        case .backspace, .left, .character("h"):
            page = nil
            pageTop = 0
            keepSelectionVisible()
        case .up, .character("k"): pageTop -= 1
        case .down, .character("j"), .enter: pageTop += 1
        case .wheelUp: pageTop -= KeyMap.wheelRows
        case .wheelDown: pageTop += KeyMap.wheelRows
        case .pageUp: pageTop -= visibleRows - 1
        case .pageDown, .character(" "): pageTop += visibleRows - 1
        case .home: pageTop = 0
        case .end: pageTop = Int.max / 2
        default: break
        }
        pageTop = max(0, min(pageTop, maxPageTop))
    }

    /// The last useful first line of the page at the current size.
    var maxPageTop: Int {
        guard let page else { return 0 }
        return max(0, page.lines(width: size.width - 1).count - visibleRows)
    }

    private mutating func open(_ page: HelpPage) {
        self.page = page
        pageTop = 0
        prefix = ""
        if let command = page.command, let row = Self.rows.firstIndex(where: { $0.name == command }) {
            selected = row
        }
    }

    /// Typing: the first command starting with the letters typed so far.
    private mutating func jump(with character: Character) {
        let extended = (prefix + String(character)).lowercased()
        if let row = Self.rows.firstIndex(where: { $0.name?.hasPrefix(extended) ?? false }) {
            prefix = extended
            selected = row
        } else if let row = Self.rows.firstIndex(where: { $0.name?.hasPrefix(String(character).lowercased()) ?? false }) {
            // Starts over with this letter.
            prefix = String(character).lowercased()
            selected = row
        } else {
            notice = "no command starts with '\(extended)'"
            return
        }
        keepSelectionVisible()
    }

    /// Moves the selection by `step` commands (group headings are skipped).
    private mutating func move(by step: Int) {
        let commands = Self.rows.indices.filter { Self.rows[$0].name != nil }
        guard let position = commands.firstIndex(of: selected) else { return }
        selected = commands[max(0, min(commands.count - 1, position + step))]
        keepSelectionVisible()
    }

    private mutating func keepSelectionVisible() {
        top = Self.clampedTop(top, selected: selected, visible: visibleRows, count: Self.rows.count)
    }

    /// `top` moved as little as possible so the selection (and the heading just above it) shows.
    static func clampedTop(_ top: Int, selected: Int, visible: Int, count: Int) -> Int {
        var top = top
        let heading = selected > 0 && rows.indices.contains(selected - 1) && rows[selected - 1].name == nil ? selected - 1 : selected
        if heading < top {
            top = heading
        }
        if selected >= top + visible {
            top = selected - visible + 1
        }
        return max(0, min(top, count - visible))
    }
}
