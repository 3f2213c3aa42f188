// Declarations only (include/CFuzzDriver.h): libFuzzer's runtime defines LLVMFuzzerRunDriver.
#include "CFuzzDriver.h"
