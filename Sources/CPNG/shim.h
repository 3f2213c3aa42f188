// libpng 1.6 (Debian: libpng-dev), used through its simplified png_image API.
#include <png.h>

// Swift cannot import these function-like or composite macros: the shim exports them as constants.
static const unsigned int CPNG_IMAGE_VERSION = PNG_IMAGE_VERSION;
static const unsigned int CPNG_FORMAT_GRAY = PNG_FORMAT_GRAY;
static const unsigned int CPNG_FORMAT_GA = PNG_FORMAT_GA;
static const unsigned int CPNG_FORMAT_RGB = PNG_FORMAT_RGB;
static const unsigned int CPNG_FORMAT_RGBA = PNG_FORMAT_RGBA;
static const unsigned int CPNG_FORMAT_LINEAR_Y = PNG_FORMAT_LINEAR_Y;
static const unsigned int CPNG_FORMAT_LINEAR_RGB = PNG_FORMAT_LINEAR_RGB;
static const unsigned int CPNG_IMAGE_FLAG_16BIT_sRGB = PNG_IMAGE_FLAG_16BIT_sRGB;
static const unsigned int CPNG_IMAGE_ERROR = PNG_IMAGE_ERROR;
