import Testing
import Canvas
import Notebook
@testable import TerminalUI

@Suite struct HelpViewTests {
    /// The name of the selected command.
    func selectedName(_ view: HelpView) -> String? { HelpView.rows[view.selected].name }

    func pressed(_ keys: [Key], on view: HelpView = HelpView()) -> (view: HelpView, open: Bool) {
        var view = view
        var open = true
        for key in keys where open {
            open = view.handle(key)
        }
        return (view, open)
    }

    @Test func theListHasEveryCommandOnceUnderItsGroup() {
        // The registry's types in order, each type's words: independent of the catalog the view reads.
        let names = HelpView.rows.compactMap(\.name)
        #expect(names == CommandRegistry.entries.flatMap { $0.specs.map(\.name) })
        #expect(names.count == Set(names).count)
        #expect(names.contains("names") && names.contains("load weights") && names.contains("conv2d"))
        let groups = HelpView.rows.compactMap { row -> String? in
            if case .group(let name) = row { return name }
            return nil
        }
        #expect(groups == CommandGroup.allCases.map(\.rawValue))
    }

    @Test func theListAt80x24() {
        let lines = HelpView().grid(width: 80, height: 24, options: .unicodeMonochrome).lines()
        #expect(lines.count == 24)
        #expect(lines[0].hasPrefix("Help: commands"))
        #expect(lines[0].hasSuffix("Enter open  letters jump  Esc close"))
        #expect(lines[1] == "Environment")
        #expect(lines[2].hasPrefix("> seed "))
        #expect(lines[3].hasPrefix("  threads "))
        #expect(lines[23].hasPrefix("usage: seed"))
        #expect(lines.allSatisfy { TextWidth.of($0) <= 80 })
    }

    @Test func theSelectedRowIsReversed() {
        let grid = HelpView().grid(width: 80, height: 24, options: .unicodeMonochrome)
        #expect(grid[0, 2].attributes.contains(.reverse))
        #expect(grid[79, 2].attributes.contains(.reverse))
        #expect(!grid[0, 3].attributes.contains(.reverse))
    }

    @Test func upDownAndJKMoveOverCommandsSkippingHeadings() {
        let commands = HelpView.rows.compactMap(\.name)
        #expect(selectedName(pressed([.down, .down]).view) == commands[2])
        #expect(selectedName(pressed([.character("j"), .character("j"), .character("k")]).view) == commands[1])
        #expect(selectedName(pressed([.up]).view) == commands[0])
        #expect(selectedName(pressed([.end]).view) == commands.last)
        // Past the Environment group: the next row is a heading, Down skips it.
        let environment = Catalog.commands.filter { $0.group == .environment }.count
        #expect(selectedName(pressed(Array(repeating: .down, count: environment)).view) == commands[environment])
    }

    @Test func pageDownMovesAScreenAndKeepsTheSelectionInView() {
        let view = pressed([.pageDown]).view
        let commands = HelpView.rows.compactMap(\.name)
        #expect(selectedName(view) == commands[22])
        let lines = view.grid(width: 80, height: 24, options: .unicodeMonochrome).lines()
        #expect(lines.contains { $0.hasPrefix("> " + commands[22] + " ") })
        #expect(!lines.contains { $0.hasPrefix("> seed") })
    }

    @Test func typedLettersJumpToTheFirstCommandThatStartsWithThem() {
        let (view, open) = pressed([.character("c"), .character("o"), .character("m")])
        #expect(open)
        #expect(selectedName(view) == "compile")
        #expect(view.prefix == "com")
        let lines = view.grid(width: 80, height: 24, options: .unicodeMonochrome).lines()
        #expect(lines[23].hasPrefix("jump 'com'  usage: compile"))
        // q extends a jump in progress instead of closing; a letter that matches nothing starts over.
        #expect(pressed([.character("s"), .character("q")]).open)
        // `transformer` (a Model command) comes before `train` (Training) in the help's order.
        #expect(selectedName(pressed([.character("t"), .character("r")]).view) == "transformer")
        #expect(selectedName(pressed([.character("t"), .character("r"), .character("a"), .character("i")]).view) == "train")
        #expect(selectedName(pressed([.character("t"), .character("r"), .character("d")]).view)?.hasPrefix("d") == true)
    }

