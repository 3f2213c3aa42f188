// GNU readline for the notebook's input line (TerminalUI only). readline.h uses FILE without stdio.h.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
