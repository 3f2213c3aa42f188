// `help keys`: the notebook's keys in one place (the status line shows the few that matter now).

extension Help {
    /// The topic word.
    static let keysTopic = "keys"

    /// Every key of the notebook screen (`gradbook`, `gradbook open FILE`), by what it is used for.
    public static let keys: [String] = [
        "keys - the notebook's keys (the status line shows those that matter now)",
        "typing a line:",
        "  Enter           run it; a line starting with # is a note (never run)",
        "  Tab             complete commands, words, options, values, names, paths",
        "  Ctrl-P, Ctrl-N  history (Up, Down once the line has text); Ctrl-R search",
        "  F1              help on the word at the cursor (empty line: commands)",
        "  Ctrl-D          quit (on an empty line); Ctrl-C clears the line",
        "lessons (gradbook open FILE):",
        "  Ctrl-N          run the next cell not yet run (or Shift-Enter on an",
        "                  empty line, where the terminal sends it)",
        "cells (Up on an empty line selects one; Up and Down move):",
        "  Enter           run the selected command again",
        "  e               edit it in place: Enter puts it back and runs it,",
        "                  Esc cancels (Ctrl-V Enter: a new line in a note)",
        "  R               run from here: a fresh session, the cells above that",
        "                  change it, then this cell and every cell below",
        "  d               delete it (y confirms)",
        "  i, a            a new cell above, below (Esc removes it again)",
        "  J, K            move it down, up (also Alt-Down, Alt-Up)",
        "  f, Space        fold or unfold its output",
        "  Esc             leave the selection",
        "  restart         (typed) a fresh session, then every cell again",
        "while a command runs:",
        "  Ctrl-C          stop at the next batch boundary (and any cells still",
        "                  to run again)",
        "  Esc             the same, on an empty line with nothing open",
        "  F2, F3          live panel on or off; loss chart on a log scale",
        "  PgUp, PgDn      scroll the notebook (the mouse wheel too)",
    ]
}
