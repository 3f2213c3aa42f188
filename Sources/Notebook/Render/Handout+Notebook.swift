import Foundation

// The Jupyter handout: the title and each comment entry as markdown cells, each command as a code
// cell (numbered in order) whose outputs are its text (errors on stderr) and its pictures as PNG.
extension Handout {
    func notebook() throws -> Data {
        let renderer = BlockRenderer(options: .unicodeMonochrome, width: Self.width)
        let pictures = BlockPicture()
        var notebookCells: [NotebookDocument.Cell] = [.markdown(id: "title", source: "# \(title)\n\n\(summary)")]
        var count = 0
        for (offset, cell) in cells.enumerated() {
            let index = offset + 1
            guard cell.isCommand else {
                let markdown = Self.prose(cell).map { part in
                    switch part {
                    case .paragraph(let lines): lines.joined(separator: "\n")
                    case .heading(let heading): "## " + heading
                    }
                }
                if !markdown.isEmpty {
                    notebookCells.append(.markdown(id: "note-\(index)", source: markdown.joined(separator: "\n\n")))
                }
                continue
            }
            count += 1
            var outputs: [NotebookDocument.Output] = []
            for run in Self.runs(cell.blocks, pictures: pictures) {
                let text = run.text.map { renderer.render($0) }.joined(separator: "\n") + "\n"
                if let picture = run.picture, let png = Self.base64PNG(picture) {
                    outputs.append(.picture(png: png, text: text))
                    continue
                }
                for block in run.text {
                    let name = if case .text(_, .error) = block { "stderr" } else { "stdout" }
                    let line = renderer.render(block) + "\n"
                    if case .stream(let previous, let written)? = outputs.last, previous == name {
                        outputs[outputs.count - 1] = .stream(name: name, text: written + line)
                    } else {
                        outputs.append(.stream(name: name, text: line))
                    }
                }
            }
            notebookCells.append(.code(id: "cell-\(index)", executionCount: count, source: cell.source, outputs: outputs))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(NotebookDocument(cells: notebookCells))
    }
}
