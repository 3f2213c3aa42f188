#ifndef GRADBOOK_CFUZZDRIVER_H
#define GRADBOOK_CFUZZDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (in the runtime that `-sanitize=fuzzer` links): parses the libFuzzer flags in
/// argv and runs `callback` on each input. Only referenced by builds with -DFUZZING.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
