// ncursesw for the notebook screen (TerminalUI only).
// SwiftPM drops ncursesw.pc's -D_XOPEN_SOURCE flags, so the wide API is switched on here.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Attribute and mouse macros Swift cannot import.
static const attr_t gb_A_NORMAL = A_NORMAL;
static const attr_t gb_A_BOLD = A_BOLD;
static const attr_t gb_A_DIM = A_DIM;
static const attr_t gb_A_REVERSE = A_REVERSE;
static const attr_t gb_A_UNDERLINE = A_UNDERLINE;
static const mmask_t gb_BUTTON4_PRESSED = BUTTON4_PRESSED;
static const mmask_t gb_BUTTON5_PRESSED = BUTTON5_PRESSED;

// Missing from Swift's Glibc module.
int wcwidth(wchar_t c);

// ESCDELAY is a macro over a function in some builds; set it through one call.
static inline void gb_set_escdelay(int ms) { set_escdelay(ms); }
