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
