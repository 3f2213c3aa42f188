#ifndef GRADBOOK_CZLIB_SHIM_H
#define GRADBOOK_CZLIB_SHIM_H
#include <zlib.h>
#endif