    @Test func aJumpThatFindsNothingSaysSo() {
        let view = pressed([.character("z"), .character("z")]).view
        let lines = view.grid(width: 80, height: 24, options: .unicodeMonochrome).lines()
        #expect(lines[23].hasPrefix("no command starts with"))
    }

    @Test func enterOpensThePageAndBackspaceGoesBack() {
        let (opened, _) = pressed([.character("c"), .character("o"), .character("m"), .enter])
        #expect(opened.page?.topic == "compile")
        let lines = opened.grid(width: 80, height: 24, options: .unicodeMonochrome).lines()
        #expect(lines[0].hasPrefix("Help: compile"))
        #expect(lines[1].hasPrefix("compile - "))
        #expect(lines.contains("Usage"))
        #expect(lines.contains { $0.hasPrefix("  optimizer=") })
        #expect(lines.allSatisfy { TextWidth.of($0) <= 80 })
        let back = pressed([.backspace], on: opened).view
        #expect(back.page == nil)
        #expect(selectedName(back) == "compile")
    }

    @Test(arguments: [Key.escape, .character("q")])
    func escAndQClose(_ key: Key) {
        #expect(pressed([key]).open == false)
        #expect(pressed([.enter, key]).open == false)
    }

    @Test func aPageScrollsAndStopsAtItsEnd() {
        var view = HelpView(topic: "compile")
        view.size = Size(width: 80, height: 10)
        let all = view.page?.lines(width: 79).count ?? 0
        #expect(all > 9)
        view = pressed(Array(repeating: Key.pageDown, count: 12), on: view).view
        #expect(view.pageTop == all - 9)
        let lines = view.grid(width: 80, height: 10, options: .unicodeMonochrome).lines()
        #expect(lines[0].contains("\(all - 8)-\(all)/\(all)"))
        #expect(lines[9] == view.page?.lines(width: 79).last?.text)
        view = pressed([.home], on: view).view
        #expect(view.pageTop == 0)
    }

    @Test(arguments: [("conv2d", "Arguments"), ("load weights", "Usage"), ("relu", "relu - "), ("lr", "lr - parameter of"),
                      ("load", "load has"), ("zzzz", "no help for 'zzzz'")])
    func anyWordHelpAnswersHasAPage(_ topic: String, _ expected: String) {
        let view = HelpView(topic: topic)
        #expect(view.page?.topic == topic)
        let text = view.grid(width: 80, height: 24, options: .unicodeMonochrome).lines().joined(separator: "\n")
        #expect(text.contains(expected))
    }

    @Test func aCommandPageSelectsItInTheList() {
        let view = HelpView(topic: "dropout")
        #expect(selectedName(view) == "dropout")
        #expect(selectedName(pressed([.backspace], on: view).view) == "dropout")
    }

    @Test func monochromeHasNoColoursAndAsciiNoUnicode() {
        let ascii = RenderOptions(glyphs: .ascii, color: false)
        let grid = HelpView(topic: "conv2d").grid(width: 80, height: 24, options: ascii)
        #expect(grid.cells.allSatisfy { $0.foreground == nil && $0.background == nil })
        let list = HelpView().grid(width: 80, height: 24, options: ascii)
        #expect(list.cells.allSatisfy { $0.foreground == nil && $0.background == nil })
    }

    @Test func tinySizesDoNotTrap() {
        for (width, height) in [(1, 1), (5, 2), (20, 3), (0, 0)] {
            #expect(HelpView().grid(width: width, height: height).width == max(1, width))
            #expect(HelpView(topic: "conv2d").grid(width: width, height: height).height == max(1, height))
        }
    }
}
