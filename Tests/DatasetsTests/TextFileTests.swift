import Datasets
import Foundation
import Testing

@Suite("Text files and corpora")
struct TextFileTests {
    static func write(_ bytes: [UInt8], _ path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test("English, Chinese and mixed files read as they are; a BOM is dropped and CRLF/CR become LF")
    func readsAnyScript() throws {
        try TestFiles.withDirectory { dir in
            let cases: [(String, String, String)] = [
                ("en.txt", "The cat sat.\nThe end.\n", "The cat sat.\nThe end.\n"),
                ("zh.txt", "床前明月光，疑是地上霜。\n", "床前明月光，疑是地上霜。\n"),
                ("mixed.txt", "\u{FEFF}Tang 诗 — café\r\nline two\rthree", "Tang 诗 — café\nline two\nthree"),
            ]
            for (name, content, expected) in cases {
                try Self.write(Array(content.utf8), dir.path + "/" + name)
                #expect(try TextFile.read(dir.path + "/" + name) == expected, "\(name)")
            }
        }
    }

    @Test("invalid UTF-8 is an error naming the byte offset, line and column where it breaks")
    func invalidUTF8IsLocated() throws {
        try TestFiles.withDirectory { dir in
            let path = dir.path + "/latin1.txt"
            // "ab\n" then "cé" in Latin-1: the 0xE9 is byte 4, line 2, column 2.
            try Self.write([0x61, 0x62, 0x0A, 0x63, 0xE9, 0x0A], path)
            let message = TestFiles.errorMessage { try TextFile.read(path) }
            #expect(message?.contains("invalid UTF-8 at byte 4 (line 2, column 2): byte 0xE9") == true, "\(message ?? "")")
            #expect(message?.contains("iconv") == true)
            #expect(TextFile.firstInvalidByte(Array("诗".utf8).dropLast()) == TextFile.Break(offset: 0, line: 1, column: 1))
            #expect(TextFile.firstInvalidByte(Array("诗x".utf8) + [0xFF]) == TextFile.Break(offset: 4, line: 1, column: 3))
            #expect(TextFile.firstInvalidByte(Array("ok\n".utf8)) == nil)
        }
    }

    @Test("an empty file, a FIFO, a folder and a missing file are refused without blocking")
    func refusals() throws {
        try TestFiles.withDirectory { dir in
            try Self.write([], dir.path + "/empty.txt")
            #expect(TestFiles.errorMessage { try TextFile.read(dir.path + "/empty.txt") }?.contains("the file is empty") == true)
            try Self.write([0xEF, 0xBB, 0xBF], dir.path + "/bom.txt")
            #expect(TestFiles.errorMessage { try TextFile.read(dir.path + "/bom.txt") }?.contains("the file is empty") == true)
            let pipe = dir.path + "/pipe.txt"
            #expect(mkfifo(pipe, 0o644) == 0)
            #expect(TestFiles.errorMessage { try TextFile.read(pipe) }?.contains("a named pipe, not a regular file") == true)
            #expect(TestFiles.errorMessage { try TextFile.read(dir.path) }?.contains("a folder, not a regular file") == true)
            #expect(TestFiles.errorMessage { try TextFile.read(dir.path + "/none.txt") }?.contains("does not exist") == true)
        }
    }

    @Test("fortune separators become blank lines; colour escapes and control characters are removed")
    func corpusCleaning() {
        let raw = "\u{1B}[32m《静夜思》\u{1B}[m\n床前明月光\n%\nSecond\u{08} one\n%\n"
        #expect(TextCorpus.cleaned(raw) == "《静夜思》\n床前明月光\n\nSecond one\n\n")
        #expect(TextCorpus.cleaned("%percent stays\n%") == "%percent stays\n")
    }

    @Test("corpora are found under a root; a missing package is named with apt-get in the hint")
    func corporaUnderARoot() throws {
        try TestFiles.withDirectory { dir in
            let root = dir.path
            let missing = TestFiles.errorMessage { try TextCorpus.tang300.files(root: root) }
            #expect(missing?.contains("fortunes-zh, which is not installed") == true, "\(missing ?? "")")
            #expect(missing?.contains("sudo apt-get install fortunes-zh") == true)
            let folder = root + "/usr/share/games/fortunes"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for name in ["zippy", "art", "tang300"] {
                try Self.write(Array("\(name) one\n%\n\(name) two\n".utf8), folder + "/" + name)
                try Self.write([0, 1], folder + "/" + name + ".dat")
            }
            try Self.write(Array("no index\n".utf8), folder + "/notes")
            #expect(try TextCorpus.fortunes.files(root: root) == [folder + "/art", folder + "/zippy"])
            #expect(try TextCorpus.fortunes.load(root: root) == "art one\n\nart two\n\nzippy one\n\nzippy two\n")
            #expect(try TextCorpus.tang300.load(root: root) == "tang300 one\n\ntang300 two\n")
            #expect(TestFiles.errorMessage { try TextCorpus.words.files(root: root) }?.contains("wamerican") == true)
        }
    }

    @Test("the installed corpora load when their packages are there (scripts/setup.sh installs them)")
    func installedCorpora() throws {
        for corpus in TextCorpus.allCases {
            guard (try? corpus.files()) != nil else { continue }
            let text = try corpus.load()
            #expect(text.count > 5_000, "\(corpus)")
            #expect(!text.unicodeScalars.contains("\u{1B}"), "\(corpus)")
        }
    }
}
