import Canvas

// The Markdown handout: the prose as paragraphs, each command and its output as a text block, as
// they render at 80 columns without colour.
extension Handout {
    func markdown() -> String {
        let renderer = BlockRenderer(options: .unicodeMonochrome, width: Self.width)
        var text = "# \(title)\n\n\(summary)\n"
        for cell in cells {
            guard cell.isCommand else {
                for part in Self.prose(cell) {
                    switch part {
                    case .paragraph(let lines): text += "\n" + lines.joined(separator: "\n") + "\n"
                    case .heading(let heading): text += "\n## \(heading)\n"
                    }
                }
                continue
            }
            var body = ">>> \(cell.source)\n"
            for block in cell.blocks {
                body += renderer.render(block) + "\n"
            }
            // A fence longer than any run of backticks in the output, so none ends the block early.
            var fence = "```"
            while body.contains(fence) { fence += "`" }
            text += "\n\(fence)text\n\(body)\(fence)\n"
        }
        return text
    }
}
