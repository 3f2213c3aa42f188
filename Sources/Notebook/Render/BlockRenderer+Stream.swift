import Canvas

extension BlockRenderer {
    /// Generated text after its prompt, wrapped at the width: the prompt dim, what the model wrote plain.
    func streamGrid(_ block: StreamBlock, width: Int) -> Grid {
        var whole = block.prompt + block.text
        if whole.last?.isNewline == true { whole.removeLast() }
        if whole.isEmpty { whole = " " }
        let lines = TextWrap.lines(of: whole, width: width)
        let characters = Array(whole)
        let promptCount = block.prompt.count
        var grid = Grid(width: width, height: lines.count)
        var position = 0
        for (y, line) in lines.enumerated() {
            // Wrapping drops whitespace at breaks and line ends: skip it in the whole text to stay in step.
            let first = line.first
            while position < characters.count, let first, characters[position] != first, characters[position].isWhitespace {
                position += 1
            }
            let inPrompt = max(0, min(line.count, promptCount - position))
            let prefix = String(line.prefix(inPrompt))
            grid.put(prefix, x: 0, y: y, style: .dim)
            grid.put(String(line.dropFirst(inPrompt)), x: TextWidth.of(prefix), y: y)
            position += line.count
        }
        return grid
    }
}

extension BlockRenderer {
    /// Rows of a scatter plot's frame (labels, ranges) at `width` columns: about a third of the width
    /// (a character cell is twice as tall as wide), between 10 and 24.
    static func scatterHeight(width: Int) -> Int { min(24, max(10, width / 3)) }

    /// The title, the points drawn by their labels, then the notes; the number of labels that became dots.
    func scatterGrid(_ block: ScatterBlock, width: Int) -> Grid {
        var stack = GridStack(width: width)
        stack.appendWrapped(block.title, style: titleStyle)
        let plot = LabelledScatter(points: block.points,
                                   options: options)
        let height = Self.scatterHeight(width: width)
        stack.append(plot, height: height)
        let hidden = plot.hidden(in: Rect(x: 0, y: 0, width: width, height: height))
        for line in block.footer { stack.appendWrapped(line) }
        if hidden > 0 { stack.appendWrapped("\(hidden) label\(hidden == 1 ? "" : "s") overlapping others drawn as dots", style: style(for: .note)) }
        return stack.grid
    }
}
