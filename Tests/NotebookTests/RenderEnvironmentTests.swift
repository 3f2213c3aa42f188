import Canvas
import Notebook
import Testing

@Suite struct RenderEnvironmentTests {
    @Test(arguments: [
        ([:], false),
        (["LANG": "C"], false),
        (["LANG": "POSIX"], false),
        (["LANG": "C.UTF-8"], true),
        (["LANG": "en_US.UTF-8"], true),
        (["LANG": "en_US.utf8"], true),
        (["LANG": "de_DE.Utf-8"], true),
        (["LANG": "en_US.ISO-8859-1"], false),
        (["LANG": ""], false),
        (["LC_ALL": "C", "LANG": "en_US.UTF-8"], false),
        (["LC_ALL": "en_US.UTF-8", "LANG": "C"], true),
        (["LC_CTYPE": "C.UTF-8", "LANG": "C"], true),
        (["LC_CTYPE": "POSIX", "LANG": "en_US.UTF-8"], false),
        (["LC_ALL": "C.UTF-8", "LC_CTYPE": "C"], true),
        (["LC_ALL": "", "LC_CTYPE": "", "LANG": "en_GB.UTF-8"], true),
    ] as [([String: String], Bool)])
    func localeDetection(environment: [String: String], expected: Bool) {
        #expect(localeIsUTF8(environment: environment) == expected)
    }

    @Test(arguments: [
        // isTTY, noColor, utf8, forceASCII -> glyphs, colour
        (true, false, true, false, Glyphs.unicode, true),
        (false, false, true, false, .unicode, false),
        (true, true, true, false, .unicode, false),
        (true, false, false, false, .ascii, true),
        (true, false, true, true, .ascii, true),
        (false, true, false, true, .ascii, false),
    ])
    func terminalOptions(isTTY: Bool, noColor: Bool, utf8: Bool, forceASCII: Bool, glyphs: Glyphs, color: Bool) {
        let options = RenderOptions.forTerminal(isTTY: isTTY, noColor: noColor, utf8: utf8, forceASCII: forceASCII)
        #expect(options == RenderOptions(glyphs: glyphs, color: color))
    }

    @Test(arguments: [
        ([:], false), (["NO_COLOR": ""], false), (["NO_COLOR": "1"], true), (["NO_COLOR": "yes"], true),
    ] as [([String: String], Bool)])
    func noColorVariable(environment: [String: String], expected: Bool) {
        #expect(noColorRequested(environment: environment) == expected)
    }
}
